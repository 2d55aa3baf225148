/**
 * Runs a {@link BuildPlan} the fastest way that keeps every image's result its own:
 * 1. every build is decided first (input digests: up to date, or build with these labels);
 * 2. the out-of-date images that can share one BuildKit session go to one `docker buildx bake`
 *    (run-bake.ts): a child starts from its parent's result in the same solve, and one process
 *    starts instead of one per image. A child that takes its parent by image (a registry cache, a
 *    parent on another engine: plan/parent-by-image.ts) goes in a later session, once its parent
 *    is built: sessions go wave by wave while a wave holds two or more images on an engine, or
 *    one that others wait for;
 * 3. whatever is left — images bake did not finish because another failed, images with pre-build
 *    inputs, everything when bake cannot be used — is built image by image along the graph
 *    (run-build.ts), which isolates failures: a failure skips the failed image's descendants only.
 * A failed bake therefore costs its failed image one more (cached) build, never another image's
 * work. An image bake built on other layers than the parent it names (base-check.ts) is built
 * again the same way, with the images on it. The full build and its fast path
 * (src/digest/fast-build.ts) both end here.
 */
import { phaseDone } from '../timing.js';
import { bakeSession } from '../plan/bake-session.js';
import { nextSession, parentLinkOf } from '../plan/parent-by-image.js';
import type { BuildPlan, ImageBuild } from '../plan/image-build.js';
import { offTheirBase } from './base-check.js';
import { upToDateResult, type ImageResult } from './result.js';
import { runBake, type BakeMember } from './run-bake.js';
import { createHandover, withPushedDigests } from './parent-handover.js';
import { buildEngines } from './spread-engines.js';
import { runBuild, type BuildReport, type RunBuildOptions, type BuildDecision } from './run-build.js';

export interface RunPlanOptions extends RunBuildOptions {
  /** Build the out-of-date images together with `docker buildx bake` when two or more can go (default true). */
  readonly bake?: boolean;
  /** Images that must be built on their own (pre-build inputs prepared right before the build). */
  readonly ownBuild?: (build: ImageBuild) => boolean;
  /** Told once why the out-of-date images could not share a bake session (then each builds on its own). */
  readonly warn?: (line: string) => void;
}

const never = new AbortController().signal;

/**
 * The out-of-date builds of the next bake sessions (plan/parent-by-image.ts says which can go
 * together), when bake is on and buildx is there: one session per engine, of two images or more —
 * or of one that images on its engine wait for by image (a registry cache), so that the waves go on.
 */
function sessionsOf(plan: BuildPlan, stale: ReadonlyMap<string, ImageBuild>, options: RunPlanOptions): ImageBuild[][] {
  if (options.bake === false || !plan.engine.buildx || options.parallel < 2) return [];
  const byEngine = new Map<string | undefined, ImageBuild[]>();
  for (const build of nextSession(stale, (b) => options.ownBuild?.(b) ?? false))
    byEngine.set(build.engine, [...(byEngine.get(build.engine) ?? []), build]);
  const awaited = (parent: ImageBuild): boolean =>
    [...stale.values()].some((c) => c.engine === parent.engine && c.parents.includes(parent.id) && parentLinkOf(c, parent) === 'image');
  return [...byEngine.values()].filter((session) => session.length >= 2 || session.some(awaited));
}

/** The build as the run decided it: the labels its decision adds (the input digest). */
const decided = (build: ImageBuild, d: BuildDecision | undefined): ImageBuild =>
  d && 'labels' in d && d.labels ? { ...build, labels: { ...build.labels, ...d.labels } } : build;

