/**
 * The engines of one run, as connections: a build's own engine (the `engines` setting, see
 * plan/build-engine.ts) reached from the run's connection, one {@link Engine} per name.
 */
import { reconnect, type Engine } from '../engine/engine.js';
import { seatOf } from '../plan/build-engine.js';
import type { BuildPlan, ImageBuild } from '../plan/image-build.js';

/** The engine a build talks to: the run's own, or its named engine's (made once per name). */
export function buildEngines(plan: Pick<BuildPlan, 'options' | 'engines'>, run: Engine): (build: Pick<ImageBuild, 'engine'>) => Engine {
  const made = new Map<string, Engine>();
  return (build) => {
    if (build.engine === undefined || plan.engines === undefined) return run;
    const known = made.get(build.engine);
    if (known) return known;
    const seat = seatOf(build, plan);
    const engine = reconnect(run, seat.env, seat.options.context ? { context: seat.options.context } : {});
    made.set(build.engine, engine);
    return engine;
  };
}
