/**
 * Runs a build, whatever the plan's source: the full path (definitions loaded, cli/actions/build.ts)
 * and the no-op fast path (a snapshot, fast-build.ts) both end here. Every image is decided
 * (input digests), what is out of date is built (run-plan.ts), and the run ends the same way:
 * progress closed, hash cache saved, summary and failures printed. When every image is up to date
 * nothing of the build runner is loaded.
 */
import type { Engine } from '../engine/engine.js';
import { loadProcessRunner } from '../engine/docker-exec.js';
import type { Decision, Skipper } from '../incremental/skipper.js';
import type { ImageModel } from '../model/resolved.js';
import { ownDirs } from '../model/own-dirs.js';
import type { Settings } from '../model/settings.js';
import { spansEngines } from '../plan/build-engine.js';
import type { BuildPlan } from '../plan/image-build.js';
import { phaseDone } from '../timing.js';
import { reportBuild } from './build-error.js';
import { createProgress, type Progress, type ProgressMode } from './progress/progress.js';
import type { Streams } from './push-report.js';
import { upToDateResult } from './result.js';
import type { BuildReport } from './run-build.js';

export interface BuildJob {
  /** Absolute project root. */
  readonly root: string;
  readonly settings: Settings;
  /** The images of the plan (as planned: `--target` applied). */
  readonly images: readonly ImageModel[];
  readonly plan: BuildPlan;
  readonly engine: Engine;
  readonly skipper: Skipper;
  readonly progress: ProgressMode;
  readonly parallel: number;
  readonly failFast: boolean;
  /** Out-of-date images go to one `docker buildx bake` (not `--no-bake`). */
  readonly bake: boolean;
  /** No progress view, no summary, no interrupt error: the caller shows the report (`watch`). */
  readonly quiet?: boolean;
}

let runner: Promise<[typeof import('./run-plan.js'), typeof import('./inputs/build-hook.js'), unknown]> | undefined;

/**
 * The modules a run that builds needs (the runner, pre-build inputs, the process runner), loaded
 * once: a caller that knows a build will run starts this while it waits for something else.
 */
export const loadBuildRunner = (): NonNullable<typeof runner> =>
  (runner ??= Promise.all([import('./run-plan.js'), import('./inputs/build-hook.js'), loadProcessRunner()]));

/**
 * Whether a run of these decisions needs the build runner: an image to build, or a plan over
 * several engines (its run reports each image's pushed digest even when all are up to date).
 */
export const needsRunner = (plan: BuildPlan, decisions: readonly Decision[]): boolean =>
  !decisions.every((d) => 'upToDate' in d) || spansEngines(plan);

const silent: Progress = { start: () => undefined, line: () => undefined, done: () => undefined, close: () => undefined };

/** Runs the job; `decided`: decisions already made (the fast path decides before it commits to a run). */
export async function executeBuild(job: BuildJob, io: Streams, decided?: readonly Decision[]): Promise<BuildReport> {
  const json = job.progress === 'json';
  const progress = job.quiet ? silent : createProgress(job.progress, json ? io.stdout : io.stderr);
  // with --progress json, stdout carries only events
  const out = { summary: json ? io.stderr : io.stdout, errors: io.stderr };
  let report: BuildReport;
  try {
    // every image decided before the runner is loaded: a run that does not need it never loads it
    const made = decided ?? (await Promise.all(job.plan.builds.map((build) => job.skipper.decide(build))));
    const decisions = new Map(made.map((d, n) => [job.plan.builds[n]?.id as string, d]));
    if (!needsRunner(job.plan, made)) {
      phaseDone('input digests and decisions');
      report = upToDate(job.plan, made, progress);
    } else {
      const [{ runPlan }, { hasOwnInputs, inputsPreparer }] = await loadBuildRunner();
      phaseDone('build runner loaded');
      report = await runPlan(job.plan, {
        ...job.engine,
        decide: async (build) => decisions.get(build.id) ?? job.skipper.decide(build),
        prepare: inputsPreparer(job.images, { root: job.root, cacheDir: job.settings.cacheDir, ownDirs: ownDirs(job.settings) }),
        ownBuild: hasOwnInputs(job.images),
        bake: job.bake,
        warn: (line) => io.stderr.write(`warning: ${line}\n`),
        root: job.root,
        logsDir: job.settings.logsDir,
        parallel: job.parallel,
        failFast: job.failFast,
        progress,
        ...(io.signal ? { signal: io.signal } : {}),
      });
    }
  } finally {
    progress.close();
    await job.skipper.close();
    phaseDone('hash cache saved');
  }
  if (!job.quiet) reportBuild(report, out, job.root);
  phaseDone('summary');
  return report;
}

function upToDate(plan: BuildPlan, decided: readonly Decision[], progress: Progress): BuildReport {
  const results = plan.builds.map((build, n) => upToDateResult(build, decided[n] as Extract<Decision, { upToDate: string }>));
  for (const r of results) {
    progress.start(r.id);
    progress.done(r);
  }
  return { results, interrupted: false, ok: true };
}
