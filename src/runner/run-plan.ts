/**
 * Runs a {@link BuildPlan} the fastest way that keeps every image's result its own:
 * 1. every step is decided first (input digests: up to date, or build with this argv);
 * 2. the out-of-date images that can share one BuildKit session go to one `docker buildx bake`
 *    (run-bake.ts): a child starts from its parent's result in the same solve, and one process
 *    starts instead of one per image;
 * 3. whatever is left — images bake did not finish because another failed, images with pre-build
 *    inputs, everything when bake cannot be used — is built image by image along the graph
 *    (run-build.ts), which isolates failures: a failure skips the failed image's descendants only.
 * A failed bake therefore costs its failed image one more (cached) build, never another image's
 * work. An image bake built on other layers than the parent it names (base-check.ts) is built
 * again the same way, with the images on it. The full build and its fast path
 * (src/digest/fast-build.ts) both end here.
 */
import { imageArgName } from '../compile/lower-source.js';
import { bakeBatch, type BatchEntry } from '../plan/bake-batch.js';
import type { BuildPlan, BuildStep } from '../plan/build-plan.js';
import { offTheirBase } from './base-check.js';
import type { ImageResult } from './result.js';
import { runBake, type BakeMember } from './run-bake.js';
import { runBuild, type BuildReport, type RunBuildOptions, type StepDecision } from './run-build.js';

export interface RunPlanOptions extends RunBuildOptions {
  /** Build the out-of-date images together with `docker buildx bake` when two or more can go (default true). */
  readonly bake?: boolean;
  /** Steps that must be built on their own (pre-build inputs prepared right before the build). */
  readonly ownBuild?: (step: BuildStep) => boolean;
}

const never = new AbortController().signal;

/** The out-of-date steps that can go into one bake: buildx, no `prepare` of their own, and every out-of-date parent going too. */
function batchOf(plan: BuildPlan, stale: ReadonlyMap<string, BuildStep>, options: RunPlanOptions): BuildStep[] {
  if (options.bake === false || !plan.engine.buildx || options.parallel < 2) return [];
  const memo = new Map<string, boolean>();
  const fits = (step: BuildStep): boolean => {
    const known = memo.get(step.id);
    if (known !== undefined) return known;
    const ok = !(options.ownBuild?.(step) ?? false) && step.parents.every((p) => !stale.has(p) || fits(stale.get(p) as BuildStep));
    memo.set(step.id, ok);
    return ok;
  };
  const batch = [...stale.values()].filter(fits);
  return batch.length >= 2 ? batch : [];
}

export async function runPlan(plan: BuildPlan, options: RunPlanOptions): Promise<BuildReport> {
  const { progress } = options;
  const decisions = new Map<string, StepDecision | undefined>(
    await Promise.all(plan.steps.map(async (s) => [s.id, await options.decide?.(s, options.signal ?? never)] as const)),
  );
  const results = new Map<string, ImageResult>();
  const stale = new Map<string, BuildStep>();
  for (const step of plan.steps) {
    const d = decisions.get(step.id);
    if (d && 'upToDate' in d) {
      const result: ImageResult = {
        id: step.id,
        status: 'up-to-date',
        ms: 0,
        tags: step.tags,
        reason: d.upToDate,
        ...(d.size !== undefined ? { size: d.size } : {}),
      };
      progress.start(step.id);
      progress.done(result);
      results.set(step.id, result);
    } else stale.set(step.id, step);
  }

  const notes = new Map<string, string[]>();
  const batch = batchOf(plan, stale, options);
  if (batch.length > 0 && options.signal?.aborted !== true) {
    const argvOf = (step: BuildStep): readonly string[] => {
      const d = decisions.get(step.id);
      return d && 'argv' in d && d.argv ? d.argv : step.argv;
    };
    const entries: BatchEntry[] = batch.map((step) => ({ step, argv: argvOf(step) }));
    const made = bakeBatch(entries, options.root, imageArgName);
    if ('notBakeable' in made) batch.forEach((s) => notes.set(s.id, [`built on its own: ${made.notBakeable}`]));
    else {
      const members = new Map<string, BakeMember>(
        batch.map((step) => {
          const d = decisions.get(step.id);
          const own = d && !('upToDate' in d) ? d : undefined;
          return [step.id, { step, ...(own?.notes ? { notes: own.notes } : {}), ...(own?.built ? { built: own.built } : {}) }];
        }),
      );
      const outcome = await runBake(made, members, options);
      // a child bake put on other layers than its tagged parent is built again, on its own
      const off = offTheirBase(batch, new Set(outcome.built.keys()), outcome.images);
      for (const [id, result] of outcome.built) {
        if (off.has(id)) continue;
        results.set(id, result);
        stale.delete(id);
      }
      const why = outcome.tail.filter((l) => /^ERROR\b/.test(l)).at(-1) ?? `bake exited with ${outcome.exitCode}`;
      for (const step of batch)
        if (stale.has(step.id)) notes.set(step.id, [`building on its own: the bake session of ${batch.length} images stopped (${why})`]);
      for (const [id, again] of off) notes.set(id, [`building again on its own: ${again}`]);
    }
  }

  if (stale.size > 0) {
    const rest: BuildPlan = { ...plan, steps: plan.steps.filter((s) => stale.has(s.id)) };
    const report = await runBuild(rest, {
      ...options,
      // only out-of-date steps are left: their decision, with what happened to them so far
      decide: async (step) => {
        const d = decisions.get(step.id) as Exclude<StepDecision, { upToDate: string }> | undefined;
        return { ...d, notes: [...(notes.get(step.id) ?? []), ...(d?.notes ?? [])] };
      },
    });
    for (const r of report.results) results.set(r.id, r);
  }

  const ordered = plan.steps.map((s) => results.get(s.id) as ImageResult);
  return {
    results: ordered,
    interrupted: options.signal?.aborted === true,
    ok: ordered.every((r) => r.status === 'built' || r.status === 'up-to-date'),
  };
}
