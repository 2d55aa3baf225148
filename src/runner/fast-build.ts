/**
 * The no-op fast path of `dockwright build`: the snapshot (src/io/build-snapshot.ts) as the
 * source of the plan. Loading the definitions (jiti), validating them and
 * rendering the Dockerfiles costs several hundred milliseconds before docker is even asked; when
 * nothing changed, none of it is needed. So a build that ends with every image built or up to
 * date (and was not `--force`d) leaves a snapshot of what it decided from
 * (`.dockwright/fast-build/<key>.json`):
 * - keyed by the exact command line, the working directory and the environment (a definition may
 *   read any variable), and this package's version;
 * - the files the plan came from, by size, mtime, ctime and inode: the config file, `.env`, every
 *   file under the definitions folder and the local modules they import, the templates, the
 *   generated Dockerfiles, git's HEAD (the revision label), and dockwright's own code;
 * - the plan itself (images, steps, flags; whether `--no-cache` or `--pull` made every image build).
 * The next run with the same key first checks those files (a stat each), then recomputes every
 * input digest from the snapshot (the contexts are walked again, through the hash cache) and asks
 * docker once. When every image is up to date it prints the same progress and summary as the full
 * run and stops; when some are not (a context file changed), it runs the snapshot's plan with the
 * build runner, exactly as the full run would, without loading the definitions again. Anything
 * else — a changed file, a missing snapshot, a parent outside the plan (`--no-deps`) that is not
 * in the local store — falls through to the full run, which decides everything again. No heavy
 * module is imported unless a build must run.
 */
import { phaseDone } from '../timing.js';
import { connectEngine } from '../engine/engine.js';
import type { DockerExec } from '../engine/docker-exec.js';
import { DIGEST_LABEL } from '../engine/images.js';
import { createSkipper } from '../incremental/skipper.js';
import { readBuildSnapshot, type SnapshotPlace } from '../io/build-snapshot.js';
import { throwIfFailed } from './build-error.js';
import { createdAt } from './created-at.js';
import { executeBuild, loadBuildRunner } from './execute-build.js';
import type { Streams } from './push-report.js';

/**
 * The exit code of a `build` answered from its snapshot (after printing what the full run prints);
 * undefined when the full run must decide. Throws the full run's errors when a build it ran failed.
 * `docker`: the seam for tests; by default the real docker CLI, with queries through the engine's API.
 */
export async function tryFastBuild(place: SnapshotPlace, io: Streams, docker?: DockerExec): Promise<number | undefined> {
  // `--push` also has to reach the registry: always the full run
  if (!place.argv.includes('build') || place.argv.includes('--push')) return undefined;
  let ready: Awaited<ReturnType<typeof decideAll>>;
  try {
    ready = await decideAll(place, docker);
  } catch {
    return undefined;
  }
  if (!ready) return undefined;
  const report = await executeBuild(ready.job, io, ready.decisions);
  throwIfFailed(report);
  return 0;
}

/** The build job of this command's current snapshot, and every image's decision; undefined when the full run must decide. */
async function decideAll(place: SnapshotPlace, docker: DockerExec | undefined) {
  const found = await readBuildSnapshot(place);
  if (!found) return undefined;
  phaseDone('snapshot current (fast path)');
  const { root } = found;
  // this run's time, as the full run labels it
  const snapshot = {
    ...found.snapshot,
    plan: { ...found.snapshot.plan, options: { ...found.snapshot.plan.options, created: createdAt(place.env) } },
  };
  const engine = connectEngine(place.env, snapshot.plan.options.context ? { context: snapshot.plan.options.context } : {}, docker);
  // a build is certain (forced) or likely (a changed file): its modules load while the files are hashed and docker answers
  const runner = (): void => void loadBuildRunner().catch(() => undefined);
  if (snapshot.force) runner();
  const skipper = await createSkipper({
    onChange: runner,
    root,
    settings: snapshot.settings,
    images: snapshot.images,
    plan: snapshot.plan,
    env: place.env,
    engine,
    force: snapshot.force,
  });
  // a parent outside the plan that is not in the local store (in a registry, or missing): the full run checks it
  if (!(await skipper.externalsPresent())) return undefined;
  const decisions = await Promise.all(snapshot.plan.builds.map((s) => skipper.decide(s)));
  phaseDone('input digests and decisions');
  // an image whose digest could not be computed builds without a label: leave that to the full run
  if (decisions.some((d) => 'labels' in d && d.labels[DIGEST_LABEL] === undefined)) return undefined;
  const job = { ...snapshot, root, engine, skipper };
  return { job, decisions };
}
