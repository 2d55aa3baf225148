import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors/index.js';
import { planBuild as planBuilds, type PlanOptions } from '../../../src/plan/build-plan.js';
import { buildxArgv } from '../../../src/plan/buildx-argv.js';
import type { BuildPlan } from '../../../src/plan/image-build.js';
import type { Selection } from '../../../src/plan/select.js';
import { baseImageId } from '../../../src/model/resolved.js';
import { copy, external, imageModel, imageRef, stageModel, stageRef } from '../support/model.js';
import { model, settings } from './images.js';

/** Each build as the command it runs: what the plan says of it, laid out by buildxArgv. */
const withSteps = (p: BuildPlan) => ({
  ...p,
  steps: p.builds.map((b) => ({
    id: b.id,
    dir: b.dir,
    parents: b.parents,
    ...(b.base !== undefined ? { base: b.base } : {}),
    push: b.push,
    tags: b.tags,
    ...buildxArgv(b, p),
  })),
});
const planBuild = (...a: Parameters<typeof planBuilds>) => withSteps(planBuilds(...a));

const buildx: PlanOptions = { engine: { buildx: true } };
const images = [
  model('base', { push: false, tagSet: 'base' }),
  model('app', { from: 'base', version: '1.2.0', args: { PY: { default: '3.12', description: undefined, fromVersion: false } } }),
  model('tool', { argSteps: ['MODE'] }),
];
const plan = (sel: Selection = {}, opts: Partial<PlanOptions> = {}) =>
  planBuild(images, settings({ registry: '127.0.0.1:5000', namespace: 'acme', tag: '7', baseTag: 'b1' }), sel, { ...buildx, ...opts });
const argvOf = (id: string, sel: Selection = {}, opts: Partial<PlanOptions> = {}) => plan(sel, opts).steps.find((s) => s.id === id)?.argv;

