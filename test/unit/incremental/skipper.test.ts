import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DIGEST_LABEL } from '../../../src/engine/images.js';
import { createSkipper, type Decision, type SkipperOptions } from '../../../src/incremental/skipper.js';
import { planBuild } from '../../../src/plan/build-plan.js';
import type { DockerExec } from '../../../src/engine/docker-exec.js';
import { cleanupProjects, tempProject } from '../cli/support/temp-project.js';
import { model, settings } from '../plan/images.js';
import { fakeDocker, type Img } from '../support/fake-docker.js';

afterEach(cleanupProjects);

const images = [model('base', { context: 'base', push: false }), model('app', { from: 'base', context: 'app' })];
const s = settings({ namespace: 'acme', tag: '1' });

async function project(): Promise<string> {
  return tempProject({
    'base/a.txt': 'a',
    'app/b.txt': 'b',
    'generated/base/Dockerfile': 'FROM busybox:stable\nCOPY a.txt /\n',
    'generated/app/Dockerfile': 'ARG BASE_IMAGE=acme/base:1\nFROM ${BASE_IMAGE}\nCOPY b.txt /\n',
  });
}

const busybox: [string, Img] = ['busybox:stable', { id: 'sha256:bb' }];

function options(root: string, docker: DockerExec, over: Partial<SkipperOptions> = {}): SkipperOptions {
  const plan = planBuild(images, s, {}, { engine: { buildx: true } });
  return { root, settings: s, images, plan, env: {}, engine: { docker }, ...over };
}

const stepOf = (o: SkipperOptions, id: string) => o.plan.builds.find((st) => st.id === id) as SkipperOptions['plan']['builds'][number];
const builds = (d: Decision): d is Extract<Decision, { labels: unknown }> => 'labels' in d;
const digestIn = (d: Decision): string => {
  if (!builds(d)) throw new Error('not a build');
  return d.labels[DIGEST_LABEL] ?? '';
};

/** Builds everything once through the skipper: returns the digest label each image would carry. */
async function firstBuild(root: string): Promise<Map<string, Img>> {
  const local = new Map<string, Img>([busybox]);
  const o = options(root, fakeDocker([], { local }));
  const skipper = await createSkipper(o);
  for (const id of ['base', 'app']) {
    const d = await skipper.decide(stepOf(o, id));
    expect(builds(d)).toBe(true);
    if (builds(d)) await d.built();
    local.set(`acme/${id}:1`, { id: `sha256:${id}`, labels: { [DIGEST_LABEL]: digestIn(d) } });
  }
  await skipper.close();
  return local;
}

