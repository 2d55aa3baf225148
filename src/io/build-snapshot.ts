/**
 * The snapshot of a `dockwright build` that ended with every image built or up to date: what the
 * no-op fast path (src/runner/fast-build.ts) replays without loading the definitions. Kept in
 * `.dockwright/fast-build/<key>.json`:
 * - keyed by the exact command line, the working directory and the environment (a definition may
 *   read any variable), and this package's version (snapshot-key.ts);
 * - the files the plan came from, by size, mtime, ctime and inode: the config file, `.env`, every
 *   file under the definitions folder and the local modules they import, the templates, the
 *   generated Dockerfiles and ignore files, the contexts' `.dockerignore`, git's HEAD (the revision
 *   label), and dockwright's own code;
 * - the build job itself (settings, images, the plan, how it runs).
 * A snapshot is current when its key matches and none of those files changed.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { nodeDigestFs } from './digest-fs.js';
import type { ImageModel } from '../model/resolved.js';
import type { Settings } from '../model/settings.js';
import type { BuildPlan } from '../plan/image-build.js';
import { CONFIG_FILES, SNAPSHOT_VERSION, codeDir, packageRoot, snapshotKey, snapshotLocation, snapshotPath } from './snapshot-key.js';

/** What a full `build` decided from, and what its snapshot replays. */
export interface SnapshotJob {
  readonly settings: Settings;
  readonly images: readonly ImageModel[];
  readonly plan: BuildPlan;
  readonly progress: 'auto' | 'plain' | 'tty' | 'json';
  /** Builds at once and `--fail-fast`, as the full run resolved them. */
  readonly parallel: number;
  readonly failFast: boolean;
  /** Out-of-date images go to one `docker buildx bake` (not `--no-bake`). */
  readonly bake: boolean;
  /** Every image builds, up to date or not (`--force`, `--no-cache`, `--pull`). */
  readonly force: boolean;
}

export interface BuildSnapshot extends SnapshotJob {
  readonly version: typeof SNAPSHOT_VERSION;
  readonly key: string;
  /** Absolute path → `size:mtime:ctime:inode`, or `missing`. */
  readonly watched: Readonly<Record<string, string>>;
}

/** Where the command ran: what keys its snapshot. */
export interface SnapshotPlace {
  /** The command line as the CLI got it (after `dockwright`). */
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const fingerprint = (path: string): string => {
  const st = nodeDigestFs.stat(path);
  return st ? `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}` : 'missing';
};

/** Every file below `dir`, and the folders themselves (a folder's mtime shows an added or removed file). */
function filesUnder(dir: string, out: string[], skip: (name: string) => boolean = () => false): void {
  out.push(dir);
  for (const name of nodeDigestFs.list(dir)) {
    if (skip(name)) continue;
    const path = join(dir, name);
    const kind = nodeDigestFs.stat(path)?.kind;
    if (kind === 'dir') filesUnder(path, out, skip);
    else if (kind) out.push(path);
  }
}

/** The git files that say which commit is checked out (the `revision` label): HEAD, its ref, packed refs. */
function gitFiles(root: string): string[] {
  for (let d = root; ; d = dirname(d)) {
    const git = join(d, '.git');
    const kind = nodeDigestFs.stat(git)?.kind;
    if (kind === 'file') return [git];
    if (kind === 'dir') {
      const head = nodeDigestFs.readText(join(git, 'HEAD')) ?? '';
      const ref = /^ref:\s*(\S+)/.exec(head)?.[1];
      return [join(git, 'HEAD'), join(git, 'packed-refs'), ...(ref ? [join(git, ref)] : [])];
    }
    if (dirname(d) === d) return [];
  }
}

const RELATIVE_IMPORT = /(?:from\s*|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
const EXTENSIONS = ['', '.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '/index.ts', '/index.js'];

/** Local modules the files import (relative specifiers), followed transitively. */
function localImports(files: readonly string[]): string[] {
  const seen = new Set(files);
  const queue = [...files];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    const text = /\.[cm]?[jt]s$/.test(file) ? nodeDigestFs.readText(file) : undefined;
    for (const m of text?.matchAll(RELATIVE_IMPORT) ?? []) {
      const base = resolve(dirname(file), (m[1] as string).replace(/\.js$/, ''));
      const found = EXTENSIONS.map((e) => base + e).find((p) => nodeDigestFs.stat(p)?.kind === 'file');
      if (found && !seen.has(found)) {
        seen.add(found);
        queue.push(found);
      }
    }
  }
  return [...seen];
}

function watchedFiles(root: string, job: SnapshotJob): string[] {
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(root, p));
  const definitions: string[] = [];
  filesUnder(abs(job.settings.definitionsDir), definitions);
  const own: string[] = [join(packageRoot, 'package.json')];
  // source maps and type declarations do not run
  filesUnder(codeDir, own, (name) => name.endsWith('.map') || name.endsWith('.d.ts'));
  filesUnder(join(packageRoot, 'templates'), own);
  const templates: string[] = [];
  if (job.settings.templatesDir) filesUnder(abs(job.settings.templatesDir), templates);
  const generated = job.plan.builds.flatMap((s) =>
    ['Dockerfile', 'Dockerfile.dockerignore'].map((f) => join(abs(job.settings.outputDir), s.dir, f)),
  );
  // the generated ignore file copies the context's own (src/compile/context-ignore.ts): gen must run again when it changes
  const contextIgnores = job.images.map((i) => join(abs(i.context), '.dockerignore'));
  const config = [...CONFIG_FILES, '.env', 'package.json', 'tsconfig.json'].map((f) => join(root, f));
  return [
    ...new Set([
      ...config,
      ...localImports([...definitions, ...config.filter(existsSync)]),
      ...templates,
      ...generated,
      ...contextIgnores,
      ...gitFiles(root),
      ...own,
    ]),
  ];
}

/** Called by a full `build` that ended with every image built or up to date. */
export async function writeBuildSnapshot(i: SnapshotPlace & { readonly root: string; readonly job: SnapshotJob }): Promise<void> {
  const key = snapshotKey(i.argv, i);
  const file = snapshotLocation(i.root, key);
  const { job } = i;
  const snapshot: BuildSnapshot = {
    version: SNAPSHOT_VERSION,
    key,
    watched: Object.fromEntries(watchedFiles(i.root, job).map((f) => [f, fingerprint(f)])),
    settings: job.settings,
    images: job.images.filter((img) => job.plan.builds.some((s) => s.id === img.id)),
    plan: job.plan,
    progress: job.progress,
    parallel: job.parallel,
    failFast: job.failFast,
    bake: job.bake,
    force: job.force,
  };
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(snapshot));
  await rename(temp, file);
}

/** The snapshot of this command when it is current (none of its files changed), with the project root; else undefined. */
export async function readBuildSnapshot(place: SnapshotPlace): Promise<{ snapshot: BuildSnapshot; root: string } | undefined> {
  const { root, key, file } = snapshotPath(place.argv, place);
  let snapshot: BuildSnapshot;
  try {
    snapshot = JSON.parse(await readFile(file, 'utf8')) as BuildSnapshot;
  } catch {
    return undefined;
  }
  if (snapshot.version !== SNAPSHOT_VERSION || snapshot.key !== key) return undefined;
  for (const [path, print] of Object.entries(snapshot.watched)) if (fingerprint(path) !== print) return undefined;
  return { snapshot, root };
}
