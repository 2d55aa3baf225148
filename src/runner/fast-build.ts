/**
 * The no-op fast path of `dockwright build`, and the entry of its own bundle (dist/bundle/fast.js,
 * scripts/bundle.mjs): one file, so that a build where nothing changed loads one module after the
 * CLI's entry instead of twenty chunks (Node's ESM loader costs ~1–3 ms per module here).
 *
 * Loading the definitions, validating them and rendering the Dockerfiles costs several hundred
 * milliseconds before docker is even asked; when nothing changed, none of it is needed. So a build
 * that ends with every image built or up to date (and was not `--force`d) leaves a snapshot of
 * what it decided from (src/io/build-snapshot.ts: keyed by the command line, the working
 * directory, the environment and this package's code; the files the plan came from, by
 * fingerprint; the plan itself). The next run with the same key checks those files, recomputes
 * every input digest (snapshot-decisions.ts) and asks the engine's API once. When every image is
 * up to date it prints the same progress and summary as the full run and stops here. Otherwise the
 * answer says who goes on:
 * - `build`: some images are out of date; the runner's side (fast-run.ts, in the CLI's chunks)
 *   builds them with the snapshot's plan, without loading the definitions;
 * - `viaCli`: the engine's API cannot answer (a remote engine) or something here failed; the
 *   runner's side decides again with the docker CLI;
 * - `full`: no current snapshot, a parent outside the plan not in the local store, `--push`: the
 *   full run decides everything.
 * Nothing here starts a process: the bundle leaves out execa and the build runner (they load in
 * the CLI's chunks, once, when a build runs).
 */
import { existsSync } from 'node:fs';
import { snapshotPath } from '../io/snapshot-key.js';
import type { SnapshotPlace } from '../io/build-snapshot.js';
import { executeBuild, needsRunner } from './execute-build.js';
import type { Streams } from './push-report.js';
import { decideFromSnapshot, type Decided } from './snapshot-decisions.js';

export type FastAnswer = { readonly done: number } | { readonly build: Decided } | { readonly viaCli: true } | { readonly full: true };

/**
 * Answers this `build` from its snapshot when every image is up to date (printing what the full
 * run prints); else says who goes on. `onBuildLikely`: called as soon as a build is likely (a
 * context file changed), so that the caller loads the build runner while the digests are computed.
 */
export async function answerFromSnapshot(place: SnapshotPlace, io: Streams, onBuildLikely?: () => void): Promise<FastAnswer> {
  // `--push` also has to reach the registry: always the full run
  if (!place.argv.includes('build') || place.argv.includes('--push')) return { full: true };
  if (!existsSync(snapshotPath(place.argv, place).file)) return { full: true };
  let decided: Decided | undefined;
  try {
    decided = await decideFromSnapshot(place, { apiOnly: true, ...(onBuildLikely ? { onBuildLikely } : {}) });
  } catch {
    return { viaCli: true };
  }
  if (!decided) return { full: true };
  if (needsRunner(decided.job.plan, decided.decisions)) return { build: decided };
  await executeBuild(decided.job, io, decided.decisions);
  return { done: 0 };
}
