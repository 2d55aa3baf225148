import { describe, expect, it } from 'vitest';
import { imageArgName } from '../../../src/compile/lower-source.js';
import { bakeSession, type BakeSession } from '../../../src/plan/bake-session.js';
import { planBuild } from '../../../src/plan/build-plan.js';
import { model, settings } from './images.js';

const s = settings({ registry: '127.0.0.1:5000', namespace: 'acme', tag: '7', baseTag: 'b1' });
const images = [
  model('base', { tagSet: 'base', context: 'contexts/base' }),
  model('app', { from: 'base', context: 'contexts/app', argSteps: ['MODE'], platforms: ['linux/amd64'] }),
  model('tools', {
    from: 'base',
    target: 'main',
    buildContexts: { 'release:1': 'contexts/release' },
    secrets: [{ id: 'tok', env: 'TOKEN' }],
    ssh: ['default'],
  }),
];
const flags = { buildArgs: ['MODE=fast'], cacheFrom: ['type=local,src=/c/{dir}'], pull: true };
const plan = planBuild(images, s, {}, { engine: { buildx: true }, flags });
const build = (id: string) => plan.builds.find((b) => b.id === id) as (typeof plan.builds)[number];
const builds = (ids: readonly string[]) => ids.map(build);
const made = (ids: readonly string[], p: Parameters<typeof bakeSession>[1] = plan): BakeSession => {
  const b = bakeSession(builds(ids), p, '/proj');
  if ('notBakeable' in b) throw new Error(b.notBakeable);
  return b;
};

