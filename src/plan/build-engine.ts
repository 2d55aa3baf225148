/**
 * Which engine one image build talks to, as data: the run's options with the build's engine's
 * `--context` and `--builder` (the `engines` setting), and `DOCKER_HOST` for an engine given by
 * its address. Pure; buildx-argv.ts, bake-session.ts and the runner read it, nothing else decides it.
 */
import { UsageError } from '../errors/index.js';
import type { EngineSpec } from '../model/settings.js';
import type { BuildPlan, ImageBuild, RunOptions } from './image-build.js';

export interface BuildSeat {
  /** The engine's name, when the settings list engines. */
  readonly engine?: string;
  /** The run's options, `context` and `builder` those of the build's engine. */
  readonly options: RunOptions;
  /** What docker's environment gets for this engine (`DOCKER_HOST`), never a secret. */
  readonly env: Readonly<Record<string, string>>;
}

/** The seat of a named engine. */
export function engineSeat(spec: EngineSpec, options: RunOptions): BuildSeat {
  const { context: _context, builder: _builder, ...rest } = options;
  return {
    engine: spec.name,
    options: { ...rest, ...(spec.context ? { context: spec.context } : {}), ...(spec.builder ? { builder: spec.builder } : {}) },
    env: spec.host ? { DOCKER_HOST: spec.host } : {},
  };
}

/** Where `build` runs: its engine's seat, or the run's own engine. */
export function seatOf(build: Pick<ImageBuild, 'engine'>, plan: Pick<BuildPlan, 'options' | 'engines'>): BuildSeat {
  const spec = build.engine === undefined ? undefined : plan.engines?.find((e) => e.name === build.engine);
  return spec ? engineSeat(spec, plan.options) : { options: plan.options, env: {} };
}

/** The plan builds on more than one engine: parents are then handed over through the registry (runner/parent-handover.ts). */
export const spansEngines = (plan: Pick<BuildPlan, 'builds'>): boolean => new Set(plan.builds.map((b) => b.engine)).size > 1;

/**
 * A plan over several engines hands parents over through the registry, so it must push: without
 * `--push`, or with a parent that is never pushed (`push: false`) under a child on another
 * engine, a {@link UsageError} (exit 2) says why.
 */
export function requireSpreadPush(plan: Pick<BuildPlan, 'builds'>, push: boolean): void {
  if (!spansEngines(plan)) return;
  const engines = [...new Set(plan.builds.map((b) => b.engine))].join(', ');
  if (!push)
    throw new UsageError(
      `the selected images build on several engines (${engines}): add --push, since a parent is handed to a child on another engine through the registry, by digest`,
    );
  const byId = new Map(plan.builds.map((b) => [b.id, b]));
  const stuck = plan.builds.flatMap((child) =>
    child.parents
      .map((p) => byId.get(p))
      .filter((p): p is ImageBuild => p !== undefined && !p.push && p.engine !== child.engine)
      .map((p) => `${p.id} (on ${p.engine ?? '?'}) → ${child.id} (on ${child.engine ?? '?'})`),
  );
  if (stuck.length > 0)
    throw new UsageError(
      `these parents are never pushed (push: false) but have a child on another engine, which gets its parent through the registry: ${stuck.join(', ')}; ` +
        'put parent and child on one engine (`engine:`), or let the parent be pushed',
    );
}
