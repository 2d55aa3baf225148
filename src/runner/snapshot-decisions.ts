/**
 * What the no-op fast path decides from a build snapshot (src/io/build-snapshot.ts): the snapshot
 * when it is current, the engine connection it names, and every image's decision (input digests
 * recomputed, the engine asked once). Shared by the fast bundle (fast-build.ts, which answers a
 * no-op on its own) and the runner's side (fast-run.ts, which builds what is out of date).
 */
import { phaseDone } from '../timing.js';
import { connectEngine, type Engine } from '../engine/engine.js';
import type { DockerExec } from '../engine/docker-exec.js';
import { DIGEST_LABEL } from '../engine/images.js';
import { createSkipper, type Decision, type Skipper } from '../incremental/skipper.js';
import { readBuildSnapshot, type SnapshotJob, type SnapshotPlace } from '../io/build-snapshot.js';
import { createdAt } from './created-at.js';

/** A snapshot's job, ready to run, with every image decided. */
export interface Decided {
  readonly job: SnapshotJob & { readonly root: string; readonly engine: Engine; readonly skipper: Skipper };
  readonly decisions: readonly Decision[];
}

export interface DecideOptions {
  /** The docker seam (tests); by default the real docker CLI, with questions through the engine's API. */
  readonly docker?: DockerExec;
  /** The engine's API must answer (the fast bundle starts no process): throws when docker would need its CLI. */
  readonly apiOnly?: boolean;
  /** Called as soon as a build is certain (forced) or likely (a context file changed): load the runner meanwhile. */
  readonly onBuildLikely?: () => void;
}

/** The job of this command's current snapshot and every image's decision; undefined when the full run must decide. */
export async function decideFromSnapshot(place: SnapshotPlace, o: DecideOptions = {}): Promise<Decided | undefined> {
  const found = await readBuildSnapshot(place);
  if (!found) return undefined;
  phaseDone('snapshot current (fast path)');
  const { root } = found;
  // this run's time, as the full run labels it
  const snapshot = {
    ...found.snapshot,
    plan: { ...found.snapshot.plan, options: { ...found.snapshot.plan.options, created: createdAt(place.env) } },
  };
  const engine = connectEngine(place.env, snapshot.plan.options.context ? { context: snapshot.plan.options.context } : {}, o.docker);
  if (o.apiOnly && engine.api === undefined) throw new Error('no local engine API: the docker CLI must answer');
  const likely = o.onBuildLikely ?? ((): void => undefined);
  if (snapshot.force) likely();
  const skipper = await createSkipper({
    onChange: likely,
    root,
    settings: snapshot.settings,
    images: snapshot.images,
    plan: snapshot.plan,
    env: place.env,
    engine,
    force: snapshot.force,
  });
  // the digests are computed while the engine answers (both in the same single question)
  const deciding = Promise.all(snapshot.plan.builds.map((s) => skipper.decide(s)));
  // a parent outside the plan that is not in the local store (in a registry, or missing): the full run checks it
  if (!(await skipper.externalsPresent())) {
    await deciding.catch(() => undefined);
    return undefined;
  }
  const decisions = await deciding;
  phaseDone('input digests and decisions');
  // an image whose digest could not be computed builds without a label: leave that to the full run
  if (decisions.some((d) => 'labels' in d && d.labels[DIGEST_LABEL] === undefined)) return undefined;
  return { job: { ...snapshot, root, engine, skipper }, decisions };
}
