import { describe, expect, it } from 'vitest';
import { EngineUnfitError } from '../../../src/errors/index.js';
import { planBuild } from '../../../src/plan/build-plan.js';
import { assertEngineFits, engineProblems, needsStoreProbe } from '../../../src/plan/engine-fit.js';
import type { EngineInfo } from '../../../src/plan/image-build.js';
import { model, settings } from './images.js';

const images = [model('base', { tagSet: 'base' }), model('app', { from: 'base', platforms: ['linux/amd64', 'linux/arm64'] })];
const s = settings({ registry: '127.0.0.1:5000', namespace: 'acme', tag: '7' });
const planOn = (engine: EngineInfo, o: { push?: boolean; cache?: boolean; platforms?: string[] } = {}) =>
  planBuild(
    images,
    o.cache ? { ...s, registryCache: 'buildcache' } : s,
    {},
    {
      engine,
      ...(o.push ? { push: true } : {}),
      ...(o.platforms ? { flags: { platforms: o.platforms } } : {}),
    },
  );

describe('engine fit', () => {
  it('several platforms or a registry cache need the store probed; one platform and no cache do not', () => {
    expect(needsStoreProbe(planOn({ buildx: true }))).toBe(true);
    expect(needsStoreProbe(planOn({ buildx: true }, { platforms: ['linux/arm64'] }))).toBe(false);
    expect(needsStoreProbe(planOn({ buildx: true }, { platforms: ['linux/arm64'], cache: true }))).toBe(true);
  });

  it('several platforms on a classic store: names the images and says to enable the containerd store, push with another builder, or build one', () => {
    const problems = engineProblems(planOn({ buildx: true, store: 'classic', driver: 'docker' }));
    expect(problems).toEqual([
      'app: several platforms (linux/amd64, linux/arm64) cannot be loaded into this engine\'s classic image store; enable the containerd image store (`{"features": {"containerd-snapshotter": true}}` in the daemon.json of dockerd, then restart it), or push them with a builder that can (`--push --builder NAME`, a docker-container builder), or build one platform (`--platform linux/amd64`)',
    ]);
    expect(() => assertEngineFits(planOn({ buildx: true, store: 'classic', driver: 'docker' }))).toThrow(EngineUnfitError);
  });

  it('fits: the containerd store; a classic store with a builder that pushes the platforms', () => {
    expect(engineProblems(planOn({ buildx: true, store: 'containerd', driver: 'docker' }, { push: true, cache: true }))).toEqual([]);
    expect(engineProblems(planOn({ buildx: true, store: 'classic', driver: 'docker-container' }, { push: true, cache: true }))).toEqual([]);
  });

  it('a registry cache with the docker driver on a classic store: cannot export the cache', () => {
    const problems = engineProblems(
      planOn({ buildx: true, store: 'classic', driver: 'docker' }, { platforms: ['linux/amd64'], cache: true }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^base, app: the registry cache \(registryCache\) needs cache export, .*containerd-snapshotter.*--builder NAME/,
    );
  });
});