describe('createSkipper', () => {
  it("hashes the contexts while the engine answers: a context file is read before the engine's answer is in", async () => {
    const root = await project();
    let answer: (images: Map<string, never>) => void = () => undefined;
    const answered = new Promise<Map<string, never>>((resolve) => (answer = resolve));
    const events: string[] = [];
    const api = { images: () => answered.then((m) => (events.push('engine answered'), m)) };
    const o = options(root, fakeDocker([], { local: new Map([busybox]) }), { onChange: () => void events.push('context file hashed') });
    const skipper = await createSkipper({ ...o, engine: { ...o.engine, api } });
    const deciding = skipper.decide(stepOf(o, 'base'));
    await new Promise((r) => setTimeout(r, 50));
    answer(new Map<string, never>());
    expect(builds(await deciding)).toBe(true);
    expect(events.slice(0, 2)).toEqual(['context file hashed', 'engine answered']);
  });

  it('builds what does not exist yet, with the digest label added', async () => {
    const root = await project();
    const o = options(root, fakeDocker([], { local: new Map([busybox]) }));
    const d = await (await createSkipper(o)).decide(stepOf(o, 'base'));
    expect(builds(d) && d.labels).toEqual({ [DIGEST_LABEL]: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(builds(d) && d.notes[0]).toMatch(/building, no image acme\/base:1 yet$/);
  });

  it('skips every image whose tags carry the same digest, asking docker once', async () => {
    const root = await project();
    const local = await firstBuild(root);
    const engine = fakeDocker([], { local });
    const o = options(root, engine);
    const skipper = await createSkipper(o);
    const decisions = await Promise.all(['base', 'app'].map((id) => skipper.decide(stepOf(o, id))));
    expect(decisions).toEqual([
      { upToDate: expect.stringMatching(/^inputs unchanged \([0-9a-f]{12}\)$/), size: 1000 },
      { upToDate: expect.stringMatching(/^inputs unchanged/), size: 1000 },
    ]);
    expect(engine.calls).toHaveLength(1);
  });

  it('a change in the base rebuilds the base and, through its digest, its child; dry run names why', async () => {
    const root = await project();
    const local = await firstBuild(root);
    await writeFile(path.join(root, 'base/a.txt'), 'A');
    const o = options(root, fakeDocker([], { local }));
    const verdicts = await (await createSkipper(o)).explain();
    expect(verdicts.map((v) => [v.id, v.upToDate, v.reason])).toEqual([
      ['base', false, 'changed: context file a.txt'],
      ['app', false, 'changed: parent base'],
    ]);
  });

  it('a change in the child rebuilds only the child', async () => {
    const root = await project();
    const local = await firstBuild(root);
    await writeFile(path.join(root, 'generated/app/Dockerfile'), 'ARG BASE_IMAGE=acme/base:1\nFROM ${BASE_IMAGE}\nCOPY b.txt /b\n');
    const verdicts = await (await createSkipper(options(root, fakeDocker([], { local })))).explain();
    expect(verdicts.map((v) => [v.id, v.upToDate, v.reason.replace(/\(.*\)/, '(…)')])).toEqual([
      ['base', true, 'inputs unchanged (…)'],
      ['app', false, 'changed: Dockerfile'],
    ]);
  });

  it('a replaced external base rebuilds its image', async () => {
    const root = await project();
    const local = await firstBuild(root);
    local.set('busybox:stable', { id: 'sha256:new-busybox' });
    const verdicts = await (await createSkipper(options(root, fakeDocker([], { local })))).explain();
    expect(verdicts.map((v) => v.reason)).toEqual(['changed: base busybox:stable', 'changed: parent base']);
  });

  it('--force builds anyway; an image labelled by someone else is rebuilt', async () => {
    const root = await project();
    const local = await firstBuild(root);
    const forced = options(root, fakeDocker([], { local }), { force: true });
    expect(builds(await (await createSkipper(forced)).decide(stepOf(forced, 'base')))).toBe(true);
    local.set('acme/base:1', { id: 'sha256:x' });
    const verdicts = await (await createSkipper(options(root, fakeDocker([], { local })))).explain();
    expect(verdicts[0]?.reason).toMatch(/^the image has no input digest/);
  });

  it('with --push, a pushable image is up to date only when its registry has every tag with the digest', async () => {
    const root = await project();
    const local = await firstBuild(root);
    const digest = local.get('acme/app:1')?.labels?.[DIGEST_LABEL] as string;
    const inRegistry = fakeDocker([], { local: local, registry: new Map([['acme/app:1', { [DIGEST_LABEL]: digest }]]) });
    const o = options(root, inRegistry, { push: true, plan: planBuild(images, s, {}, { engine: { buildx: true }, push: true }) });
    const skipper = await createSkipper(o);
    // the registry is asked as the skipper is made, before any input is hashed
    expect(inRegistry.calls.filter((c) => c.argv[1] === 'imagetools').map((c) => c.argv.at(-1))).toEqual(['acme/app:1']);
    const verdicts = await skipper.explain();
    // base is never pushed: its local image decides
    expect(verdicts.map((v) => v.reason.replace(/[0-9a-f]{12}/, 'D'))).toEqual([
      'inputs unchanged (D)',
      'in the registry with input digest D',
    ]);
    expect(
      inRegistry.calls
        .map((c) => c.argv)
        .filter((c) => c[1] === 'imagetools')
        .map((c) => c.at(-1)),
    ).toEqual(['acme/app:1']);
    // the engine is asked about the tags the local store decides (base) and the bases, not about app's tag
    const inspected = inRegistry.calls.filter((c) => c.argv[1] === 'inspect' && c.argv[0] === 'image').flatMap((c) => c.argv);
    expect(inspected).toContain('acme/base:1');
    expect(inspected).not.toContain('acme/app:1');
    const elsewhere = options(root, fakeDocker([], { local }), { push: true, plan: o.plan });
    expect((await (await createSkipper(elsewhere)).explain())[1]?.reason).toBe('acme/app:1 is not in its registry with these inputs');
  });
});

describe("dockwright's own folders in a context of `.`", () => {
  it('a new snapshot, log or cache file changes no digest', async () => {
    const solo = [model('solo', { context: '.', push: false })];
    const root = await tempProject({ 'a.txt': 'a', 'generated/solo/Dockerfile': 'FROM busybox:stable\nCOPY . /\n' });
    const digest = async (): Promise<string> => {
      const plan = planBuild(solo, s, {}, { engine: { buildx: true } });
      const o: SkipperOptions = {
        root,
        settings: s,
        images: solo,
        plan,
        env: {},
        engine: { docker: fakeDocker([], { local: new Map([busybox]) }) },
      };
      const skipper = await createSkipper(o);
      const d = await skipper.decide(stepOf(o, 'solo'));
      await skipper.close();
      return digestIn(d);
    };
    const before = await digest();
    await mkdir(path.join(root, '.dockwright/fast-build'), { recursive: true });
    await writeFile(path.join(root, '.dockwright/fast-build/0123.json'), '{}');
    await mkdir(path.join(root, 'build-logs'), { recursive: true });
    await writeFile(path.join(root, 'build-logs/solo.log'), 'log');
    expect(await digest()).toBe(before);
    await writeFile(path.join(root, 'b.txt'), 'b');
    expect(await digest()).not.toBe(before);
  });
});
