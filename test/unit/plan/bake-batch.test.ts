import { describe, expect, it } from 'vitest';
import { imageArgName } from '../../../src/compile/lower-source.js';
import { bakeBatch, parseBuildArgv, type BakeBatch } from '../../../src/plan/bake-batch.js';
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
const step = (id: string) => plan.steps.find((st) => st.id === id) as (typeof plan.steps)[number];
const entries = (ids: readonly string[]) => ids.map((id) => ({ step: step(id), argv: step(id).argv }));
const made = (ids: readonly string[]): BakeBatch => {
  const b = bakeBatch(entries(ids), '/proj', imageArgName);
  if ('notBakeable' in b) throw new Error(b.notBakeable);
  return b;
};

describe('parseBuildArgv', () => {
  it('reads back every option build-argv.ts writes', () => {
    const p = parseBuildArgv(step('tools').argv);
    expect(p).toMatchObject({
      globalArgs: [],
      dockerfile: 'generated/tools/Dockerfile',
      context: '.',
      target: 'main',
      tags: ['127.0.0.1:5000/acme/tools:7'],
      secrets: ['id=tok,env=TOKEN'],
      ssh: ['default'],
      contexts: { 'release:1': 'contexts/release' },
      cacheFrom: ['type=local,src=/c/tools'],
      pull: true,
      noCache: false,
      load: true,
    });
    expect(p?.buildArgs).toEqual([`${imageArgName('base')}=127.0.0.1:5000/acme/base:b1`]);
    expect(parseBuildArgv(step('app').argv)?.platforms).toEqual(['linux/amd64']);
  });

  it('refuses what it does not know: options after --, plain docker build, a --context other than first', () => {
    const argv = step('base').argv;
    expect(parseBuildArgv([...argv.slice(0, -1), '--shm-size', '1g', argv.at(-1) as string])).toBeUndefined();
    expect(parseBuildArgv(['build', '-f', 'x/Dockerfile', '.'])).toBeUndefined();
    expect(parseBuildArgv(['--debug', ...argv])).toBeUndefined();
    expect(parseBuildArgv(['--context', 'far', ...argv])?.globalArgs).toEqual(['--context', 'far']);
  });
});

describe('bakeBatch', () => {
  it('links a parent of the batch as a target: context and keeps each image what its own build would be', () => {
    const b = made(['base', 'app']);
    expect(b.argv).toEqual(['buildx', 'bake', '-f', '-', '--progress=plain', '--load', 'base', 'app']);
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
      labels: { 'org.opencontainers.image.title': 'app' },
      platforms: ['linux/amd64'],
      contexts: { 'dockwright-target/base': 'target:base' },
      'cache-from': ['type=local,src=/c/app'],
      pull: true,
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

  it("keeps the labels the runner added to the argv (the input digest) and docker's global --context", () => {
    const withLabel = (id: string) => {
      const argv = ['--context', 'far', ...step(id).argv];
      return { step: step(id), argv: [...argv.slice(0, -1), '--label', 'dev.dockwright.input-digest=sha256:1', ...argv.slice(-1)] };
    };
    const b = bakeBatch([withLabel('base'), withLabel('app')], '/proj', imageArgName);
    if ('notBakeable' in b) throw new Error(b.notBakeable);
    expect(b.argv.slice(0, 4)).toEqual(['--context', 'far', 'buildx', 'bake']);
    expect(b.file.target.base?.labels?.['dev.dockwright.input-digest']).toBe('sha256:1');
  });

  it('is refused for options a bake file cannot carry, and for build args taken from the environment', () => {
    const odd = entries(['base', 'app']).map((e, i) => (i === 1 ? { ...e, argv: [...e.argv.slice(0, -1), '--network', 'host', '.'] } : e));
    expect(bakeBatch(odd, '/proj', imageArgName)).toEqual({
      notBakeable: 'the docker command of app has options a bake file cannot carry',
    });
    const envPlan = planBuild(images, s, {}, { engine: { buildx: true }, flags: { buildArgs: ['MODE'] } });
    const fromEnv = envPlan.steps.filter((st) => st.id !== 'tools').map((st) => ({ step: st, argv: st.argv }));
    expect(bakeBatch(fromEnv, '/proj', imageArgName)).toEqual({ notBakeable: 'app takes a build arg from the environment' });
  });
});
