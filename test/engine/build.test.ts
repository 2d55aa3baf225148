/**
 * `dockwright build` on the real engine, run as a separate process (as a user runs it): a graph
 * with a failure in the middle, and an interrupt during a long RUN.
 */
import { descendantsOf } from './support/processes.js';
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

/** The slow RUNs never finish (the run is interrupted), but a run that went wrong must not leave them in the build cache for the next. */
const nonce = Date.now().toString(36);
const definitions = `import { image, run } from 'dockwright';
export const c1 = image({ name: 'c1', from: 'busybox:stable', steps: [run('echo one > /one')] });
export const c2 = image({ name: 'c2', from: c1, steps: [run('cat /one && echo two > /two')] });
export const c3 = image({ name: 'c3', from: c2, steps: [run('cat /one /two')] });
export const indep = image({ name: 'indep', from: 'busybox:stable', steps: [run('echo independent')] });
export const broken = image({ name: 'broken', from: c1, steps: [run('echo about to fail && exit 3')] });
export const afterBroken = image({ name: 'after-broken', from: broken, steps: [run('true')] });
export const slow = image({ name: 'slow', from: 'busybox:stable', steps: [run('echo ${nonce} && sleep 37')] });
export const slow2 = image({ name: 'slow2', from: 'busybox:stable', steps: [run('echo ${nonce} && sleep 38')] });
`;

