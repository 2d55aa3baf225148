/**
 * `dockwright gen --bake` on the real engine: `docker buildx bake` accepts the file, orders the
 * targets by their `target:` contexts and builds the graph from it — a small busybox graph, and
 * the FATE-like graph of this repository's definitions.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';
import { engineAvailable } from './support/engine.js';
import { imageExists, removeImages, uniquePrefix } from './support/images.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

async function dockwright(argv: readonly string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const write = (t: string): void => void (out += t);
  const ctx: CliContext = { cwd: repoRoot, env: { PATH: process.env.PATH }, stdout: { write }, stderr: { write } };
  const code = await main(argv, ctx);
  return { code, out };
}

const bake = (cwd: string, args: readonly string[]) =>
  execa('docker', ['buildx', 'bake', ...args], { cwd, reject: false, all: true, stdin: 'ignore' });

const definitions = `import { copy, image, run } from 'dockwright';
export const a = image({ name: 'a', from: 'busybox:stable', context: 'ctx', groups: ['chain'], steps: [copy('hello.txt', '/hello.txt')] });
export const b = image({ name: 'b', from: a, groups: ['chain'], steps: [run('cat /hello.txt && echo b > /b.txt')] });
export const c = image({ name: 'c', from: 'busybox:stable', steps: [copy('/b.txt', '/from-b.txt', { from: b })] });
`;

/** The FATE-like images of definitions/fate (12), by folder. */
const FATE = [
  'base-image',
  'python',
  'eggroll',
  'fateboard',
  'python-nn',
  'python-spark',
  'nginx',
  'spark-base',
  'spark-master',
  'spark-worker',
  'client',
  'fate-test',
];

describe.skipIf(!engineAvailable)('docker buildx bake with the exported bake file (engine)', () => {
  const prefix = uniquePrefix('bake');
  let root = '';
  let fateOut = '';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'dockwright-bake-'));
    fateOut = await mkdtemp(join(tmpdir(), 'dockwright-bake-fate-'));
    await mkdir(join(root, 'definitions'));
    await mkdir(join(root, 'ctx'));
    await writeFile(join(root, 'ctx', 'hello.txt'), `hello from the context ${prefix}\n`); // unique per run: never a cache hit
    await writeFile(
      join(root, 'dockwright.config.ts'),
      `import { defineConfig } from 'dockwright';\nexport default defineConfig({ namespace: '${prefix}', tag: 't1', bake: true });\n`,
    );
    await writeFile(join(root, 'definitions', 'graph.ts'), definitions);
  });

  afterAll(async () => {
    await removeImages(prefix);
    await Promise.all([root, fateOut].filter(Boolean).map((d) => rm(d, { recursive: true, force: true })));
  });

  it('bake --print accepts the file; bake builds the graph from it, parents first and linked', async () => {
    const gen = await dockwright(['-C', root, 'gen']);
    expect(gen.code, gen.out).toBe(0);
    const printed = await bake(root, ['--print', '-f', 'generated/docker-bake.json']);
    expect(printed.exitCode, printed.all).toBe(0);
    const file = JSON.parse(printed.stdout) as {
      group: Record<string, { targets: string[] }>;
      target: Record<string, { contexts?: Record<string, string> }>;
    };
    expect(file.group.default?.targets).toEqual(['a', 'b', 'c']);
    expect(file.target.c?.contexts).toEqual({ 'dockwright-target/b': 'target:b' });
    // an image group is a bake group
    const chain = await bake(root, ['--print', '-f', 'generated/docker-bake.json', 'chain']);
    expect(Object.keys((JSON.parse(chain.stdout) as { target: object }).target).sort()).toEqual(['a', 'b']);

    const built = await bake(root, ['-f', 'generated/docker-bake.json', '--progress=plain']);
    expect(built.exitCode, built.all).toBe(0);
    for (const name of ['a', 'b', 'c']) expect(await imageExists(`${prefix}/${name}:t1`), name).toBe(true);
    const run = await execa('docker', ['run', '--rm', `${prefix}/c:t1`, 'cat', '/from-b.txt'], { reject: false });
    expect(run.stdout).toBe('b');
    // b's RUN read a's file: it was built on the bake result of `a`, not on a pulled image
    expect(built.all).toContain(`hello from the context ${prefix}`);
  });

  it('bake builds the FATE-like graph of the examples from the exported file', async () => {
    const fatePrefix = `${prefix}-fate`;
    const gen = await dockwright(['--namespace', fatePrefix, '--output', fateOut, 'gen', '--bake']);
    expect(gen.code, gen.out).toBe(0);
    const text = await readFile(join(fateOut, 'docker-bake.json'), 'utf8');
    expect(Object.keys((JSON.parse(text) as { target: object }).target)).toEqual(expect.arrayContaining(FATE));
    const built = await bake(repoRoot, ['-f', join(fateOut, 'docker-bake.json'), '--progress=plain', ...FATE]);
    expect(built.exitCode, built.all).toBe(0);
    for (const dir of FATE) {
      const tag = dir === 'base-image' || dir === 'python' ? 'dev-base' : 'dev';
      expect(await imageExists(`${fatePrefix}/${dir}:${tag}`), dir).toBe(true);
    }
    const smoke = await execa('docker', ['run', '--rm', `${fatePrefix}/python-nn:dev`, 'python', '-c', 'import torch, transformers'], {
      reject: false,
      all: true,
    });
    expect(smoke.exitCode, smoke.all).toBe(0);
  });
});
