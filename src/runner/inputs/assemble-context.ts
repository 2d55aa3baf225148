/**
 * A build context assembled in `<cacheDir>/contexts/<image-dir>-<random>`: the image's own
 * `context` folder, then every copy-list entry (`src` relative to the project root, `dest` inside
 * the context; files or folders), then the fetched files. Removed again by the caller's cleanup.
 */
import { chmod, copyFile, lstat, mkdir, readdir, readlink, rm, stat, symlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { BuildInputs } from '../../model/build-inputs.js';
import { InputError } from './input-error.js';
import { inside, isUnder, uniqueName } from './paths.js';

export type CopyListEntry = BuildInputs['copyList'][number];

export interface AssembledContext {
  readonly dir: string;
  remove(): Promise<void>;
}

/** A fresh, empty folder for one image's context. */
export async function makeContextDir(cacheDir: string, imageDir: string): Promise<AssembledContext> {
  const dir = join(cacheDir, 'contexts', uniqueName(imageDir));
  await mkdir(dir, { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true, maxRetries: 3 }) };
}

/**
 * Copies `from` (a file or a folder) to `to`, merging into what is there. Symlinks are copied as
 * links. dockwright's own folders (`skip`: the cache, which holds the destination itself, the logs
 * and the snapshots) are never copied from a folder being copied: they are not part of any context,
 * and the digest skips them too. `from` itself is copied as given (`named`).
 */
async function copyPath(from: string, to: string, skip: readonly string[], named = true): Promise<void> {
  if (!named && skip.some((dir) => isUnder(dir, from))) return;
  const st = await lstat(from);
  if (st.isDirectory()) {
    await mkdir(to, { recursive: true });
    for (const name of await readdir(from)) await copyPath(join(from, name), join(to, name), skip, false);
  } else if (st.isSymbolicLink()) {
    await mkdir(dirname(to), { recursive: true });
    await rm(to, { force: true, recursive: true });
    await symlink(await readlink(from), to);
  } else if (st.isFile()) {
    await mkdir(dirname(to), { recursive: true });
    await copyFile(from, to);
    await chmod(to, st.mode & 0o7777);
  }
}

/** The image's context folder, copied whole into `dir` (`skip`: absolute folders left out). */
export async function copyContext(imageId: string, root: string, context: string, dir: string, skip: readonly string[]): Promise<void> {
  const from = resolve(root, context);
  const st = await stat(from).catch(() => undefined);
  if (!st?.isDirectory()) throw new InputError(imageId, `context folder "${context}" does not exist`);
  await copyPath(from, dir, skip);
}

/** Every copy-list entry, in order (a later entry overwrites what an earlier one put there). */
export async function copyEntries(
  imageId: string,
  root: string,
  entries: readonly CopyListEntry[],
  dir: string,
  skip: readonly string[],
): Promise<void> {
  for (const [i, entry] of entries.entries()) {
    const from = inside(root, entry.src);
    if (from === undefined) throw new InputError(imageId, `inputs.copyList[${i}].src "${entry.src}" must be a path inside the project`);
    if (!(await stat(from).catch(() => undefined)))
      throw new InputError(imageId, `inputs.copyList[${i}].src "${entry.src}" does not exist`);
    const to = inside(dir, entry.dest);
    if (to === undefined)
      throw new InputError(imageId, `inputs.copyList[${i}].dest "${entry.dest}" must be a path inside the build context`);
    await copyPath(from, to, skip);
  }
}
