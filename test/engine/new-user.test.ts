/**
 * A new user's own project works the first time: the README's quick start, command for command,
 * on the packed tarball (`npm pack`) installed into an empty folder (from npm's cache when it can),
 * on the real engine. Between its commands: a comment edited in a definition rebuilds nothing, and
 * a changed context file rebuilds that image and the images built on it, nothing else.
 */
import { appendFile, mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineAvailable } from './support/engine.js';
import { removeImages, uniquePrefix } from './support/images.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The README's quick start, as a user types it (comments dropped). The tests below run in order. */
const QUICK_START = [
  'mkdir my-images && cd my-images',
  'npm init -y',
  'npm install --save-dev dockwright',
  'npx dockwright init',
  'npx dockwright gen',
  'npx dockwright build',
  'npx dockwright build',
  'npx dockwright test',
];

async function readmeQuickStart(): Promise<string[]> {
  const text = await readFile(join(ROOT, 'README.md'), 'utf8');
  const section = text.slice(text.indexOf('## Quick start (your own project)'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

describe.skipIf(!engineAvailable)("a new user's project, from the packed tarball (engine)", () => {
  const prefix = uniquePrefix('new-user');
  let dir = '';
  let project = '';
  let tarball = '';
  /** The user's environment: no DOCKWRIGHT_* of this shell, a namespace of this test's own (the engine is shared). */
  const env: Record<string, string> = {
    ...(Object.fromEntries(Object.entries(process.env).filter(([k, v]) => !k.startsWith('DOCKWRIGHT_') && v !== undefined)) as Record<
      string,
      string
    >),
    DOCKWRIGHT_NAMESPACE: prefix,
  };

  /** One quick-start command, as argv (the install takes the tarball, from npm's cache when it can). */
  async function run(command: string): Promise<{ code: number; out: string }> {
    const argv = command.split(' ');
    if (command === 'npm install --save-dev dockwright') argv.splice(-1, 1, tarball, '--prefer-offline', '--no-audit', '--no-fund');
    const r = await execa(argv[0] as string, argv.slice(1), { cwd: project, env, extendEnv: false, reject: false, all: true });
    return { code: r.exitCode ?? -1, out: r.all ?? '' };
  }
  async function ok(command: string): Promise<string> {
    const r = await run(command);
    expect(r.code, `${command}\n${r.out}`).toBe(0);
    return r.out;
  }
  /** Each image's status in a build summary. */
  const statuses = (out: string): Record<string, string> =>
    Object.fromEntries(
      out
        .split('\n')
        .map((l) => /^(example-base|hello)\s+(built|up to date)/.exec(l))
        .filter((m) => m !== null)
        .map((m) => [m[1], m[2]]),
    );

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dockwright-new-user-'));
    // dist/ is what `npm ci` (prepare) built; --ignore-scripts keeps pack from building it again
    await execa('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: ROOT });
    const packed = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
    if (!packed) throw new Error(`npm pack wrote no tarball into ${dir}`);
    tarball = join(dir, packed);
  }, 120_000);
  afterAll(async () => {
    await removeImages(prefix);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the README quick start is the journey below, word for word', async () => {
    expect(await readmeQuickStart()).toEqual(QUICK_START);
  });

  it('install, init, gen, build, build again, edits, test', async () => {
    const [mkdirStep, ...commands] = QUICK_START;
    expect(mkdirStep).toBe('mkdir my-images && cd my-images');
    project = join(dir, 'my-images');
    await mkdir(project);
    const [npmInit, install, init, gen, build, again, test] = commands as [string, string, string, string, string, string, string];

    await ok(npmInit);
    await ok(install);
    expect(existsSync(join(project, 'node_modules', '.bin', 'dockwright'))).toBe(true);
    await ok(init);
    expect(existsSync(join(project, 'definitions', 'example.ts'))).toBe(true);
    expect(await ok(gen)).toContain('generated/: 2 written');

    expect(statuses(await ok(build))).toEqual({ 'example-base': 'built', hello: 'built' });
    expect(statuses(await ok(again))).toEqual({ 'example-base': 'up to date', hello: 'up to date' });

    // a comment in a definition changes no image
    await appendFile(join(project, 'definitions', 'example.ts'), '\n// a note for the next reader\n');
    expect(statuses(await ok(build))).toEqual({ 'example-base': 'up to date', hello: 'up to date' });

    // a context file: that image alone (nothing is built on hello) …
    await writeFile(join(project, 'images', 'hello', 'hello.txt'), 'hello again from dockwright\n');
    expect(statuses(await ok(build))).toEqual({ 'example-base': 'up to date', hello: 'built' });
    // … or that image and the images built on it
    await appendFile(join(project, 'images', 'base', 'README.md'), 'One more line.\n');
    expect(statuses(await ok(build))).toEqual({ 'example-base': 'built', hello: 'built' });
    expect(statuses(await ok(build))).toEqual({ 'example-base': 'up to date', hello: 'up to date' });

    expect(await ok(test)).toMatch(/^hello\s+passed/m);
  });

  it("an image whose context is the project itself: dockwright's own folders are never part of it", async () => {
    // a user without init's .dockerignore: BuildKit and the digest would both see .dockwright/ and build-logs/
    await rm(join(project, '.dockerignore'));
    await writeFile(
      join(project, 'definitions', 'whole.ts'),
      `import { copy, image } from 'dockwright';\nexport const whole = image({ name: 'whole', from: 'busybox:stable', context: '.', user: '1000:1000', steps: [copy('.', '/ctx/')] });\n`,
    );
    const first = await ok('npx dockwright build whole');
    expect(first).toContain('sends node_modules/ to BuildKit'); // lint names the line to add
    expect(first).toMatch(/^whole\s+built/m);
    // another command line writes another snapshot under .dockwright/: no reason to build again
    expect(await ok('npx dockwright build')).toMatch(/^whole\s+up to date/m);
    const listed = await execa('docker', ['run', '--rm', `${prefix}/whole:latest`, 'ls', '-a', '/ctx'], { reject: false });
    expect(listed.exitCode, listed.stderr).toBe(0);
    const top = listed.stdout.split('\n');
    expect(top).toEqual(expect.arrayContaining(['definitions', 'images', 'package.json']));
    expect(top).not.toContain('.dockwright');
    expect(top).not.toContain('build-logs');
  });
});
