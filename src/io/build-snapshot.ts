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
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { ImageModel } from '../model/resolved.js';
import type { Settings } from '../model/settings.js';
import type { BuildPlan } from '../plan/image-build.js';
import { SNAPSHOT_VERSION, snapshotKey, snapshotLocation, snapshotPath } from './snapshot-key.js';
import { fingerprints, gitFiles, sourceFiles, unchanged } from './watched-files.js';

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

function watchedFiles(root: string, job: SnapshotJob): string[] {
  const generated = job.plan.builds.flatMap((s) =>
    ['Dockerfile', 'Dockerfile.dockerignore'].map((f) => join(resolve(root, job.settings.outputDir), s.dir, f)),
  );
  // the generated ignore file copies the context's own (src/compile/context-ignore.ts): gen must run again when it changes
  const contextIgnores = job.images.map((i) => join(resolve(root, i.context), '.dockerignore'));
  return [...new Set([...sourceFiles(root, job.settings), ...generated, ...contextIgnores, ...gitFiles(root)])];
}

/** A snapshot taken, to be saved once the build ends with every image built or up to date. */
export interface TakenSnapshot {
  readonly file: string;
  readonly snapshot: BuildSnapshot;
}

/**
 * A file stamped less than this before the command started (or after) may have changed after the
 * definitions were read: file systems stamp with a coarser clock (a few ms on Linux) than the one
 * the start is read from. No snapshot then.
 */
export const RACY_START_MS = 20;

const changedSince = (print: string, sinceMs: number): boolean => {
  const [, mtimeNs, ctimeNs] = print.split(':');
  const latest = Math.max(Number(BigInt(mtimeNs ?? '0') / 1_000_000n), Number(BigInt(ctimeNs ?? '0') / 1_000_000n));
  return latest >= sinceMs - RACY_START_MS;
};

/**
 * Takes the snapshot of a full `build` as its build starts: the fingerprints of the files the plan
 * came from. `since` (ms since the epoch, the run's start): when a definition, the config or any
 * other source file changed after it, the plan may not be what the files now say, so there is no
 * snapshot (undefined) and the next run decides again.
 */
export function takeBuildSnapshot(
  i: SnapshotPlace & { readonly root: string; readonly job: SnapshotJob; readonly since?: number },
): TakenSnapshot | undefined {
  const key = snapshotKey(i.argv, i);
  const { job } = i;
  const sources = new Set(sourceFiles(i.root, job.settings));
  const watched = fingerprints(watchedFiles(i.root, job));
  const { since } = i;
  if (
    since !== undefined &&
    Object.entries(watched).some(([path, print]) => sources.has(path) && print !== 'missing' && changedSince(print, since))
  )
    return undefined;
  const snapshot: BuildSnapshot = {
    version: SNAPSHOT_VERSION,
    key,
    watched,
    settings: job.settings,
    images: job.images.filter((img) => job.plan.builds.some((s) => s.id === img.id)),
    plan: job.plan,
    progress: job.progress,
    parallel: job.parallel,
    failFast: job.failFast,
    bake: job.bake,
    force: job.force,
  };
  return { file: snapshotLocation(i.root, key), snapshot };
}

/** Writes a taken snapshot (atomically). */
export async function saveBuildSnapshot({ file, snapshot }: TakenSnapshot): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(snapshot));
  await rename(temp, file);
}

/** Takes and writes the snapshot at once (tests; the CLI takes it as the build starts). */
export async function writeBuildSnapshot(i: SnapshotPlace & { readonly root: string; readonly job: SnapshotJob }): Promise<void> {
  const taken = takeBuildSnapshot(i);
  if (taken) await saveBuildSnapshot(taken);
}

/** The snapshot of this command when it is current (none of its files changed), with the project root; else undefined. */
export async function readBuildSnapshot(place: SnapshotPlace): Promise<{ snapshot: BuildSnapshot; root: string } | undefined> {
  const { root, key, file } = snapshotPath(place.argv, place);
  let snapshot: BuildSnapshot;
  try {
    // read at once: the next step stats every watched file synchronously anyway
    snapshot = JSON.parse(readFileSync(file, 'utf8')) as BuildSnapshot;
  } catch {
    return undefined;
  }
  if (snapshot.version !== SNAPSHOT_VERSION || snapshot.key !== key) return undefined;
  if (!unchanged(snapshot.watched)) return undefined;
  return { snapshot, root };
}
