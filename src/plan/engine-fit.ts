/**
 * Whether the engine can build a plan, decided before anything runs, so that a plan it cannot
 * build says what to change instead of failing inside buildx. Pure: the engine's answers
 * (image store, builder driver) are in the plan's {@link EngineInfo}.
 */
import { EngineUnfitError } from '../errors/index.js';
import type { BuildPlan, ImageBuild } from './image-build.js';

const CONTAINERD_STORE =
  'enable the containerd image store (`{"features": {"containerd-snapshotter": true}}` in the daemon.json of dockerd, then restart it)';

/** The engine's store or driver must be known for these builds (several platforms, a registry cache). */
export const needsStoreProbe = (plan: Pick<BuildPlan, 'builds'>): boolean =>
  plan.builds.some((b) => b.platforms.length > 1 || b.registryCache !== undefined);

/** One line per thing the engine cannot do, naming the images and what to do instead; empty when it can build the plan. */
export function engineProblems(plan: Pick<BuildPlan, 'builds' | 'engine'>): string[] {
  const { store, driver } = plan.engine;
  if (store !== 'classic') return [];
  const problems: string[] = [];
  const ids = (builds: readonly ImageBuild[]): string => builds.map((b) => b.id).join(', ');
  const loaded = plan.builds.filter((b) => b.platforms.length > 1 && b.output !== 'push');
  if (loaded.length > 0) {
    const platforms = [...new Set(loaded.flatMap((b) => b.platforms))].join(', ');
    problems.push(
      `${ids(loaded)}: several platforms (${platforms}) cannot be loaded into this engine's classic image store; ` +
        `${CONTAINERD_STORE}, or push them with a builder that can (\`--push --builder NAME\`, a docker-container builder), ` +
        `or build one platform (\`--platform ${loaded[0]?.platforms[0] ?? 'linux/amd64'}\`)`,
    );
  }
  const cached = plan.builds.filter((b) => b.registryCache !== undefined);
  if (cached.length > 0 && (driver === undefined || driver === 'docker')) {
    problems.push(
      `${ids(cached)}: the registry cache (registryCache) needs cache export, which the docker driver on the classic image store cannot do; ` +
        `${CONTAINERD_STORE}, or use a builder that can (\`--builder NAME\`, a docker-container builder)`,
    );
  }
  return problems;
}

/** Throws {@link EngineUnfitError} with every problem when the engine cannot build the plan. */
export function assertEngineFits(plan: Pick<BuildPlan, 'builds' | 'engine'>): void {
  const problems = engineProblems(plan);
  if (problems.length > 0) throw new EngineUnfitError(`the engine cannot build this plan:\n  ${problems.join('\n  ')}`);
}
