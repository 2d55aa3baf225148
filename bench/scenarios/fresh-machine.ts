/**
 * A fresh machine on a graph another machine built and pushed with a registry cache. The bench
 * starts a registry on loopback and two dockerds with the containerd image store (machine A and
 * machine B, each seeded with busybox:stable from the default engine), and builds the FATE-shaped
 * busybox graph (12 images; the real FATE definitions install packages from the internet, which a
 * second dockerd cannot reach). A runs `dockwright build --push` with `registryCache`, and bake
 * with its own cache export; then, round after round on B made fresh each time (every image but
 * busybox removed, build cache pruned, dockwright's state folder removed), B runs
 * - dockwright: `dockwright build --push`, the same project and settings;
 * - bake (the reference): `docker buildx bake --push` on the bake file dockwright exports (its own
 *   namespace), with `--set <target>.cache-from=type=registry,ref=…` of each image's cache ref
 *   that bake itself exported on A (`cache-to`, `mode=max`): bake at its best on a fresh machine;
 * - bake-dw-cache: the same with the cache refs dockwright exported on A. dockwright's children
 *   take their parents by image, bake's by `target:`, so the children's steps have other cache
 *   keys: bake hits the roots' steps only.
 * Everything it starts or makes (dockerds, registry, temp folders) is stopped and removed.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSecondDockerd, type SecondDockerd } from '../../test/engine/support/dockerd.js';
import { dockerOk } from '../../test/engine/support/docker-cli.js';
import { copyImage } from '../../test/engine/support/images.js';
import { startRegistry, type Registry } from '../../test/engine/support/registry.js';
import { median, timed } from '../support/exec.js';
import { settled } from '../support/settle.js';
import { cli, syntheticFate } from '../support/project.js';
import type { Figure } from '../support/report.js';

const BASE_IMAGE = 'busybox:stable';
const CACHE_TAG = 'buildcache';

type FreshTool = 'dockwright' | 'bake' | 'bake-dw-cache';
const FRESH_TOOLS: readonly FreshTool[] = ['dockwright', 'bake', 'bake-dw-cache'];

interface Machines {
  readonly registry: Registry;
  readonly a: SecondDockerd;
  readonly b: SecondDockerd;
}

async function withMachines<T>(use: (m: Machines) => Promise<T>): Promise<T> {
  const started: { registry?: Registry; a?: SecondDockerd; b?: SecondDockerd } = {};
  try {
    started.registry = await startRegistry();
    started.a = await startSecondDockerd({ containerdStore: true });
    started.b = await startSecondDockerd({ containerdStore: true });
    for (const m of [started.a, started.b]) await copyImage(BASE_IMAGE, { host: m.host });
    return await use(started as Machines);
  } finally {
    await started.b?.stop();
    await started.a?.stop();
    await started.registry?.stop();
  }
}

/** Removes every image of B but the base image, and B's whole build cache. */
async function makeFresh(b: SecondDockerd): Promise<void> {
  const refs = (await dockerOk(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'], { host: b.host })).stdout
    .split('\n')
    .filter((r) => r !== '' && r !== BASE_IMAGE);
  if (refs.length > 0) await dockerOk(['image', 'rm', '--force', ...refs], { host: b.host });
  await dockerOk(['builder', 'prune', '-af'], { host: b.host });
}

/**
 * `--set <target>.<field>=type=registry,ref=…` for every target of the bake file: each image's
 * cache ref in namespace `ns` (the bake file's tags are in `bakeNs`).
 */
async function cacheSets(bakeFile: string, field: 'cache-from' | 'cache-to', bakeNs: string, ns: string): Promise<string[]> {
  const file = JSON.parse(await readFile(bakeFile, 'utf8')) as { target: Record<string, { tags: string[] }> };
  return Object.entries(file.target).flatMap(([name, t]) => {
    const tag = t.tags[0] as string;
    const ref = `${tag.slice(0, tag.lastIndexOf(':')).replace(`/${bakeNs}/`, `/${ns}/`)}:${CACHE_TAG}`;
    return ['--set', `${name}.${field}=type=registry,ref=${ref}${field === 'cache-to' ? ',mode=max' : ''}`];
  });
}

/**
 * `ran N of M RUN steps`, from a bake's plain progress: a RUN that ran prints its output (`#7 0.105 …`);
 * one the cache served does not (BuildKit prints CACHED, or the cached layers it pulls).
 */
function runsOf(output: string): string {
  const lines = output.split('\n');
  const runs = new Set(lines.flatMap((l) => /^(#\d+) \[[^\]]+\] RUN\b/.exec(l)?.[1] ?? []));
  const ran = new Set(lines.flatMap((l) => /^(#\d+) \d+\.\d+ /.exec(l)?.[1] ?? []).filter((v) => runs.has(v)));
  return `ran ${ran.size} of ${runs.size} RUN steps`;
}

export async function freshMachine(runId: string, n: number): Promise<Figure> {
  const root = await mkdtemp(join(tmpdir(), 'dockwright-bench-fresh-'));
  try {
    return await withMachines(async ({ registry, a, b }) => {
      const dwNs = `${runId}-fresh-dw`;
      const bakeNs = `${runId}-fresh-bake`;
      for (const [rel, text] of Object.entries(syntheticFate())) {
        await mkdir(join(root, rel, '..'), { recursive: true });
        await writeFile(join(root, rel), text);
      }
      await writeFile(
        join(root, 'dockwright.config.ts'),
        `import { defineConfig } from 'dockwright';\nexport default defineConfig({ registry: '${registry.host}', namespace: '${dwNs}', tag: 'dev', registryCache: '${CACHE_TAG}' });\n`,
      );
      await timed('node', [cli, '--namespace', bakeNs, '--output', 'gen-bake', 'gen', '--bake'], root);
      const bakeFile = join(root, 'gen-bake', 'docker-bake.json');
      const bake = (sets: readonly string[]) => ['buildx', 'bake', '-f', bakeFile, '--push', '--progress=plain', ...sets];

      // machine A builds and pushes the graph and its registry cache, with dockwright and with bake (not timed)
      const onA = { DOCKER_HOST: a.host };
      await timed('node', [cli, 'build', '--push', '--progress', 'plain'], root, onA);
      await timed('docker', bake(await cacheSets(bakeFile, 'cache-to', bakeNs, bakeNs)), root, onA);

      const onB = { DOCKER_HOST: b.host };
      const cacheFrom: Record<Exclude<FreshTool, 'dockwright'>, string[]> = {
        bake: await cacheSets(bakeFile, 'cache-from', bakeNs, bakeNs),
        'bake-dw-cache': await cacheSets(bakeFile, 'cache-from', bakeNs, dwNs),
      };
      const samples: Record<FreshTool, number[]> = { dockwright: [], bake: [], 'bake-dw-cache': [] };
      // where the fastest and the slowest dockwright round's time went (DOCKWRIGHT_TIMING); how much of each bake its cache served
      let phases: string[] = [];
      let slowPhases: string[] = [];
      const steps = new Map<FreshTool, string>();
      const run = async (tool: FreshTool): Promise<number> => {
        await makeFresh(b);
        // B's garbage collection after the wipe must not land in the timed round
        await settled();
        if (tool !== 'dockwright') {
          const r = await timed('docker', bake(cacheFrom[tool]), root, onB);
          steps.set(tool, runsOf(r.output));
          return r.seconds;
        }
        // a fresh machine has no state folder of dockwright's (hashes, records, the snapshot) either
        await rm(join(root, '.dockwright'), { recursive: true, force: true });
        const r = await timed('node', [cli, 'build', '--push', '--progress', 'plain'], root, { ...onB, DOCKWRIGHT_TIMING: '1' });
        if (!/\b12 up to date\b/.test(r.output)) throw new Error(`dockwright on machine B built something:\n${r.output}`);
        const timing = r.output.split('\n').filter((l) => l.startsWith('timing:'));
        if (r.seconds <= Math.min(...samples.dockwright)) phases = timing;
        if (r.seconds >= Math.max(...samples.dockwright)) slowPhases = timing;
        return r.seconds;
      };
      // the order turns each round, so that no tool always runs first
      for (let r = 0; r < n; r++)
        for (const tool of [...FRESH_TOOLS.slice(r % 3), ...FRESH_TOOLS.slice(0, r % 3)]) samples[tool].push(await run(tool));
      return {
        scenario: `fresh machine B, a graph of 12 that machine A built and pushed with a registry cache: build --push (median of ${n})`,
        seconds: Object.fromEntries(FRESH_TOOLS.map((t) => [t, median(samples[t])])),
        samples,
        reference: 'bake',
        goal: { tool: 'dockwright', maxRatio: 0.1 },
        note: [
          'dockwright decides every image up to date from the registry (labels, no layer pulled); bake solves the graph against the imported cache and pushes',
          `last rounds: bake (its own cache) ${steps.get('bake')}; bake-dw-cache (the cache dockwright exported) ${steps.get('bake-dw-cache')}`,
          "dockwright's fastest round:",
          ...phases.map((l) => `  ${l}`),
          "dockwright's slowest round:",
          ...slowPhases.map((l) => `  ${l}`),
        ].join('\n    '),
      };
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
