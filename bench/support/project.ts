/**
 * The benchmark's project: a temp copy of the FATE-like definitions (definitions/fate and
 * contexts/fate; a generated 12-image FATE-shaped busybox graph when they are absent), with one
 * image namespace per tool so that no tool ever sees another's images:
 * - dockwright builds it as a user does (`dockwright build`, tags `<run>-dw/…`);
 * - bake builds `gen-bake/docker-bake.json` exported by `dockwright gen --bake` (tags `<run>-bake/…`);
 * - the sequential loop runs one `docker build` per target of `gen-seq/docker-bake.json`, parents
 *   first, the parent refs passed as build args (tags `<run>-seq/…`).
 * The Dockerfiles and contexts are the same for all three, so BuildKit's cache is shared.
 */
import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docker, timed } from './exec.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cli = join(repoRoot, 'bin', 'dockwright.js');

interface BakeTarget {
  context: string;
  dockerfile: string;
  target: string;
  tags: string[];
  args?: Record<string, string>;
  labels?: Record<string, string>;
  contexts?: Record<string, string>;
}
interface BakeJson {
  group: Record<string, { targets: string[] }>;
  target: Record<string, BakeTarget>;
}

export interface BenchProject {
  readonly root: string;
  readonly source: string;
  readonly namespaces: { readonly dw: string; readonly bake: string; readonly seq: string };
  /** `docker-bake.json` for bake, absolute. */
  readonly bakeFile: string;
  /** `docker` argv of each build of the sequential loop, parents first. */
  readonly seqSteps: readonly (readonly string[])[];
  readonly targets: readonly string[];
  /** A file COPY'd by a leaf image, and one COPY'd by the root image (absolute). */
  readonly leafFile: string;
  /** The image that COPYs the leaf file. */
  readonly leafImage: string;
  readonly baseFile: string;
  cleanup(): Promise<void>;
}

const FATE_LEAF = 'contexts/fate/client/bin/notebook';
const FATE_BASE = 'contexts/fate/base-image/bin/python';

/** A FATE-shaped graph of 12 busybox images: base → python → modules, spark, tools; nginx alone. */
export function syntheticFate(): Record<string, string> {
  const shape: [string, string | null][] = [
    ['base-image', null],
    ['python', 'base-image'],
    ['eggroll', 'python'],
    ['fateboard', 'python'],
    ['python-nn', 'python'],
    ['python-spark', 'python'],
    ['spark-base', 'python'],
    ['spark-master', 'spark-base'],
    ['spark-worker', 'spark-base'],
    ['client', 'python'],
    ['fate-test', 'python'],
    ['nginx', null],
  ];
  const v = (n: string): string => n.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
  const lines = shape.map(
    ([n, parent]) =>
      `export const ${v(n)} = image({ name: '${n}', context: 'contexts/fate/${n}', from: ${parent ? v(parent) : "'busybox:stable'"}, steps: [copy('bin/', '/opt/${n}/bin/'), run('ls /opt/${n}/bin')] });`,
  );
  const files: Record<string, string> = {
    'definitions/fate/graph.ts': `import { copy, image, run } from 'dockwright';\n${lines.join('\n')}\n`,
  };
  for (const [n] of shape)
    files[`contexts/fate/${n}/bin/${n === 'client' ? 'notebook' : n === 'base-image' ? 'python' : 'run'}`] = `#!/bin/sh\necho ${n}\n`;
  return files;
}

async function readBake(file: string): Promise<BakeJson> {
  return JSON.parse(await readFile(file, 'utf8')) as BakeJson;
}

/** The sequential loop: `docker build` per target, parents first, parent refs as build args. */
function sequentialSteps(bake: BakeJson, root: string): string[][] {
  const order = bake.group.default?.targets ?? Object.keys(bake.target);
  return order.map((name) => {
    const t = bake.target[name] as BakeTarget;
    const parentRef = (v: string): string => {
      const linked = t.contexts?.[v];
      return linked?.startsWith('target:') ? (bake.target[linked.slice('target:'.length)]?.tags[0] ?? v) : v;
    };
    return [
      'build',
      '--progress=plain',
      '-f',
      join(root, t.context, t.dockerfile),
      '--target',
      t.target,
      ...Object.entries(t.args ?? {}).flatMap(([k, v]) => ['--build-arg', `${k}=${parentRef(v)}`]),
      ...Object.entries(t.labels ?? {}).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
      ...t.tags.flatMap((tag) => ['-t', tag]),
      posix.join(t.context),
    ];
  });
}

export async function createProject(runId: string): Promise<BenchProject> {
  // every rebuild leaves the image it replaced untagged: at the end the run removes the untagged
  // images that appeared while it ran (so do not run it beside other builds on the same engine)
  const danglingBefore = new Set(await danglingImages());
  const root = await mkdtemp(join(tmpdir(), 'dockwright-bench-'));
  const namespaces = { dw: `${runId}-dw`, bake: `${runId}-bake`, seq: `${runId}-seq` };
  let source = 'definitions/fate + contexts/fate (this repository)';
  if (existsSync(join(repoRoot, 'definitions/fate')) && existsSync(join(repoRoot, 'contexts/fate'))) {
    await cp(join(repoRoot, 'definitions/fate'), join(root, 'definitions/fate'), { recursive: true });
    await cp(join(repoRoot, 'contexts/fate'), join(root, 'contexts/fate'), { recursive: true });
  } else {
    source = 'a generated FATE-shaped busybox graph (definitions/fate is missing)';
    for (const [rel, text] of Object.entries(syntheticFate())) {
      await mkdir(join(root, rel, '..'), { recursive: true });
      await writeFile(join(root, rel), text);
    }
  }
  await writeFile(
    join(root, 'dockwright.config.ts'),
    `import { defineConfig } from 'dockwright';\nexport default defineConfig({ namespace: '${namespaces.dw}', tag: 'dev', baseTag: 'dev-base' });\n`,
  );
  for (const [tool, out] of [
    ['bake', 'gen-bake'],
    ['seq', 'gen-seq'],
  ] as const) {
    await timed('node', [cli, '--namespace', namespaces[tool], '--output', out, 'gen', '--bake'], root);
  }
  const bakeFile = join(root, 'gen-bake', 'docker-bake.json');
  const bake = await readBake(bakeFile);
  const seqSteps = sequentialSteps(await readBake(join(root, 'gen-seq', 'docker-bake.json')), root);
  return {
    root,
    source,
    namespaces,
    bakeFile,
    seqSteps,
    targets: bake.group.default?.targets ?? [],
    leafFile: join(root, FATE_LEAF),
    leafImage: 'client',
    baseFile: join(root, FATE_BASE),
    async cleanup() {
      for (const ns of Object.values(namespaces)) await removeImages(ns);
      const made = (await danglingImages()).filter((id) => !danglingBefore.has(id));
      if (made.length > 0) await docker(['image', 'rm', '--force', ...made]);
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** IDs of the local images that have no tag. */
async function danglingImages(): Promise<string[]> {
  const list = await docker(['image', 'ls', '--quiet', '--no-trunc', '--filter', 'dangling=true']);
  return [...new Set((list.stdout ?? '').split('\n').filter(Boolean))];
}

/** Removes every local image whose repository starts with `prefix`. */
export async function removeImages(prefix: string): Promise<void> {
  const list = await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}']);
  const refs = (list.stdout ?? '').split('\n').filter((r) => r.startsWith(`${prefix}/`));
  if (refs.length > 0) await docker(['image', 'rm', '--force', ...refs]);
}
