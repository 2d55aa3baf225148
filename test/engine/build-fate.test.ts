/**
 * The FATE-like example graph (definitions/fate: 12 images, 4 levels, two never-pushed bases)
 * built for real by `dockwright build`, from a copy of the repository's example project so that
 * generated files and logs stay out of the tree.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerOk } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { imageExists, removeImages, uniquePrefix } from './support/images.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const FATE = {
  'base-image': 'dev-base',
  python: 'dev-base',
  eggroll: 'dev',
  fateboard: 'dev',
  nginx: 'dev',
  'python-nn': 'dev',
  'python-spark': 'dev',
  'spark-base': 'dev',
  'spark-master': 'dev',
  'spark-worker': 'dev',
  client: 'dev',
  'fate-test': 'dev',
} as const;

describe.skipIf(!engineAvailable)('dockwright build: the FATE-like graph (engine)', () => {
  const prefix = uniquePrefix('build-fate');
  const ref = (id: keyof typeof FATE): string => `${prefix}/${id}:${FATE[id]}`;
  let root = '';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'dockwright-fate-'));
    for (const entry of ['dockwright.config.ts', 'definitions', 'contexts'])
      await cp(join(repoRoot, entry), join(root, entry), { recursive: true });
  });

  afterAll(async () => {
    await removeImages(prefix);
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('builds every FATE image in one bake session, each on its parents, tagged, with its log', async () => {
    const script = `const { main } = await import(${JSON.stringify(join(repoRoot, 'src/cli/main.ts'))}); process.exitCode = await main(process.argv.slice(1));`;
    const args = ['-C', root, '--namespace', prefix, 'build', '--group', 'basic,nn,spark,op', '--progress', 'plain'];
    const r = await execa('node', ['--import', 'tsx', '--input-type=module', '-e', script, '--', ...args], {
      cwd: repoRoot,
      reject: false,
      all: true,
    });
    expect(r.exitCode, r.all).toBe(0);

    const ids = Object.keys(FATE) as (keyof typeof FATE)[];
    for (const id of ids) {
      expect(r.stdout, id).toMatch(new RegExp(`^${id}\\s+built\\s+.*${ref(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
      expect(await imageExists(ref(id)), id).toBe(true);
      expect(existsSync(join(root, 'build-logs', `${id}.log`)), id).toBe(true);
    }
    expect(r.stdout).toContain('12 built');

    // all twelve in one bake session, parents handed to their children as target: contexts; an
    // image bake put on other layers than its parent (an engine whose cache holds two results of a
    // step, after a --no-cache build) is built again on its own, and its log says so
    for (const id of ids) {
      const [first, second] = (await readFile(join(root, 'build-logs', `${id}.log`), 'utf8')).split('\n');
      if (first?.startsWith('$ docker buildx build ')) expect(second, id).toMatch(/^building again on its own: /);
      else expect(first, id).toMatch(/^\$ docker buildx bake -f - .*\(bake file of 12 images: /);
    }
    // each image's log has its own steps, not its parent's (BuildKit runs a parent's steps once, for every build on it)
    const pythonLog = await readFile(join(root, 'build-logs', 'python.log'), 'utf8');
    expect(await readFile(join(root, 'build-logs', 'base-image.log'), 'utf8')).toMatch(/RUN apt-get update/);
    expect(pythonLog).not.toMatch(/RUN apt-get update/);

    // and it is built on the image this run made: the parent's layers are its first layers
    const layers = async (id: keyof typeof FATE): Promise<string[]> =>
      JSON.parse((await dockerOk(['image', 'inspect', '--format', '{{json .RootFS.Layers}}', ref(id)])).stdout) as string[];
    for (const [parent, child] of [
      ['base-image', 'python'],
      ['spark-base', 'spark-master'],
    ] as const) {
      const [parentLayers, childLayers] = await Promise.all([layers(parent), layers(child)]);
      expect(childLayers.slice(0, parentLayers.length), `${child} on ${parent}`).toEqual(parentLayers);
    }
    // python adds FATE's files on top of base-image
    expect((await layers('python')).length).toBeGreaterThan((await layers('base-image')).length);
  });
});
