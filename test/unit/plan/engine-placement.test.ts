import { describe, expect, it } from 'vitest';
import { ConfigError, UsageError } from '../../../src/errors/index.js';
import { SettingsSchema, type EngineSpec } from '../../../src/model/settings.js';
import { bakeSession } from '../../../src/plan/bake-session.js';
import { requireSpreadPush, seatOf, spansEngines } from '../../../src/plan/build-engine.js';
import { planBuild } from '../../../src/plan/build-plan.js';
import { buildxArgv } from '../../../src/plan/buildx-argv.js';
import { placeImage, placementProblems, stableHash } from '../../../src/plan/engine-placement.js';
import { formatPlan } from '../../../src/plan/format-plan.js';
import { model, settings } from './images.js';

const two: EngineSpec[] = [
  { name: 'amd', context: 'ctx-a', platforms: ['linux/amd64'] },
  { name: 'arm', host: 'tcp://arm.example:2375', builder: 'b-arm', platforms: ['linux/arm64'] },
];
const equal: EngineSpec[] = [
  { name: 'e1', context: 'c1' },
  { name: 'e2', context: 'c2' },
  { name: 'e3', builder: 'b3' },
];

describe('engine placement', () => {
  it('FNV-1a is the published one (stable across machines)', () => {
    // reference values of 32-bit FNV-1a
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('a')).toBe(0xe40c292c);
    expect(stableHash('foobar')).toBe(0xbf9cf968);
  });

  it('an image that names its engine builds there; else by platform, else the hash of its id over the fitting engines', () => {
    expect(placeImage({ id: 'x', engine: 'arm' }, ['linux/amd64'], two)).toBe('arm');
    expect(placeImage({ id: 'x' }, ['linux/arm64'], two)).toBe('arm');
    expect(placeImage({ id: 'x' }, ['linux/amd64'], two)).toBe('amd');
    for (const id of ['app', 'base', 'tool', 'web:slim'])
      expect(placeImage({ id }, [], equal)).toBe((equal[stableHash(id) % 3] as EngineSpec).name);
    // the same answer every time, and spread over more than one engine
    const ids = Array.from({ length: 30 }, (_, i) => `image-${i}`);
    const placed = ids.map((id) => placeImage({ id }, [], equal));
    expect(ids.map((id) => placeImage({ id }, [], equal))).toEqual(placed);
    expect(new Set(placed).size).toBe(3);
    expect(placeImage({ id: 'x' }, [], [])).toBeUndefined();
  });

  it('no engine builds every platform of an image: a config error naming the image', () => {
    expect(() => placeImage({ id: 'multi' }, ['linux/amd64', 'linux/arm64'], two)).toThrow(ConfigError);
    expect(() => placeImage({ id: 'multi' }, ['linux/amd64', 'linux/arm64'], two)).toThrow(
      /multi: no engine .* builds all of linux\/amd64, linux\/arm64/,
    );
  });

  it('an unknown engine name is a problem naming file, image and field, with did-you-mean', () => {
    const image = { ...model('app'), file: 'definitions/app.ts', engine: 'armm' };
    expect(placementProblems(image, two)).toEqual([
      {
        file: 'definitions/app.ts',
        image: 'app',
        path: ['engine'],
        message: 'engine "armm" is not in the engines setting; did you mean "arm"? the engines are: amd, arm',
      },
    ]);
    expect(placementProblems({ ...image, engine: 'arm' }, two)).toEqual([]);
    expect(placementProblems(image, [])[0]?.message).toBe('engine "armm" is not in the engines setting, which lists none');
  });

  it('the setting: a context or a host (not both) or a builder, unique names', () => {
    expect(SettingsSchema.parse({ engines: two }).engines).toEqual(two);
    expect(SettingsSchema.parse({}).engines).toEqual([]);
    expect(SettingsSchema.safeParse({ engines: [{ name: 'a', context: 'c', host: 'unix:///x' }] }).success).toBe(false);
    expect(SettingsSchema.safeParse({ engines: [{ name: 'a' }] }).success).toBe(false);
    expect(
      SettingsSchema.safeParse({
        engines: [
          { name: 'a', builder: 'b' },
          { name: 'a', context: 'c' },
        ],
      }).success,
    ).toBe(false);
  });
});

describe('a plan over several engines', () => {
  const images = [
    model('base', { engine: 'amd' }),
    model('app', { from: 'base', engine: 'arm' }),
    model('tool', { from: 'base', engine: 'amd' }),
  ];
  const s = settings({ registry: 'r.example', namespace: 'acme', tag: '1', engines: two });
  const plan = (push = true) => planBuild(images, s, {}, { engine: { buildx: true }, push });

  it('each build names its engine and pushes itself; its argv carries that engine', () => {
    const p = plan();
    expect(p.builds.map((b) => [b.id, b.engine, b.output])).toEqual([
      ['base', 'amd', 'load-and-push'],
      ['app', 'arm', 'load-and-push'],
      ['tool', 'amd', 'load-and-push'],
    ]);
    expect(spansEngines(p)).toBe(true);
    const app = buildxArgv(p.builds[1]!, p);
    expect(app.env).toEqual({ DOCKER_HOST: 'tcp://arm.example:2375' });
    expect(app.argv.slice(0, 2)).toEqual(['buildx', 'build']);
    expect(app.argv).toContain('b-arm');
    const base = buildxArgv(p.builds[0]!, p);
    expect(base.argv.slice(0, 4)).toEqual(['--context', 'ctx-a', 'buildx', 'build']);
    expect(base.argv).not.toContain('--builder');
    expect(base.argv).toContain('type=image,push=true');
    expect(formatPlan(p)).toMatch(
      / 2\. app {2}\(after base\) {2}\[engine arm\]\n {5}DOCKER_HOST=tcp:\/\/arm\.example:2375 docker buildx build/,
    );
  });

  it('--context or --builder on the command line sends every build to that engine', () => {
    const p = planBuild(images, s, {}, { engine: { buildx: true }, push: true, flags: { context: 'other' } });
    expect(p.builds.map((b) => b.engine)).toEqual([undefined, undefined, undefined]);
    expect(p.engines).toBeUndefined();
    expect(seatOf(p.builds[0]!, p).options.context).toBe('other');
  });

  it('needs --push, and no never-pushed parent under a child elsewhere (exit-2 usage errors saying why)', () => {
    expect(() => requireSpreadPush(plan(false), false)).toThrow(UsageError);
    expect(() => requireSpreadPush(plan(false), false)).toThrow(/several engines \(amd, arm\): add --push, since a parent is handed/);
    expect(() => requireSpreadPush(plan(), true)).not.toThrow();
    const hidden = planBuild([{ ...images[0]!, push: false }, ...images.slice(1)], s, {}, { engine: { buildx: true }, push: true });
    expect(() => requireSpreadPush(hidden, true)).toThrow(/never pushed .*base \(on amd\) → app \(on arm\)/);
    const one = planBuild([model('solo', { engine: 'amd' })], s, {}, { engine: { buildx: true } });
    expect(() => requireSpreadPush(one, false)).not.toThrow();
  });

  it("a bake session runs on its images' engine and never mixes engines", () => {
    const p = plan();
    const amd = bakeSession([p.builds[0]!, p.builds[2]!], p, '/root');
    expect('argv' in amd && amd.argv.slice(0, 4)).toEqual(['--context', 'ctx-a', 'buildx', 'bake']);
    expect(bakeSession(p.builds, p, '/root')).toEqual({ notBakeable: 'its images build on different engines' });
  });
});