describe.skipIf(!engineAvailable)('dockwright build (engine)', () => {
  const prefix = uniquePrefix('build');
  const ref = (name: string): string => `${prefix}/${name}:t1`;
  let root = '';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'dockwright-build-'));
    await mkdir(join(root, 'definitions'));
    await writeFile(
      join(root, 'dockwright.config.ts'),
      `import { defineConfig } from 'dockwright';\nexport default defineConfig({ namespace: '${prefix}', tag: 't1' });\n`,
    );
    await writeFile(join(root, 'definitions', 'graph.ts'), definitions);
  });

  afterAll(async () => {
    await removeImages(prefix);
    if (root) await rm(root, { recursive: true, force: true });
  });

  // image by image from the start, and one bake session for the whole graph (then image by image for what it did not finish)
  it.each([
    ['no-bake', ['--no-bake']],
    ['bake', []],
  ] as const)('builds the graph (%s); a failure in the middle skips its dependents only; exit 1', async (mode, extra) => {
    const namespace = `${prefix}-${mode}`;
    const ref = (name: string): string => `${namespace}/${name}:t1`;
    const r = await dockwright([
      '-C',
      root,
      '--namespace',
      namespace,
      'build',
      'c3',
      'indep',
      'after-broken',
      '--progress',
      'plain',
      '--parallel',
      '3',
      ...extra,
    ]);
    expect(r.exitCode, r.all).toBe(1);
    const row = (id: string): string => r.stdout.split('\n').find((l) => l.startsWith(`${id} `)) ?? '';
    for (const id of ['c1', 'c2', 'c3', 'indep']) expect(row(id)).toMatch(new RegExp(`^${id}\\s+built\\s+\\S+\\s+\\S+MB\\s+${ref(id)}$`));
    expect(row('broken')).toMatch(/^broken\s+failed/);
    expect(row('after-broken')).toMatch(/^after-broken\s+skipped \(dependency failed\)/);
    expect(r.stderr).toContain(
      '✖ broken failed: failed to solve: process "/bin/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3',
    );
    expect(r.stderr).toContain('about to fail');
    expect(r.stderr).toContain('error: 1 image failed to build: broken');
    // every image line of the plain progress is prefixed
    expect(r.stderr).toMatch(/^\[c2\] #\d+ \[\d\/\d\] RUN cat \/one && echo two > \/two$/m);

    for (const id of ['c1', 'c2', 'c3', 'indep']) expect(await imageExists(ref(id)), id).toBe(true);
    for (const id of ['broken', 'after-broken']) expect(await imageExists(ref(id)), id).toBe(false);
    const labels = await docker(['image', 'inspect', '--format', '{{json .Config.Labels}}', ref('c3')]);
    expect(JSON.parse(labels.stdout)).toMatchObject({
      'org.opencontainers.image.title': 'c3',
      'org.opencontainers.image.created': '2023-11-14T22:13:20.000Z',
    });
    // c3 really is built on c2 built on c1
    expect((await docker(['run', '--rm', ref('c3'), 'cat', '/one', '/two'])).stdout).toBe('one\ntwo');

    const logOf = (dir: string): Promise<string> => readFile(join(root, 'build-logs', `${dir}.log`), 'utf8');
    for (const dir of ['c1', 'c2', 'c3', 'indep', 'broken']) expect(existsSync(join(root, 'build-logs', `${dir}.log`)), dir).toBe(true);
    // each image's own steps are in its own log, also when one bake session ran them all
    expect(await logOf('c1')).toMatch(/RUN echo one > \/one/);
    expect(await logOf('c2')).toMatch(/RUN cat \/one && echo two > \/two/);
    // (whether c3 was done before bake stopped at broken's failure, or built on its own after, depends on timing)
    expect(await logOf('c3')).not.toMatch(/RUN echo one > \/one/);
    if (mode === 'bake') {
      // after-broken was in the bake session, never built on its own
      expect(await logOf('after-broken')).toMatch(/^\$ docker buildx bake -f - /);
      expect(await logOf('after-broken')).not.toMatch(/^\$ docker buildx build/m);
    } else expect(existsSync(join(root, 'build-logs', 'after-broken.log'))).toBe(false);
    const log = await logOf('broken');
    if (mode === 'bake') {
      // the failed image keeps bake's own result: its failing RUN ran once, its error is shown once
      expect(log).toMatch(/^\$ docker buildx bake -f - /);
      expect(log).not.toMatch(/^\$ docker buildx build/m);
      expect(log.match(/^#\d+ \d+\.\d+ about to fail$/gm) ?? []).toHaveLength(1);
      expect(r.stderr.match(/✖ broken failed/g) ?? []).toHaveLength(1);
    } else expect(log).toMatch(/^\$ docker buildx build --progress=plain -f generated\/broken\/Dockerfile/m);
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
        if ((seen.match(/RUN echo \w+ && sleep 3[78]$/gm) ?? []).length >= 2 && seen.includes('[c1] built')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    // docker processes of this run: a bake session names no image on its command line, so look by parentage
    const dockerChildren = (await descendantsOf(child.pid as number)).filter((p) => /docker/.test(p));
    expect(dockerChildren.length, 'docker processes while building').toBeGreaterThan(0);
    const dockerPids = dockerChildren.map((p) => p.trim().split(/\s+/)[0]);

    const sent = Date.now();
    child.kill('SIGINT');
    const r = await child;
    const elapsed = Date.now() - sent;
    expect(r.exitCode, r.all).toBe(130);
    expect(elapsed).toBeLessThan(3_000);
    expect(await processesMatching(prefix), 'docker processes left behind').toEqual([]);
    const alive = (await execa('ps', ['-eo', 'pid='], { reject: false })).stdout.split('\n').map((l) => l.trim());
    expect(
      dockerPids.filter((pid) => alive.includes(pid as string)),
      'docker processes of the run left behind',
    ).toEqual([]);
    expect(r.stdout).toMatch(/^c1\s+built/m);
    expect(r.stdout).toMatch(/^slow\s+cancelled/m);
    expect(r.stderr).toContain('error: interrupted; finished before that: c1');
    // BuildKit dropped the RUN once its client went away
    await new Promise((res) => setTimeout(res, 1_000));
    expect(await processesMatching('sleep 37')).toEqual([]);
    expect(await processesMatching('sleep 38')).toEqual([]);
    expect(await imageExists(ref('slow'))).toBe(false);
  });
});

/** Processes (not this test's own `ps`) whose command line contains `text`. */
async function processesMatching(text: string): Promise<string[]> {
  const ps = await execa('ps', ['-eo', 'pid=,args='], { reject: false });
  return ps.stdout.split('\n').filter((l) => l.includes(text) && !l.includes('ps -eo'));
}
