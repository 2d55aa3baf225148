/**
 * Loading user TypeScript (definitions, the config file) at runtime: no compile step, and
 * `import … from 'dockwright'` is this very dockwright wherever the project lives.
 *
 * The files of one load are bundled together by esbuild (module-bundle.ts) and the bundle is kept
 * in `.dockwright/modules/` (module-cache.ts), keyed by the entries and checked against the content
 * of every file it was made from: a later run with nothing changed imports it without starting
 * esbuild; any change is bundled again. Within one load every file is evaluated once, so a stage or
 * image imported by two files is the same object (references are resolved by identity). Each load
 * evaluates its bundle afresh (a query in the URL), so nothing is kept between loads in one process.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BundleError } from '../errors/bundle-error.js';
import { sha256 } from './digest-fs.js';
import { esbuildTransform, startEsbuild, type Transform } from './module-bundle.js';
import { cachedBundle, moduleCacheDir, storeBundle } from './module-cache.js';
import { findProjectRoot } from './project-root.js';

/**
 * Called by a command before it loads its own modules: when the project in `cwd` has no module
 * cache yet (a fresh checkout or machine, a removed `.dockwright/`), its config and definitions
 * will be bundled, so esbuild's service starts now, while the command loads. True when it started.
 */
export function prepareImports(cwd: string): boolean {
  try {
    if (existsSync(moduleCacheDir(findProjectRoot(cwd).root))) return false;
  } catch {
    return false; // no project here: the command itself says so
  }
  startEsbuild();
  return true;
}

/**
 * This package's public entry: `src/index.ts` when run from source, `dist/index.js` when compiled,
 * and the bundle's own `index.js` when this runs from the CLI bundle (dist/bundle/, see
 * scripts/bundle.mjs): it shares its chunks with the CLI, so nothing is loaded twice.
 */
export const selfEntry = (): string => {
  const here = fileURLToPath(import.meta.url);
  const bundled = join(dirname(here), 'index.js');
  if (basename(dirname(here)) === 'bundle' && existsSync(bundled)) return bundled;
  const js = fileURLToPath(new URL('../index.js', import.meta.url));
  return existsSync(js) ? js : fileURLToPath(new URL('../index.ts', import.meta.url));
};

/** A loaded file: its module namespace (`default` is not merged in), or why it did not load. */
export type Imported =
  { readonly file: string; readonly module: Record<string, unknown> } | { readonly file: string; readonly error: unknown };

export interface ImportOptions {
  /** The transform (the tests count its calls); esbuild by default. */
  readonly transform?: Transform;
}

/** 1: one bundle of every entry, lazy `import()` per entry. */
const LOADER_VERSION = 1;
let loads = 0;

const cacheKey = (entries: readonly string[], transform: Transform, selfUrl: string): string =>
  sha256(JSON.stringify({ v: LOADER_VERSION, t: transform.id, node: process.version, self: selfUrl, entries })).slice(0, 24);

const where = (root: string, entries: readonly string[], transform: Transform) => {
  const selfUrl = pathToFileURL(selfEntry()).href;
  const dir = moduleCacheDir(root);
  const key = cacheKey(entries, transform, selfUrl);
  return { dir, key, req: { root, entries, outFile: join(dir, `${key}.mjs`), selfUrl } };
};

/** The bundle's path: from the cache when its sources are unchanged, else bundled now and stored. */
async function bundlePath(root: string, entries: readonly string[], transform: Transform): Promise<string> {
  const { dir, key, req } = where(root, entries, transform);
  return (await cachedBundle(dir, key)) ?? storeBundle(dir, key, await transform.bundle(req));
}

/**
 * Imports `files` (absolute paths) in one load; every file is reported, loaded or not. When the
 * bundle fails (a syntax error, a missing import), each file is bundled alone to find those at
 * fault, and the others are loaded together.
 */
export async function importModules(root: string, files: readonly string[], opts: ImportOptions = {}): Promise<Imported[]> {
  const transform = opts.transform ?? esbuildTransform;
  let path: string;
  try {
    path = await bundlePath(root, files, transform);
  } catch (err) {
    if (!(err instanceof BundleError) || files.length <= 1) return files.map((file) => ({ file, error: err }));
    return importApart(root, files, transform, err);
  }
  // stack traces of the user's code point at its files (the bundle's inline source map)
  process.setSourceMapsEnabled(true);
  const bundle = (await import(`${pathToFileURL(path).href}?load=${++loads}`)) as { modules: (() => Promise<unknown>)[] };
  const out: Imported[] = [];
  for (const [i, file] of files.entries()) {
    try {
      const mod = (await bundle.modules[i]?.()) as Record<string, unknown>;
      out.push({ file, module: mod });
    } catch (error) {
      out.push({ file, error });
    }
  }
  return out;
}

/** Bundles each file alone; those that fail are reported with their own error, the others load together. */
async function importApart(root: string, files: readonly string[], transform: Transform, first: BundleError): Promise<Imported[]> {
  const faults = await Promise.all(
    files.map((file) =>
      transform.bundle(where(root, [file], transform).req).then(
        () => undefined,
        (error: unknown) => (error instanceof BundleError ? error : undefined),
      ),
    ),
  );
  if (faults.every((f) => f === undefined)) return files.map((file) => ({ file, error: first }));
  const rest = await importModules(
    root,
    files.filter((_, i) => faults[i] === undefined),
    { transform },
  );
  const loaded = new Map(rest.map((r) => [r.file, r]));
  return files.map((file, i) => {
    const error = faults[i];
    return error ? { file, error } : (loaded.get(file) as Imported);
  });
}
