/**
 * Bundles of user modules (module-bundle.ts) kept between runs in
 * `.dockwright/modules/`: `<key>.json` lists every file the bundle was made from with the sha256
 * of its content, `<key>-<hash of the code>.mjs` is the bundle. The key (import-module.ts) names
 * the entries, the transform and the Node version; an entry is used only when every file it lists
 * still has the same content, so an edited definition, helper module or config is always seen.
 * Files are read, not trusted by their mtime: a few small files cost less than a stat-based
 * shortcut's doubts.
 *
 * The state folder, not `settings.cacheDir`: the config is loaded through this cache before the
 * settings exist, and a bundle must sit under the project root so that Node resolves the
 * packages it imports from the project's `node_modules`.
 */
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { STATE_DIR } from '../model/own-dirs.js';
import { sha256 } from './digest-fs.js';
import type { Bundle } from './module-bundle.js';

interface Manifest {
  readonly version: 1;
  /** File name of the bundle, in the same folder. */
  readonly module: string;
  /** Absolute path → sha256 of its content when the bundle was made. */
  readonly inputs: Readonly<Record<string, string>>;
}

export const moduleCacheDir = (root: string): string => join(root, STATE_DIR, 'modules');

const hashOf = async (file: string): Promise<string | undefined> => {
  try {
    return sha256(await readFile(file));
  } catch {
    return undefined;
  }
};

/** The bundle stored under `key`, when every file it was made from is unchanged. */
export async function cachedBundle(dir: string, key: string): Promise<string | undefined> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  if (manifest.version !== 1 || typeof manifest.module !== 'string' || !manifest.inputs) return undefined;
  const files = Object.entries(manifest.inputs);
  const hashes = await Promise.all(files.map(([file]) => hashOf(file)));
  if (files.some(([, hash], i) => hashes[i] !== hash)) return undefined;
  const module = join(dir, manifest.module);
  return access(module).then(
    () => module,
    () => undefined,
  );
}

const writeAtomically = async (file: string, text: string): Promise<void> => {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
};

/** Stores `bundle` under `key` and returns the bundle's path; older bundles of the same key are removed. */
export async function storeBundle(dir: string, key: string, bundle: Bundle): Promise<string> {
  const module = `${key}-${sha256(bundle.code).slice(0, 16)}.mjs`;
  await mkdir(dir, { recursive: true });
  await writeAtomically(join(dir, module), bundle.code);
  const manifest: Manifest = { version: 1, module, inputs: bundle.inputs };
  await writeAtomically(join(dir, `${key}.json`), JSON.stringify(manifest));
  const stale = (await readdir(dir)).filter((f) => f.startsWith(`${key}-`) && f.endsWith('.mjs') && f !== module);
  await Promise.all(stale.map((f) => rm(join(dir, f), { force: true })));
  return join(dir, module);
}
