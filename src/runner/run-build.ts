/**
 * Runs a {@link BuildPlan} image by image: schedules the builds along the graph, runs each one's
 * `docker buildx build` (buildx-argv.ts) in the project root, writes its output to its log file and to the progress view, and reports what
 * happened to every image. An abort (SIGINT/SIGTERM) or `failFast` stops the running docker
 * processes; what never ran is reported as cancelled.
 */
import type { BuildPlan, ImageBuild } from '../plan/image-build.js';
import { buildxArgv } from '../plan/buildx-argv.js';
import { commandLine } from '../plan/format-plan.js';
import { BUILD_ENV, type Engine } from '../engine/engine.js';
import { imageSize } from '../engine/images.js';
import { logFileOf, openImageLog, type ImageLog } from './logs.js';
import type { Progress } from './progress/progress.js';
import type { ImageResult } from './result.js';
import { schedule, type JobOutcome, type JobResult } from './schedule.js';
import { phaseDone } from '../timing.js';

export interface RunBuildOptions extends Engine {
  readonly root: string;
  readonly logsDir: string;
  readonly parallel: number;
  readonly failFast?: boolean;
  readonly signal?: AbortSignal;
  readonly progress: Progress;
  /**
   * Runs before an image's docker build, with its log (pre-build inputs: fetched files, an
   * assembled context). May give another build context, and clean up once the build is over.
   */
  readonly prepare?: (build: ImageBuild, log: (line: string) => void, signal: AbortSignal) => Promise<Prepared | undefined>;
  /**
   * Runs first, once the image's parents are done (input digests, see src/digest/skipper.ts):
   * `{ upToDate }` ends the build there (status `up-to-date`, no log written, nothing run);
   * otherwise the build goes ahead with the labels it adds (the input digest), its notes under the
   * command in the log, and `built()` once docker succeeded.
   */
  readonly decide?: (build: ImageBuild, signal: AbortSignal) => Promise<BuildDecision>;
  /** Log lines kept to show under a failed image (default 20). */
  readonly tailLines?: number;
  readonly now?: () => number;
  /** The engine a build talks to, when the plan names engines (spread-engines.ts); else this one. */
  readonly engineOf?: (build: ImageBuild) => Engine;
  /** Names each parent built on another engine by its pushed digest (parent-handover.ts), once the parents are done. */
  readonly handover?: (build: ImageBuild, signal: AbortSignal) => Promise<ImageBuild>;
}

export interface BuildReport {
  /** One per build, in plan order. */
  readonly results: readonly ImageResult[];
  /** The run was stopped by its signal. */
  readonly interrupted: boolean;
  /** Every image was built or up to date. */
  readonly ok: boolean;
}

/** What {@link RunBuildOptions.decide} hands back. */
export type BuildDecision =
  | { readonly upToDate: string; readonly size?: number }
  | {
      readonly labels?: Readonly<Record<string, string>>;
      readonly notes?: readonly string[];
      readonly built?: () => Promise<void>;
    };

/** What {@link RunBuildOptions.prepare} hands back. */
export interface Prepared {
  /** The build context to use instead of the image's own (an assembled one). */
  readonly context?: string;
  readonly cleanup?: () => Promise<void>;
}

class BuildFailed extends Error {}

/** BuildKit's own verdict (`ERROR: failed to solve: …`), else docker's exit code. */
const reasonOf = (tail: readonly string[], exitCode: number): string =>
  [...tail]
    .reverse()
    .find((l) => l.startsWith('ERROR:'))
    ?.replace(/^ERROR:\s*/, '') ?? `docker exited with ${exitCode}`;

export async function runBuild(plan: BuildPlan, options: RunBuildOptions): Promise<BuildReport> {
  const { docker, root, progress } = options;
  const logs = new Map<string, ImageLog>();
  const sizes = new Map<string, number | undefined>();
  const builds = new Map(plan.builds.map((s) => [s.id, s]));
  const upToDate = new Map<string, string>();
  let failFastBy: string | undefined;

  const buildOne = async (planned: ImageBuild, signal: AbortSignal): Promise<JobOutcome> => {
    const decision = await options.decide?.(planned, signal);
    if (decision && 'upToDate' in decision) {
      upToDate.set(planned.id, decision.upToDate);
      sizes.set(planned.id, decision.size);
      return 'up-to-date';
    }
    const labelled = decision?.labels ? { ...planned, labels: { ...planned.labels, ...decision.labels } } : planned;
    const log = openImageLog(logFileOf(root, options.logsDir, labelled.dir), options.tailLines ?? 20);
    logs.set(labelled.id, log);
    let prepared: Prepared | undefined;
    try {
      const build = options.handover ? await options.handover(labelled, signal) : labelled;
      prepared = await options.prepare?.(build, (line) => log.write(line), signal);
      const { argv, env } = buildxArgv(prepared?.context ? { ...build, context: prepared.context } : build, plan);
      log.write(`$ ${commandLine(argv, env)}`);
      decision?.notes?.forEach((line) => log.write(line));
      phaseDone(`${build.id}: log opened, argv ready`);
      const result = await docker.run(argv, {
        cwd: root,
        env: { ...BUILD_ENV, ...options.env, ...env },
        signal,
        onLine: (line) => {
          log.write(line);
          progress.line(build.id, line);
        },
      });
      phaseDone(`${build.id}: docker buildx build`);
      if (result.exitCode !== 0) throw new BuildFailed(reasonOf(log.tail(), result.exitCode));
      const primary = build.tags[0];
      sizes.set(build.id, primary === undefined ? undefined : await imageSize(options.engineOf?.(build) ?? options, primary));
      phaseDone(`${build.id}: image size`);
      await decision?.built?.();
      phaseDone(`${build.id}: input record written`);
      return 'built';
    } finally {
      await prepared?.cleanup?.();
      await log.close();
    }
  };

  const toResult = (r: JobResult): ImageResult => {
    const build = builds.get(r.id) as ImageBuild;
    const log = logs.get(r.id);
    const size = sizes.get(r.id);
    const reason =
      r.status === 'failed'
        ? r.error instanceof Error
          ? r.error.message
          : String(r.error)
        : r.status === 'skipped-dependency'
          ? `${r.blockedBy} did not build`
          : r.status === 'up-to-date'
            ? upToDate.get(r.id)
            : r.status === 'cancelled'
              ? options.signal?.aborted
                ? 'interrupted'
                : failFastBy
                  ? `stopped after ${failFastBy} failed (--fail-fast)`
                  : undefined
              : undefined;
    return {
      id: r.id,
      status: r.status,
      ms: r.ms,
      tags: build.tags,
      ...(size !== undefined ? { size } : {}),
      ...(log ? { logFile: log.file } : {}),
      ...(reason ? { reason } : {}),
      ...(r.status === 'failed' && log ? { tail: log.tail() } : {}),
    };
  };

  const results = new Map<string, ImageResult>();
  await schedule(plan.builds, buildOne, {
    parallel: options.parallel,
    failFast: options.failFast === true,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.now ? { now: options.now } : {}),
    onStart: (id) => progress.start(id),
    onResult: (r) => {
      if (r.status === 'failed' && options.failFast && failFastBy === undefined) failFastBy = r.id;
      const result = toResult(r);
      results.set(r.id, result);
      progress.done(result);
    },
  });
  const ordered = plan.builds.map((s) => results.get(s.id) as ImageResult);
  return {
    results: ordered,
    interrupted: options.signal?.aborted === true,
    ok: ordered.every((r) => r.status === 'built' || r.status === 'up-to-date'),
  };
}