export async function runPlan(plan: BuildPlan, options: RunPlanOptions): Promise<BuildReport> {
  const { progress } = options;
  const decisions = new Map<string, BuildDecision | undefined>(
    await Promise.all(plan.builds.map(async (s) => [s.id, await options.decide?.(s, options.signal ?? never)] as const)),
  );
  phaseDone('input digests and decisions');
  const results = new Map<string, ImageResult>();
  const stale = new Map<string, ImageBuild>();
  for (const build of plan.builds) {
    const d = decisions.get(build.id);
    if (d && 'upToDate' in d) {
      const result = upToDateResult(build, d);
      progress.start(build.id);
      progress.done(result);
      results.set(build.id, result);
    } else stale.set(build.id, build);
  }

  const notes = new Map<string, string[]>();
  // a plan over several engines: parents on another engine by their pushed digest (parent-handover.ts)
  const engineOf = buildEngines(plan, options);
  const handover = createHandover(plan, options);
  const handOver = (build: ImageBuild, signal: AbortSignal): Promise<ImageBuild> =>
    handover?.apply(build, signal) ?? Promise.resolve(build);

  const bakeOne = async (session: ImageBuild[]): Promise<void> => {
    let ready: ImageBuild[];
    try {
      ready = await Promise.all(session.map((b) => handOver(decided(b, decisions.get(b.id)), options.signal ?? never)));
    } catch (err) {
      // a parent elsewhere not in its registry: each image builds on its own, and says so when it fails
      session.forEach((s) => notes.set(s.id, [`built on its own: ${err instanceof Error ? err.message : String(err)}`]));
      return;
    }
    const made = bakeSession(ready, plan, options.root);
    if ('notBakeable' in made) {
      options.warn?.(`no bake session, each image builds on its own: ${made.notBakeable}`);
      session.forEach((s) => notes.set(s.id, [`built on its own: ${made.notBakeable}`]));
      return;
    }
    const members = new Map<string, BakeMember>(
      session.map((build) => {
        const d = decisions.get(build.id);
        const own = d && !('upToDate' in d) ? d : undefined;
        return [build.id, { build: build, ...(own?.notes ? { notes: own.notes } : {}), ...(own?.built ? { built: own.built } : {}) }];
      }),
    );
    const outcome = await runBake(made, members, { ...options, ...engineOf(session[0] as ImageBuild) });
    phaseDone(`bake session (${session.length} images)`);
    // a child bake put on other layers than its tagged parent is built again, on its own
    const off = offTheirBase(session, new Set(outcome.built.keys()), outcome.images);
    for (const [id, result] of outcome.built) {
      if (off.has(id)) continue;
      results.set(id, result);
      stale.delete(id);
    }
    // an image whose own vertex failed has its result: it is not built again, nor is anything on it
    for (const [id, result] of outcome.failed) {
      results.set(id, result);
      stale.delete(id);
    }
    for (const build of plan.builds) {
      const blockedBy = build.parents.find((p) => results.get(p)?.status === 'failed' || results.get(p)?.status === 'skipped-dependency');
      if (!stale.has(build.id) || blockedBy === undefined) continue;
      const result: ImageResult = {
        id: build.id,
        status: 'skipped-dependency',
        ms: 0,
        tags: build.tags,
        reason: `${blockedBy} did not build`,
      };
      progress.done(result);
      results.set(build.id, result);
      stale.delete(build.id);
    }
    const why = outcome.tail.filter((l) => /^ERROR\b/.test(l)).at(-1) ?? `bake exited with ${outcome.exitCode}`;
    const failedIds = [...outcome.failed.keys()];
    const stopped = failedIds.length > 0 ? `${failedIds.join(', ')} failed` : why;
    for (const build of session)
      if (stale.has(build.id))
        notes.set(build.id, [`building on its own: the bake session of ${session.length} images stopped (${stopped})`]);
    for (const [id, again] of off) notes.set(id, [`building again on its own: ${again}`]);
  };
  // one session per engine, side by side: a failure in one never stops another. Wave after wave:
  // a child that takes its parent by image goes in a later wave, once the parent is built; what a
  // wave leaves undone is built image by image, with everything after it
  for (;;) {
    const sessions = options.signal?.aborted === true ? [] : sessionsOf(plan, stale, options);
    if (sessions.length === 0) break;
    await Promise.all(sessions.map(bakeOne));
    if (sessions.some((session) => session.some((b) => stale.has(b.id)))) break;
  }

  if (stale.size > 0) {
    const rest: BuildPlan = { ...plan, builds: plan.builds.filter((s) => stale.has(s.id)) };
    const report = await runBuild(rest, {
      ...options,
      engineOf,
      ...(handover ? { handover: handOver } : {}),
      // only out-of-date builds are left: their decision, with what happened to them so far
      decide: async (build) => {
        const d = decisions.get(build.id) as Exclude<BuildDecision, { upToDate: string }> | undefined;
        return { ...d, notes: [...(notes.get(build.id) ?? []), ...(d?.notes ?? [])] };
      },
    });
    for (const r of report.results) results.set(r.id, r);
    phaseDone(`image by image (${rest.builds.length} images)`);
  }

  const ordered = await withPushedDigests(
    plan.builds.map((s) => results.get(s.id) as ImageResult),
    handover,
  );
  return {
    results: ordered,
    interrupted: options.signal?.aborted === true,
    ok: ordered.every((r) => r.status === 'built' || r.status === 'up-to-date'),
  };
}