describe('bakeSession', () => {
  it('links a parent of the batch as a target: context and keeps each image what its own build would be', () => {
    const b = made(['base', 'app']);
    expect(b.argv).toEqual(['buildx', 'bake', '-f', '-', '--progress=plain', 'base', 'app']);
    expect(b.targets).toEqual(
      new Map([
        ['base', 'base'],
        ['app', 'app'],
      ]),
    );
    expect(b.file.group.default.targets).toEqual(['base', 'app']);
    expect(b.file.target.app).toEqual({
      context: 'contexts/app',
      dockerfile: '../../generated/app/Dockerfile',
      target: 'main',
      tags: ['127.0.0.1:5000/acme/app:7'],
      args: { [imageArgName('base')]: 'dockwright-target/base', MODE: 'fast' },
      labels: { 'org.opencontainers.image.title': 'app', 'dev.dockwright.definition': 'definitions/app.ts', 'dev.dockwright.image': 'app' },
      platforms: ['linux/amd64'],
      contexts: { 'dockwright-target/base': 'target:base' },
      'cache-from': ['type=local,src=/c/app'],
      pull: true,
      output: ['type=docker'],
    });
    expect(b.file.target.base?.contexts).toBeUndefined();
    expect(b.dockerfiles).toEqual(
      new Map([
        ['base', '/proj/generated/base/Dockerfile'],
        ['app', '/proj/generated/app/Dockerfile'],
      ]),
    );
  });

  it('leaves a parent outside the batch as the image reference, and carries named contexts, secrets, ssh', () => {
    const b = made(['app', 'tools']);
    expect(b.file.target.app?.args?.[imageArgName('base')]).toBe('127.0.0.1:5000/acme/base:b1');
    expect(b.file.target.tools).toMatchObject({
      context: '.',
      dockerfile: 'generated/tools/Dockerfile',
      contexts: { 'release:1': 'contexts/release' },
      secret: ['id=tok,env=TOKEN'],
      ssh: ['default'],
    });
  });

  it('several platforms with --push: one exporter that loads and pushes the index (docker driver), or load and registry (other drivers)', () => {
    const multi = [model('base', { tagSet: 'base' }), model('app', { from: 'base', platforms: ['linux/amd64', 'linux/arm64'] })];
    const engine = { buildx: true, store: 'containerd', driver: 'docker' } as const;
    const pushed = planBuild(multi, s, {}, { engine, push: true });
    const b = bakeSession(pushed.builds, pushed, '/proj');
    if ('notBakeable' in b) throw new Error(b.notBakeable);
    expect(b.file.target.app?.output).toEqual(['type=image,push=true']);
    expect(b.file.target.app?.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    // one platform: loaded, and pushed by `docker push` once everything is built
    expect(b.file.target.base?.output).toEqual(['type=docker']);
    const other = planBuild(multi, s, {}, { engine: { ...engine, driver: 'docker-container' }, push: true });
    const o = bakeSession(other.builds, other, '/proj');
    if ('notBakeable' in o) throw new Error(o.notBakeable);
    expect(o.file.target.app?.output).toEqual(['type=docker', 'type=registry']);
    const loaded = planBuild(multi, s, {}, { engine });
    const l = bakeSession(loaded.builds, loaded, '/proj');
    if ('notBakeable' in l) throw new Error(l.notBakeable);
    expect(l.file.target.app?.output).toEqual(['type=docker']);
  });

  it('the registry cache: imported from and exported to one ref per image (a variant its own), mode=max, export failures ignored; parents by image', () => {
    const cached = planBuild(images, { ...s, registryCache: 'buildcache' }, {}, { engine: { buildx: true }, flags });
    const b = bakeSession(cached.builds, cached, '/proj');
    if ('notBakeable' in b) throw new Error(b.notBakeable);
    expect(b.file.target.app?.['cache-from']).toEqual(['type=local,src=/c/app', 'type=registry,ref=127.0.0.1:5000/acme/app:buildcache']);
    expect(b.file.target.app?.['cache-to']).toEqual(['type=registry,ref=127.0.0.1:5000/acme/app:buildcache,mode=max,ignore-error=true']);
    // with a registry cache a child takes its parent by image (its tag), never as a target: context
    expect(b.file.target.app?.args?.[imageArgName('base')]).toBe('127.0.0.1:5000/acme/base:b1');
    expect(b.file.target.app?.contexts).toBeUndefined();
    expect(b.file.target.tools?.contexts).toEqual({ 'release:1': 'contexts/release' });
    const variant = planBuild([model('py:3.8')], { ...s, registryCache: 'buildcache' }, {}, { engine: { buildx: true } });
    expect(variant.builds[0]?.registryCache).toEqual({ ref: '127.0.0.1:5000/acme/py:buildcache-3.8' });
  });

  it("keeps the labels the run added (the input digest), docker's global --context and the run's created time", () => {
    const labelled = builds(['base', 'app']).map((b) => ({ ...b, labels: { ...b.labels, 'dev.dockwright.input-digest': 'sha256:1' } }));
    const b = bakeSession(labelled, { ...plan, options: { ...plan.options, context: 'far', created: '2024-01-02T03:04:05Z' } }, '/proj');
    if ('notBakeable' in b) throw new Error(b.notBakeable);
    expect(b.argv.slice(0, 4)).toEqual(['--context', 'far', 'buildx', 'bake']);
    expect(b.file.target.base?.labels?.['dev.dockwright.input-digest']).toBe('sha256:1');
    expect(b.file.target.base?.labels?.['org.opencontainers.image.created']).toBe('2024-01-02T03:04:05Z');
  });

  it('carries the options after -- that bake has fields for, into every target', () => {
    const extra = ['--network', 'host', '--build-arg', 'X=1', '--label=team=core', '--no-cache-filter', 'build', '--pull'];
    const b = made(['base', 'app'], { ...plan, options: { ...plan.options, extra } });
    expect(b.file.target.app).toMatchObject({
      network: 'host',
      args: { MODE: 'fast', X: '1' },
      labels: {
        'org.opencontainers.image.title': 'app',
        'dev.dockwright.definition': 'definitions/app.ts',
        'dev.dockwright.image': 'app',
        team: 'core',
      },
      'no-cache-filter': ['build'],
      pull: true,
    });
  });

  it('is refused, saying why, for an option after -- bake has no field for, and for build args taken from the environment', () => {
    const odd = { ...plan, options: { ...plan.options, extra: ['--add-host', 'h:127.0.0.1'] } };
    expect(bakeSession(builds(['base', 'app']), odd, '/proj')).toEqual({
      notBakeable: 'the option `--add-host` given after `--` has no equivalent in a bake file',
    });
    const envPlan = planBuild(images, s, {}, { engine: { buildx: true }, flags: { buildArgs: ['MODE'] } });
    const fromEnv = envPlan.builds.filter((b) => b.id !== 'tools');
    expect(bakeSession(fromEnv, envPlan, '/proj')).toEqual({ notBakeable: 'app takes a build arg from the environment' });
  });
});
