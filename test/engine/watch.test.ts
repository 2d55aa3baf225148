/**
 * `dockwright watch` on the real engine, as a user runs it (`node bin/dockwright.js watch`, the
 * bundle rebuilt first): the first run builds and tests everything; a context change rebuilds that
 * image and the images on it (and runs its image test), not the others; a file the ignore rules
 * leave out triggers nothing; a definition change reloads the project and rebuilds what changed; a
 * burst of changes starts at once and ends in one build of its final content; SIGINT during a build ends the process with 130 and leaves no
 * docker process and no `dw-test-` container behind.
 */
import { descendantsOf } from './support/processes.js';
import { mkdtemp, mkdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerOk } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { removeImages, uniquePrefix } from './support/images.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const definitions = (otherStep: string): string => `import { copy, image, run } from 'dockwright';
export const app = image({
  name: 'app', from: 'busybox:stable', context: 'ctx/app', steps: [copy('.', '/app/')],
  test: { smoke: [{ argv: ['cat', '/app/msg.txt'], expect: '/hello/' }] },
});
export const leaf = image({
  name: 'leaf', from: app, context: 'ctx/leaf',
  steps: [copy('.', '/leaf/'), run('cat /app/msg.txt; if [ -f /leaf/slow ]; then sleep 45; fi')],
});
export const other = image({ name: 'other', from: 'busybox:stable', context: 'ctx/other', steps: [copy('.', '/other/'), run('${otherStep}')] });
`;

describe.skipIf(!engineAvailable)('dockwright watch (engine)', () => {
  const prefix = uniquePrefix('watch');
  let root = '';
  let child: ResultPromise<{ cwd: string; reject: false; env: Record<string, string>; extendEnv: false }> | undefined;
  let out = '';
  let err = '';
  const write = async (rel: string, text: string): Promise<void> => {
    await mkdir(dirname(join(root, rel)), { recursive: true });
    await writeFile(join(root, rel), text);
  };
  /** Waits until the output after `from` matches; returns the output's length then. */
  const waitFor = (re: RegExp, from: number, what: string, ms = 180_000): Promise<number> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms; stdout:\n${out}\nstderr:\n${err.slice(-3000)}`)), ms);
      const check = (): void => {
        if (re.test(out.slice(from))) {
          clearTimeout(timer);
          child?.stdout?.off('data', check);
          resolve(out.length);
        }
      };
      child?.stdout?.on('data', check);
      check();
    });
  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    const bundled = await execa(process.execPath, [join(repoRoot, 'scripts', 'bundle.mjs')], { cwd: repoRoot, reject: false });
    expect(bundled.exitCode, bundled.stderr).toBe(0);
    root = await realpath(await mkdtemp(join(tmpdir(), 'dockwright-watch-')));
    await write(
      'dockwright.config.ts',
      `import { defineConfig } from 'dockwright';\nexport default defineConfig({ namespace: '${prefix}', tag: 't1' });\n`,
    );
    await write('definitions/images.ts', definitions('echo one'));
    await write('ctx/app/msg.txt', 'hello 1\n');
    await write('ctx/app/.dockerignore', '*.log\n');
    await write('ctx/leaf/a.txt', 'a\n');
    await write('ctx/other/o.txt', 'o\n');
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k, v]) => !k.startsWith('DOCKWRIGHT_') && v !== undefined),
    ) as Record<string, string>;
    child = execa(process.execPath, [join(repoRoot, 'bin', 'dockwright.js'), 'watch', '--debounce', '400'], {
      cwd: root,
      reject: false,
      env,
      extendEnv: false,
    });
    child.stdout?.on('data', (c: Buffer) => void (out += c.toString()));
    child.stderr?.on('data', (c: Buffer) => void (err += c.toString()));
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await child;
    }
    await removeImages(prefix);
    if (root) await rm(root, { recursive: true, force: true });
  });

  let mark = 0;
  const count = (re: RegExp): number => (out.match(new RegExp(re.source, 'gm')) ?? []).length;

  it('first builds and tests everything selected', async () => {
    mark = await waitFor(/✓ other built[^\n]*\n/, 0, 'first run');
    await waitFor(/✓ leaf built/, 0, 'leaf');
    expect(out).toMatch(/^\[\d\d:\d\d:\d\d\] ✓ app built in \S+, test passed$/m);
    expect(out).toMatch(/^\[\d\d:\d\d:\d\d\] ✓ leaf built in \S+$/m);
  });

  it('a context change rebuilds that image and the images on it, and runs its test; an ignored file triggers nothing', async () => {
    await settle(1_000);
    const from = out.length;
    await write('ctx/app/msg.txt', 'hello 2\n');
    mark = await waitFor(/✓ leaf built[^\n]*\n/, from, 'rebuild after a context change');
    const run = out.slice(from, mark);
    expect(run).toMatch(/changed: ctx\/app\/msg\.txt → app, leaf\n/);
    expect(run).toMatch(/✓ app built in \S+, test passed/);
    // other is neither built nor even looked at
    expect(run).not.toMatch(/other/);
    expect((await dockerOk(['run', '--rm', `${prefix}/leaf:t1`, 'cat', '/app/msg.txt'])).stdout).toBe('hello 2');

    const before = out.length;
    await write('ctx/app/debug.log', 'noise\n');
    await settle(3_000);
    expect(out.slice(before), 'a run after an ignored file changed').toBe('');
  });

  it('a definition change reloads the project and rebuilds only the image whose inputs changed', async () => {
    const from = out.length;
    await write('definitions/images.ts', definitions('echo two'));
    const end = await waitFor(/up to date: [^\n]*\n/, from, 'run after a definition change');
    const run = out.slice(from, end);
    expect(run).toMatch(/changed: definitions\/images\.ts → reloading the project\n/);
    expect(run).toMatch(/✓ other built in/);
    expect(run).toMatch(/up to date: app, leaf/);
  });

  it('a burst of changes: its first run starts at once, a later change restarts it, and the burst ends in one build of its final content', async () => {
    const builtBefore = count(/✓ leaf built/);
    const from = out.length;
    // the first run starts at once, without waiting for a quiet period (--debounce 400): it is seen
    // before the rest of the burst is written (waiting for it, not for a fixed time, keeps a loaded
    // machine from turning the burst into one change)
    await write('ctx/leaf/burst-0.txt', '0\n');
    await waitFor(/changed: ctx\/leaf\/burst-0\.txt → leaf\n/, from, 'first run of a burst');
    for (let i = 1; i < 5; i++) {
      await write(`ctx/leaf/burst-${i}.txt`, `${i}\n`);
      await settle(50);
    }
    await waitFor(/✓ leaf built[^\n]*\n/, from, 'run after a burst');
    await settle(3_000);
    const run = out.slice(from);
    // the runs the burst's later changes aborted printed nothing: one build, of every file
    expect(count(/✓ leaf built/) - builtBefore, run).toBe(1);
    expect(run).toMatch(/changed: ctx\/leaf\/burst-\d\.txt[^\n]* → leaf \(restarting the running build\)\n/);
    // the burst's first change, the one that aborted its run, and the rest together: not one line per change
    expect(run.match(/changed: /g)?.length ?? 0, run).toBeLessThanOrEqual(3);
    expect(run.match(/up to date: app/g)).toHaveLength(1);
    const files = (await dockerOk(['run', '--rm', `${prefix}/leaf:t1`, 'ls', '/leaf'])).stdout.split('\n');
    expect(files.filter((f) => f.startsWith('burst-')).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `burst-${i}.txt`));
  });

  it('SIGINT during a build: exit 130, no docker process and no dw-test- container left', async () => {
    const running = child as NonNullable<typeof child>;
    await write('ctx/leaf/slow', 'yes\n');
    // the slow RUN is running when buildx has been busy for a while
    let docker: string[] = [];
    for (let i = 0; i < 120 && docker.length === 0; i++) {
      await settle(500);
      docker = (await descendantsOf(running.pid as number)).filter((p) => /docker/.test(p));
    }
    expect(docker.length, 'docker processes while building').toBeGreaterThan(0);
    await settle(2_000);
    const pids = docker.map((p) => p.split(' ')[0] as string);
    running.kill('SIGINT');
    const r = await running;
    expect(r.exitCode, err.slice(-2000)).toBe(130);
    expect(err).toContain('error: watch stopped');
    const alive = (await execa('ps', ['-eo', 'pid='], { reject: false })).stdout.split('\n').map((l) => l.trim());
    expect(
      pids.filter((pid) => alive.includes(pid)),
      'docker processes of the watch left behind',
    ).toEqual([]);
    expect((await dockerOk(['ps', '-a', '--filter', 'name=dw-test-', '--format', '{{.Names}}'])).stdout.trim()).toBe('');
    // BuildKit drops the RUN once its client is gone
    const sleeping = async (): Promise<string[]> =>
      (await execa('ps', ['-eo', 'args='], { reject: false })).stdout.split('\n').filter((l) => l.trim() === 'sleep 45');
    // (on a busy machine BuildKit takes its time to cancel a RUN)
    for (let i = 0; i < 60 && (await sleeping()).length > 0; i++) await settle(500);
    expect(await sleeping()).toEqual([]);
  });
});
