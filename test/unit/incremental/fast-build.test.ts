import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliContext } from '../../../src/cli/context.js';
import { writeBuildSnapshot } from '../../../src/io/build-snapshot.js';
import { tryFastBuild } from '../../../src/runner/fast-run.js';
import { DIGEST_LABEL } from '../../../src/engine/images.js';
import { createSkipper } from '../../../src/incremental/skipper.js';
import { planBuild } from '../../../src/plan/build-plan.js';
import { cleanupProjects, tempProject } from '../cli/support/temp-project.js';
import { model, settings } from '../plan/images.js';
import { fakeDocker, type Img } from '../support/fake-docker.js';

afterEach(cleanupProjects);

/** Where a command line ran: what keys its snapshot. */
const at = (argv: readonly string[], ctx: CliContext) => ({ argv, cwd: ctx.cwd, env: ctx.env });

const images = [model('app', { context: 'ctx' })];
const s = settings({ namespace: 'acme', tag: '1' });
const plan = planBuild(images, s, {}, { engine: { buildx: true } });

function capture(root: string, env: Record<string, string> = { HOME: '/home/x' }) {
  let out = '';
  let err = '';
  const ctx: CliContext = { cwd: root, env, stdout: { write: (t) => void (out += t) }, stderr: { write: (t) => void (err += t) } };
  return { ctx, out: () => out, err: () => err };
}

interface BuiltOptions {
  readonly images?: typeof images;
  readonly plan?: typeof plan;
  readonly argv?: readonly string[];
  /** The full run was forced (`--force`, `--no-cache`, `--pull`). */
  readonly force?: boolean;
  /** Images in the local store besides busybox (by ref). */
  readonly local?: readonly [string, Img][];
}

/** A project built once: its image carries the right digest; the full run left its snapshot. */
async function builtProject(o: BuiltOptions = {}): Promise<{ root: string; local: Map<string, Img> }> {
  const [imgs, p, argv] = [o.images ?? images, o.plan ?? plan, o.argv ?? ['build', '--progress', 'plain']];
  const root = await tempProject({
    'dockwright.config.ts': 'export default {};\n',
    'definitions/app.ts': `import { helper } from '../lib/helper.js';\nexport const x = helper;\n`,
    'lib/helper.ts': 'export const helper = 1;\n',
    'ctx/a.txt': 'a',
    'generated/app/Dockerfile': 'FROM busybox:stable\nCOPY a.txt /\n',
  });
  const local = new Map<string, Img>([['busybox:stable', { id: 'sha256:bb' }], ...(o.local ?? [])]);
  const { ctx } = capture(root);
  const skipper = await createSkipper({
    root,
    settings: s,
    images: imgs,
    plan: p,
    env: ctx.env,
    engine: { docker: fakeDocker([], { local }) },
  });
  const d = await skipper.decide(p.builds[0] as (typeof p.builds)[number]);
  if (!('labels' in d)) throw new Error('expected a build');
  const label = d.labels[DIGEST_LABEL] ?? '';
  local.set('acme/app:1', { id: 'sha256:app', labels: { [DIGEST_LABEL]: label } });
  await d.built();
  await writeBuildSnapshot({
    argv,
    cwd: ctx.cwd,
    env: ctx.env,
    root,
    job: { settings: s, images: imgs, plan: p, progress: 'plain', parallel: 2, failFast: false, bake: true, force: o.force ?? false },
  });
  return { root, local };
}