describe('planBuild', () => {
  it('gives every step its whole docker argv, parents first', () => {
    const p = plan({}, { revision: 'abc123', created: '2024-01-02T03:04:05Z', source: 'https://example.com/acme.git' });
    expect(p.order).toEqual(['base', 'app', 'tool']);
    expect(p.steps.find((s) => s.id === 'app')).toEqual({
      id: 'app',
      dir: 'app',
      parents: ['base'],
      base: 'base',
      push: false,
      tags: ['127.0.0.1:5000/acme/app:7'],
      env: {},
      argv: [
        'buildx',
        'build',
        '--progress=plain',
        '-f',
        'generated/app/Dockerfile',
        '--target',
        'main',
        '--build-arg',
        'BASE_IMAGE=127.0.0.1:5000/acme/base:b1',
        '--label',
        'org.opencontainers.image.title=app',
        '--label',
        'org.opencontainers.image.version=1.2.0',
        '--label',
        'org.opencontainers.image.revision=abc123',
        '--label',
        'org.opencontainers.image.source=https://example.com/acme.git',
        '--label',
        'dev.dockwright.definition=definitions/app.ts',
        '--label',
        'dev.dockwright.image=app',
        '--label',
        'org.opencontainers.image.created=2024-01-02T03:04:05Z',
        '-t',
        '127.0.0.1:5000/acme/app:7',
        '--load',
        '.',
      ],
    });
  });

  it('without buildx: docker build with DOCKER_BUILDKIT=1 and no --load', () => {
    const step = plan({ names: ['tool'] }, { engine: { buildx: false } }).steps[0];
    expect(step?.argv.slice(0, 2)).toEqual(['build', '--progress=plain']);
    expect(step?.argv).not.toContain('--load');
    expect(step?.env).toEqual({ DOCKER_BUILDKIT: '1' });
  });

  it('passes every flag', () => {
    const argv = argvOf(
      'app',
      {},
      {
        flags: {
          buildArgs: ['PY=3.11', 'HTTP_PROXY=http://proxy:3128', 'MODE=fast'],
          platforms: ['linux/amd64', 'linux/arm64'],
          cacheFrom: ['type=registry,ref=r/cache:{dir}'],
          cacheTo: ['type=inline'],
          builder: 'remote',
          context: 'far',
          pull: true,
          noCache: true,
          extra: ['--network=host', '--shm-size', '1g'],
        },
      },
    );
    expect(argv?.slice(0, 4)).toEqual(['--context', 'far', 'buildx', 'build']);
    const pairs = (flag: string) => argv?.flatMap((a, i) => (a === flag ? [argv[i + 1]] : []));
    expect(pairs('--platform')).toEqual(['linux/amd64,linux/arm64']);
    // MODE is tool's ARG, not app's: not passed to app
    expect(pairs('--build-arg')).toEqual(['BASE_IMAGE=127.0.0.1:5000/acme/base:b1', 'PY=3.11', 'HTTP_PROXY=http://proxy:3128']);
    expect(pairs('--cache-from')).toEqual(['type=registry,ref=r/cache:app']);
    expect(pairs('--cache-to')).toEqual(['type=inline']);
    expect(pairs('--builder')).toEqual(['remote']);
    expect(argv).toContain('--pull');
    expect(argv).toContain('--no-cache');
    expect(argv?.slice(-5)).toEqual(['--load', '--network=host', '--shm-size', '1g', '.']);
    expect(argvOf('tool', {}, { flags: { buildArgs: ['MODE=fast'] } })).toContain('MODE=fast');
  });

  it('several platforms with --push: buildx loads and pushes the index in the same build; one platform keeps --load (docker push follows)', () => {
    const two = { flags: { platforms: ['linux/amd64', 'linux/arm64'] }, push: true } as const;
    const pairs = (argv: readonly string[] | undefined, flag: string) => argv?.flatMap((a, i) => (a === flag ? [argv[i + 1]] : []));
    const containerd = { engine: { buildx: true, store: 'containerd', driver: 'docker' } } as const;
    const pushed = argvOf('app', {}, { ...containerd, ...two });
    expect(pairs(pushed, '--output')).toEqual(['type=image,push=true']);
    expect(pushed).not.toContain('--load');
    expect(plan({}, { ...containerd, ...two }).steps.find((s) => s.id === 'app')?.push).toBe(true);
    // another driver on a classic store cannot load several platforms: it pushes them
    const remote = argvOf('app', {}, { engine: { buildx: true, store: 'classic', driver: 'remote' }, ...two });
    expect(pairs(remote, '--output')).toEqual(['type=registry']);
    // not pushing, or one platform: the local store
    expect(argvOf('app', {}, { ...containerd, flags: two.flags })).toContain('--load');
    const one = argvOf('app', {}, { ...containerd, push: true, flags: { platforms: ['linux/arm64'] } });
    expect(one).toContain('--load');
    expect(one).not.toContain('--output');
  });

  it('the registry cache setting: --cache-from and --cache-to (mode=max, ignore-error) of <registry>/<namespace>/<name>:<cache tag>', () => {
    const s = settings({ registry: '127.0.0.1:5000', namespace: 'acme', tag: '7', registryCache: 'ci-cache' });
    const argv = planBuild(images, s, {}, { ...buildx, flags: { cacheFrom: ['type=local,src=/c'] } }).steps.find(
      (x) => x.id === 'app',
    )?.argv;
    const pairs = (flag: string) => argv?.flatMap((a, i) => (a === flag ? [argv[i + 1]] : []));
    expect(pairs('--cache-from')).toEqual(['type=local,src=/c', 'type=registry,ref=127.0.0.1:5000/acme/app:ci-cache']);
    expect(pairs('--cache-to')).toEqual(['type=registry,ref=127.0.0.1:5000/acme/app:ci-cache,mode=max,ignore-error=true']);
    expect(argvOf('app')).not.toContain('--cache-to');
  });

  it('names secrets by id and variable or file, never by value; ssh and named contexts pass through', () => {
    const secretive = model('s', {
      secrets: [
        { id: 'npmrc', src: 'secrets/npmrc' },
        { id: 'token', env: 'GH_TOKEN' },
      ],
      ssh: ['default'],
      buildContexts: { assets: 'vendor/assets', tools: 'docker-image://busybox:stable' },
      context: 'services/s',
    });
    const step = planBuild([secretive], settings(), {}, buildx).steps[0];
    const argv = step?.argv ?? [];
    expect(argv).toEqual(
      expect.arrayContaining(['--secret', 'id=npmrc,src=secrets/npmrc', '--secret', 'id=token,env=GH_TOKEN', '--ssh', 'default']),
    );
    expect(argv).toEqual(
      expect.arrayContaining(['--build-context', 'assets=vendor/assets', '--build-context', 'tools=docker-image://busybox:stable']),
    );
    expect(argv.at(-1)).toBe('services/s');
  });

  it('a build arg given as a bare name stays a bare name (docker reads it from the environment)', () => {
    expect(argvOf('app', {}, { flags: { buildArgs: ['PY'] } })).toEqual(expect.arrayContaining(['--build-arg', 'PY']));
  });

  it('rejects a build arg no selected image declares, and buildx-only options without buildx', () => {
    expect(() => plan({}, { flags: { buildArgs: ['PYTHON=3'] } })).toThrow(UsageError);
    expect(() => plan({}, { flags: { buildArgs: ['PYTHON=3'] } })).toThrow(
      /--build-arg PYTHON: no selected image declares it; their ARGs are: MODE, PY/,
    );
    expect(() => plan({}, { engine: { buildx: false }, flags: { cacheTo: ['type=inline'] } })).toThrow(/--cache-to need docker buildx/);
  });

  it('lists the ancestors it does not build as external, with the refs that must exist', () => {
    const p = plan({ names: ['app'], deps: false });
    expect(p.order).toEqual(['app']);
    expect(p.external).toEqual([{ id: 'base', ref: '127.0.0.1:5000/acme/base:b1' }]);
  });

  it('marks steps to push only with --push and only for pushable images', () => {
    expect(plan({}, { push: true }).steps.map((s) => [s.id, s.push])).toEqual([
      ['base', false],
      ['app', true],
      ['tool', true],
    ]);
  });

  it("lets the definition's own OCI label win", () => {
    const own = model('own', { labels: { 'org.opencontainers.image.title': 'Own' } });
    expect(planBuild([own], settings(), {}, buildx).steps[0]?.argv.join(' ')).not.toContain('image.title=own');
  });

  it("names each step's base: the image its target stage starts FROM, through its own stages; none for other parents", () => {
    // runtime ← build ← FROM app; tools only copied from
    const multi = imageModel({
      id: 'multi',
      target: 'runtime',
      stages: [
        stageModel('build', imageRef('app')),
        stageModel('runtime', stageRef('build'), [copy('/x', '/x', { from: imageRef('tool') })]),
        stageModel('debug', imageRef('tool')),
      ],
    });
    expect(baseImageId(multi)).toBe('app');
    expect(baseImageId({ ...multi, target: 'debug' })).toBe('tool');
    expect(
      baseImageId(
        imageModel({ id: 'ext', stages: [stageModel('main', external('busybox:stable'), [copy('/x', '/x', { from: imageRef('app') })])] }),
      ),
    ).toBeUndefined();
    const steps = planBuild([...images, multi], settings(), {}, buildx).steps;
    expect(Object.fromEntries(steps.map((st) => [st.id, st.base]))).toEqual({
      base: undefined,
      app: 'base',
      tool: undefined,
      multi: 'app',
    });
  });
});
