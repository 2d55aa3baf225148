/**
 * The runner's side of the no-op fast path (fast-build.ts answers a no-op on its own): builds
 * what a snapshot's decisions found out of date, and decides with the docker CLI when the engine's
 * API cannot answer. Bundled alone too (dist/bundle/fast-run.js, scripts/bundle.mjs), with the
 * build runner and execa: one module to load on the way from a changed file to buildx, where the
 * same code spread over the CLI's chunks took ~100 ms to load here.
 */
import { connectEngine } from '../engine/engine.js';
import type { DockerExec } from '../engine/docker-exec.js';
import type { SnapshotPlace } from '../io/build-snapshot.js';
import { throwIfFailed } from './build-error.js';
import { executeBuild, loadBuildRunner } from './execute-build.js';
import type { Streams } from './push-report.js';
import { decideFromSnapshot, type Decided } from './snapshot-decisions.js';

export { loadBuildRunner };

/** Runs a decided snapshot job (fast-build.ts's `build` answer) on a connection of this side: its processes start here. */
export async function runDecided(place: SnapshotPlace, decided: Decided, io: Streams, docker?: DockerExec): Promise<number> {
  const { context } = decided.job.plan.options;
  const engine = connectEngine(place.env, context ? { context } : {}, docker);
  throwIfFailed(await executeBuild({ ...decided.job, engine }, io, decided.decisions));
  return 0;
}

/**
 * The fast path with the docker CLI answering the engine's questions: the exit code of a `build`
 * answered from its snapshot, or undefined when the full run must decide. Throws the full run's
 * errors when a build it ran failed. `docker`: the seam for tests.
 */
export async function tryFastBuild(place: SnapshotPlace, io: Streams, docker?: DockerExec): Promise<number | undefined> {
  // `--push` also has to reach the registry: always the full run
  if (!place.argv.includes('build') || place.argv.includes('--push')) return undefined;
  let decided: Decided | undefined;
  try {
    const loadRunner = (): void => void loadBuildRunner().catch(() => undefined);
    decided = await decideFromSnapshot(place, { ...(docker ? { docker } : {}), onBuildLikely: loadRunner });
  } catch {
    return undefined;
  }
  if (!decided) return undefined;
  throwIfFailed(await executeBuild(decided.job, io, decided.decisions));
  return 0;
}