describe('the no-op fast path', () => {
  it('answers an unchanged build from its snapshot with one docker call, printing what the full run prints', async () => {
    const { root, local } = await builtProject();
    const engine = fakeDocker([], { local });
    const run = capture(root);
    expect(await tryFastBuild(at(['build', '--progress', 'plain'], run.ctx), run.ctx, engine)).toBe(0);
    expect(run.out()).toMatch(/^app\s+up to date\s+\S+\s+acme\/app:1$/m);
    expect(run.out()).toContain('1 up to date');
    expect(run.err()).toContain('[app] up to date');
    expect(engine.calls.map((c) => c.argv).map((c) => c.slice(0, 2).join(' '))).toEqual(['image inspect']);
  });

  it.each<[string, (root: string) => Promise<unknown>]>([
    ['a definition file was added', (root) => writeFile(path.join(root, 'definitions/more.ts'), 'export {};\n')],
    ['a definition file changed', (root) => appendFile(path.join(root, 'definitions/app.ts'), '// edit\n')],
    ['a module a definition imports changed', (root) => appendFile(path.join(root, 'lib/helper.ts'), '// edit\n')],
    ['the config changed', (root) => appendFile(path.join(root, 'dockwright.config.ts'), '// edit\n')],
    ['a .env appeared', (root) => writeFile(path.join(root, '.env'), 'DOCKWRIGHT_TAG=2\n')],
    ['a generated Dockerfile was edited', (root) => appendFile(path.join(root, 'generated/app/Dockerfile'), 'RUN true\n')],
  ])('falls through to the full run when %s', async (_what, change) => {
    const { root, local } = await builtProject();
    await change(root);
    expect(
      await tryFastBuild(at(['build', '--progress', 'plain'], capture(root).ctx), capture(root).ctx, fakeDocker([], { local })),
    ).toBeUndefined();
  });

  it('builds what changed from the snapshot, without the definitions, through the runner', async () => {
    const { root, local } = await builtProject();
    await writeFile(path.join(root, 'ctx/a.txt'), 'b');
    const engine = fakeDocker([], { local });
    const run = capture(root);
    expect(await tryFastBuild(at(['build', '--progress', 'plain'], run.ctx), run.ctx, engine)).toBe(0);
    expect(run.out()).toMatch(/^app\s+built\s/m);
    const build = engine.calls.map((c) => c.argv).find((c) => c[1] === 'build');
    expect(build?.join(' ')).toMatch(new RegExp(`--label ${DIGEST_LABEL}=sha256:[0-9a-f]{64}`));
  });

  it('falls through, printing nothing, for another command line or another environment', async () => {
    const { root, local } = await builtProject();
    const docker = fakeDocker([], { local });
    const run = capture(root);
    expect(await tryFastBuild(at(['build'], run.ctx), run.ctx, docker)).toBeUndefined();
    expect(
      await tryFastBuild(
        at(['build', '--progress', 'plain'], { ...run.ctx, env: { HOME: '/home/y' } }),
        { ...run.ctx, env: { HOME: '/home/y' } } as CliContext,
        docker,
      ),
    ).toBeUndefined();
    expect(run.out() + run.err()).toBe('');
  });

  it('rebuilds an image that is gone', async () => {
    const { root, local } = await builtProject();
    local.delete('acme/app:1');
    const run = capture(root);
    expect(await tryFastBuild(at(['build', '--progress', 'plain'], run.ctx), run.ctx, fakeDocker([], { local }))).toBe(0);
    expect(run.out()).toMatch(/^app\s+built\s/m);
  });

  it('finds the project of `-C dir` from elsewhere', async () => {
    const { root, local } = await builtProject();
    await writeBuildSnapshot({
      argv: ['-C', root, 'build'],
      cwd: '/',
      env: { HOME: '/home/x' },
      root,
      job: { settings: s, images, plan, progress: 'plain', parallel: 2, failFast: false, bake: true, force: false },
    });
    expect(
      await tryFastBuild(
        at(['-C', root, 'build'], { ...capture(root).ctx, cwd: '/' }),
        { ...capture(root).ctx, cwd: '/' } as CliContext,
        fakeDocker([], { local }),
      ),
    ).toBe(0);
  });

  it('answers with a parent outside the plan (`--no-deps`) when that parent is in the local store; falls through when it is not', async () => {
    const withBase = [model('base'), model('app', { from: 'base', context: 'ctx' })];
    const appOnly = planBuild(withBase, s, { names: ['app'], deps: false }, { engine: { buildx: true } });
    expect(appOnly.external).toEqual([{ id: 'base', ref: 'acme/base:1' }]);
    const argv = ['build', 'app', '--no-deps', '--progress', 'plain'];
    const { root, local } = await builtProject({ images: withBase, plan: appOnly, argv, local: [['acme/base:1', { id: 'sha256:base' }]] });
    const run = capture(root);
    expect(await tryFastBuild(at(argv, run.ctx), run.ctx, fakeDocker([], { local }))).toBe(0);
    expect(run.out()).toMatch(/^app\s+up to date\s/m);
    local.delete('acme/base:1');
    expect(await tryFastBuild(at(argv, capture(root).ctx), capture(root).ctx, fakeDocker([], { local }))).toBeUndefined();
  });

  it('replays a forced run (`--no-cache`) as one: every image builds, unchanged or not', async () => {
    const argv = ['build', '--no-cache', '--progress', 'plain'];
    const { root, local } = await builtProject({ argv, force: true });
    const engine = fakeDocker([], { local });
    const run = capture(root);
    expect(await tryFastBuild(at(argv, run.ctx), run.ctx, engine)).toBe(0);
    expect(run.out()).toMatch(/^app\s+built\s/m);
    expect(engine.calls.map((c) => c.argv).some((c) => c[1] === 'build')).toBe(true);
  });
});
