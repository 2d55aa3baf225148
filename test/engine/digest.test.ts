/**
 * Rebuild only what changed, on the real engine: a temp busybox project of three images (`base` on
 * an external base with a test-only name, `child` on `base`, `other` beside them), built again and
 * again through `dockwright build`; after each kind of change exactly the right images are built
 * and the others are "up to date".
 */
import { appendFile, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';
import { docker, dockerOk } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { removeImages, uniquePrefix } from './support/images.js';

const LABEL = 'dev.dockwright.input-digest';

async function dockwright(root: string, argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const ctx: CliContext = {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SOURCE_DATE_EPOCH: '1700000000' },
    stdout: { write: (t) => void (out += t) },
    stderr: { write: (t) => void (err += t) },
  };
  const code = await main(['-C', root, ...argv], ctx);
  return { code, out, err };
}

const definitions = (base: string, childStep = 'cat /base/a.txt /c.txt > /both') => `import { copy, image, run } from 'dockwright';
export const base = image({ name: 'base', from: '${base}', context: 'ctx/base', args: { MODE: 'one' }, steps: [copy('.', '/base/'), run('echo "$MODE" > /mode')] });
export const child = image({ name: 'child', from: base, context: 'ctx/child', steps: [copy('c.txt', '/c.txt'), run('${childStep}')] });
export const other = image({ name: 'other', from: 'busybox:stable', context: 'ctx/other', steps: [copy('o.txt', '/o.txt')] });
`;

describe.skipIf(!engineAvailable)('input digests: rebuild only what changed (engine)', () => {
  const prefix = uniquePrefix('digest');
  const extBase = `${prefix}/bb:1`;
  let root = '';

  /** `dockwright build`; returns each image's status from the summary. */
  async function build(...args: string[]): Promise<Record<string, string>> {
    const r = await dockwright(root, ['build', '--progress', 'plain', ...args]);
    expect(r.code, `${r.out}\n${r.err}`).toBe(0);
    const rows = r.out
      .split('\n')
      .map((l) => /^(base|child|other)\s+(\S+(?: to date)?)/.exec(l))
      .filter((m) => m !== null);
    return Object.fromEntries(rows.map((m) => [m[1], m[2]]));
  }
  const only = (...built: string[]): Record<string, string> =>
    Object.fromEntries(['base', 'child', 'other'].map((id) => [id, built.includes(id) ? 'built' : 'up to date']));

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'dockwright-digest-'));
    await dockerOk(['tag', 'busybox:stable', extBase]);
    await mkdir(join(root, 'definitions'));
    for (const dir of ['base', 'child', 'other']) await mkdir(join(root, 'ctx', dir), { recursive: true });
    await writeFile(join(root, 'ctx/base/a.txt'), 'a1\n');
    await writeFile(join(root, 'ctx/base/.dockerignore'), '*.log\n');
    await writeFile(join(root, 'ctx/child/c.txt'), 'c1\n');
    await writeFile(join(root, 'ctx/other/o.txt'), 'o1\n');
    await writeFile(
      join(root, 'dockwright.config.ts'),
      `import { defineConfig } from 'dockwright';\nexport default defineConfig({ namespace: '${prefix}', tag: 't1' });\n`,
    );
    await writeFile(join(root, 'definitions', 'graph.ts'), definitions(extBase));
  });

  afterAll(async () => {
    await removeImages(prefix);
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('builds everything once, labelled with its input digest; then nothing is built', async () => {
    expect(await build()).toEqual(only('base', 'child', 'other'));
    const label = await docker(['image', 'inspect', '--format', `{{index .Config.Labels "${LABEL}"}}`, `${prefix}/child:t1`]);
    expect(label.stdout).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await build()).toEqual(only());
    expect(await build('--force')).toEqual(only('base', 'child', 'other'));
  });

  it('a changed context file rebuilds its image only; --dry-run names the file first', async () => {
    await writeFile(join(root, 'ctx/child/c.txt'), 'c2\n');
    const dry = await dockwright(root, ['build', '--dry-run']);
    expect(dry.out).toContain('  child: would build: changed: context file c.txt\n');
    expect(dry.out).toMatch(/^ {2}base: up to date, inputs unchanged/m);
    expect(await build()).toEqual(only('child'));
    expect((await execa('docker', ['run', '--rm', `${prefix}/child:t1`, 'cat', '/both'])).stdout).toBe('a1\nc2');
  });

  it('a file the .dockerignore excludes rebuilds nothing', async () => {
    await writeFile(join(root, 'ctx/base/debug.log'), 'noise\n');
    expect(await build()).toEqual(only());
  });

  it('changed Dockerfile text rebuilds that image only', async () => {
    await writeFile(join(root, 'definitions', 'graph.ts'), definitions(extBase, 'cat /c.txt /base/a.txt > /both'));
    expect(await build()).toEqual(only('child'));
  });

  it('a build arg value rebuilds the image that takes it and its dependents', async () => {
    expect(await build('--build-arg', 'MODE=two')).toEqual(only('base', 'child'));
    expect((await execa('docker', ['run', '--rm', `${prefix}/child:t1`, 'cat', '/mode'])).stdout).toBe('two');
    expect(await build('--build-arg', 'MODE=two')).toEqual(only());
  });

  it('a rebuilt parent rebuilds its child, and nothing else', async () => {
    await appendFile(join(root, 'ctx/base/a.txt'), 'a2\n');
    expect(await build('--build-arg', 'MODE=two')).toEqual(only('base', 'child'));
  });

  it('an external base replaced under the same name rebuilds the images on it', async () => {
    const next = join(root, 'next-base');
    await mkdir(next);
    await writeFile(join(next, 'Dockerfile'), 'FROM busybox:stable\nRUN echo replaced > /replaced\n');
    await dockerOk(['buildx', 'build', '--load', '-q', '-t', extBase, next]);
    expect(await build('--build-arg', 'MODE=two')).toEqual(only('base', 'child'));
    expect((await execa('docker', ['run', '--rm', `${prefix}/child:t1`, 'cat', '/replaced'])).stdout).toBe('replaced');
    // the record of the last build is kept for the next dry run
    const record = JSON.parse(await readFile(join(root, '.dockwright/cache/digests/child.json'), 'utf8')) as { digest: string };
    const label = await docker(['image', 'inspect', '--format', `{{index .Config.Labels "${LABEL}"}}`, `${prefix}/child:t1`]);
    expect(record.digest).toBe(label.stdout);
  });

  it('with --no-deps, the child alone stays up to date (also from the snapshot) until its parent is rebuilt on its own', async () => {
    const rows = (r: Record<string, string>): string => JSON.stringify(r);
    expect(rows(await build('child', '--no-deps'))).toBe(rows({ child: 'up to date' }));
    // the second run answers from the snapshot the first one left: the parent is in the local store
    expect(rows(await build('child', '--no-deps'))).toBe(rows({ child: 'up to date' }));
    await appendFile(join(root, 'ctx/base/a.txt'), 'a3\n');
    expect(rows(await build('base', '--build-arg', 'MODE=two'))).toBe(rows({ base: 'built' }));
    expect(rows(await build('child', '--no-deps'))).toBe(rows({ child: 'built' }));
    expect((await execa('docker', ['run', '--rm', `${prefix}/child:t1`, 'cat', '/both'])).stdout).toContain('a3');
    expect(rows(await build('child', '--no-deps'))).toBe(rows({ child: 'up to date' }));
  });
});
