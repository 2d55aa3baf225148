/**
 * Everything an image needs prepared before docker sees its context, in this order:
 * prerequisites (commands that produce artifacts), fetched files (into the download cache), then
 * the context itself. An image without inputs builds from `<root>/<context>` as it is; one with a
 * copy-list or fetched files gets an assembled context under `<cacheDir>/contexts/`, which
 * `cleanup()` removes (also when the build failed).
 */
import { resolve } from 'node:path';
import type { ImageModel } from '../../model/resolved.js';
import { copyContext, copyEntries, makeContextDir } from './assemble-context.js';
import { fetchToCache, placeFetched } from './fetch-input.js';
import { runPrerequisite, type CommandExec } from './prerequisite.js';

export interface PrepareOptions {
  /** The project root; every input path is relative to it. */
  readonly root: string;
  /** The cache folder (settings.cacheDir), absolute or relative to the root. */
  readonly cacheDir: string;
  /** dockwright's folders never copied into an assembled context (settings' `ownDirs`), absolute or relative to the root. */
  readonly ownDirs?: readonly string[];
  /** Runs prerequisite commands (default: execa). */
  readonly exec?: CommandExec;
  readonly signal?: AbortSignal;
  /** What the inputs step did, a line at a time (for the image's build log). */
  readonly onLine?: (line: string) => void;
}

export interface PreparedContext {
  /** Absolute path of the folder to hand docker as the build context. */
  readonly contextDir: string;
  /** Removes an assembled context; a no-op for an image without inputs. */
  cleanup(): Promise<void>;
}

export const hasInputs = (image: ImageModel): boolean =>
  image.inputs.fetch.length + image.inputs.copyList.length + image.inputs.prerequisites.length > 0;

export async function prepareInputs(image: ImageModel, opts: PrepareOptions): Promise<PreparedContext> {
  const root = resolve(opts.root);
  const cacheDir = resolve(root, opts.cacheDir);
  const plain = { contextDir: resolve(root, image.context), cleanup: async () => {} };
  if (!hasInputs(image)) return plain;
  const log = opts.onLine ?? (() => {});

  for (const p of image.inputs.prerequisites) {
    const outcome = await runPrerequisite(image.id, p, { ...opts, root, cacheDir });
    log(`prerequisite ${p.name}: ${outcome === 'ran' ? 'ran' : 'up to date, skipped'}`);
  }
  const fetched: { file: string; dest: string }[] = [];
  for (const entry of image.inputs.fetch) {
    const { file, reused } = await fetchToCache(image.id, entry, cacheDir, opts.signal);
    log(`fetch ${entry.dest}: ${reused ? 'from the cache' : 'downloaded'}, sha256 ${entry.sha256}`);
    fetched.push({ file, dest: entry.dest });
  }
  if (image.inputs.copyList.length === 0 && fetched.length === 0) return plain;

  const context = await makeContextDir(cacheDir, image.dir);
  try {
    const skip = [cacheDir, ...(opts.ownDirs ?? []).map((d) => resolve(root, d))];
    await copyContext(image.id, root, image.context, context.dir, skip);
    await copyEntries(image.id, root, image.inputs.copyList, context.dir, skip);
    for (const f of fetched) await placeFetched(image.id, f.file, context.dir, f.dest);
  } catch (err) {
    await context.remove();
    throw err;
  }
  log(`context assembled in ${context.dir}`);
  return { contextDir: context.dir, cleanup: context.remove };
}
