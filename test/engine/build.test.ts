/**
 * `dockwright build` on the real engine, run as a separate process (as a user runs it): a graph
 * with a failure in the middle, and an interrupt during a long RUN.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { imageExists, removeImages, uniquePrefix } from './support/images.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const mainModule = join(repoRoot, 'src/cli/main.ts');

/** The CLI from source in its own node process (tsx loader, no build step, no wrapper process). */
function dockwright(args: readonly string[]): ResultPromise<{ cwd: string; reject: false; all: true; env: Record<string, string> }> {
  const script = `const { main } = await import(${JSON.stringify(mainModule)}); process.exitCode = await main(process.argv.slice(1));`;
  return execa('node', ['--import', 'tsx', '--input-type=module', '-e', script, '--', ...args], {
    cwd: repoRoot,
    reject: false,
    all: true,
    env: { CI: process.env.CI ?? '', SOURCE_DATE_EPOCH: '1700000000' },
  });
}

const definitions = `import { image, run } from 'dockwright';
export const c1 = image({ name: 'c1', from: 'busybox:stable', steps: [run('echo one > /one')] });
export const c2 = image({ name: 'c2', from: c1, steps: [run('cat /one && echo two > /two')] });
export const c3 = image({ name: 'c3', from: c2, steps: [run('cat /one /two')] });
export const indep = image({ name: 'indep', from: 'busybox:stable', steps: [run('echo independent')] });
export const broken = image({ name: 'broken', from: c1, steps: [run('echo about to fail && exit 3')] });
export const afterBroken = image({ name: 'after-broken', from: broken, steps: [run('true')] });
export const slow = image({ name: 'slow', from: 'busybox:stable', steps: [run('sleep 37')] });
export const slow2 = image({ name: 'slow2', from: 'busybox:stable', steps: [run('sleep 37')] });
`;

describe.skipIf(!engineAvailable)('dockwright build (engine)', () => {
  const prefix = uniquePrefix('build');
  const ref = (name: string): string => `${prefix}/${name}:t1`;
  let root = '';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'dockwright-build-'));
    await mkdir(join(root, 'definitions'));
    await writeFile(join(root, 'dockwright.config.ts'), `import { defineConfig } from 'dockwright';\nexport default defineConfig({ namespace: '${prefix}', tag: 't1' });\n`);
    await writeFile(join(root, 'definitions', 'graph.ts'), definitions);
  });

  afterAll(async () => {
    await removeImages(prefix);
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('builds the graph; a failure in the middle skips its dependents only; exit 1', async () => {
    const r = await dockwright(['-C', root, 'build', 'c3', 'indep', 'after-broken', '--progress', 'plain', '--parallel', '3']);
    expect(r.exitCode, r.all).toBe(1);
    const row = (id: string): string => r.stdout.split('\n').find((l) => l.startsWith(`${id} `)) ?? '';
    for (const id of ['c1', 'c2', 'c3', 'indep']) expect(row(id)).toMatch(new RegExp(`^${id}\\s+built\\s+\\S+\\s+\\S+MB\\s+${ref(id)}$`));
    expect(row('broken')).toMatch(/^broken\s+failed/);
    expect(row('after-broken')).toMatch(/^after-broken\s+skipped \(dependency failed\)/);
    expect(r.stderr).toContain('✖ broken failed: failed to solve: process "/bin/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3');
    expect(r.stderr).toContain('about to fail');
    expect(r.stderr).toContain('error: 1 image failed to build: broken');
    // every image line of the plain progress is prefixed
    expect(r.stderr).toMatch(/^\[c2\] #\d+ \[\d\/\d\] RUN cat \/one && echo two > \/two$/m);

    for (const id of ['c1', 'c2', 'c3', 'indep']) expect(await imageExists(ref(id)), id).toBe(true);
    for (const id of ['broken', 'after-broken']) expect(await imageExists(ref(id)), id).toBe(false);
    const labels = await docker(['image', 'inspect', '--format', '{{json .Config.Labels}}', ref('c3')]);
    expect(JSON.parse(labels.stdout)).toMatchObject({ 'org.opencontainers.image.title': 'c3', 'org.opencontainers.image.created': '2023-11-14T22:13:20.000Z' });
    // c3 really is built on c2 built on c1
    expect((await docker(['run', '--rm', ref('c3'), 'cat', '/one', '/two'])).stdout).toBe('one\ntwo');

    for (const dir of ['c1', 'c2', 'c3', 'indep', 'broken']) expect(existsSync(join(root, 'build-logs', `${dir}.log`)), dir).toBe(true);
    expect(existsSync(join(root, 'build-logs', 'after-broken.log'))).toBe(false);
    const log = await readFile(join(root, 'build-logs', 'broken.log'), 'utf8');
    expect(log).toMatch(/^\$ docker buildx build --progress=plain -f generated\/broken\/Dockerfile/m);
    expect(log).toContain('exit code: 3');
    // build implies gen
    expect(await readFile(join(root, 'generated', 'c3', 'Dockerfile'), 'utf8')).toContain('FROM ${C2_IMAGE}');
  });

  it('SIGINT during a long RUN stops every docker process within 2 s, prints what finished, exits 130', async () => {
    const child = dockwright(['-C', root, 'build', 'slow', 'slow2', 'c1', '--progress', 'plain', '--parallel', '3']);
    let seen = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`c1 never finished or the slow builds never reached their RUN:\n${seen}`)), 120_000);
      child.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if ((seen.match(/RUN sleep 37$/gm) ?? []).length >= 2 && seen.includes('[c1] built')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const dockerChildren = await processesMatching(prefix);
    expect(dockerChildren.length, 'docker processes while building').toBeGreaterThan(0);

    const sent = Date.now();
    child.kill('SIGINT');
    const r = await child;
    const elapsed = Date.now() - sent;
    expect(r.exitCode, r.all).toBe(130);
    expect(elapsed).toBeLessThan(3_000);
    expect(await processesMatching(prefix), 'docker processes left behind').toEqual([]);
    expect(r.stdout).toMatch(/^c1\s+built/m);
    expect(r.stdout).toMatch(/^slow\s+cancelled/m);
    expect(r.stderr).toContain('error: interrupted; finished before that: c1');
    // BuildKit dropped the RUN once its client went away
    await new Promise((res) => setTimeout(res, 1_000));
    expect(await processesMatching('sleep 37')).toEqual([]);
    expect(await imageExists(ref('slow'))).toBe(false);
  });
});

/** Processes (not this test's own `ps`) whose command line contains `text`. */
async function processesMatching(text: string): Promise<string[]> {
  const ps = await execa('ps', ['-eo', 'pid=,args='], { reject: false });
  return ps.stdout.split('\n').filter((l) => l.includes(text) && !l.includes('ps -eo'));
}
