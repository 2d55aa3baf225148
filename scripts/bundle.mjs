/**
 * Bundles the CLI (src/cli/main.ts) into dist/bundle/ with esbuild, for start-up time: Node then
 * loads a few files instead of hundreds. Plain JavaScript, so `prepare` needs no TypeScript runner.
 *
 * - Code splitting keeps each command's `import()` a chunk of its own: start-up loads only what
 *   the command uses.
 * - The library's entry (src/index.ts → dist/bundle/index.js) is a second entry point: definitions
 *   that `import … from 'dockwright'` get it (src/io/import-module.ts), and it shares its chunks
 *   (the model, the authoring API, zod) with the CLI, so they load once and are the same modules.
 * - Every file sits directly in dist/bundle/, one folder below dist/ as src/<folder>/<file>.ts is
 *   below src/: the paths the code computes from `import.meta.url` (`../../templates/`,
 *   `../index.js`, `../index.d.ts`, `../../package.json`) resolve the same from a chunk.
 * - npm dependencies are bundled, except ts-morph and typescript (large, loaded only by `check`
 *   and `import`) and esbuild (it runs its own native binary, found relative to its package).
 * - Bundled CommonJS dependencies (commander, handlebars, dotenv…) `require` Node's built-ins: the
 *   banner gives every chunk a real `require`; without it esbuild's shim throws
 *   "Dynamic require of "node:events" is not supported".
 * - Only files whose content changed are written (each through a rename, the entry last) and stale
 *   chunks are removed: a rebuild of unchanged sources touches nothing, so a CLI running meanwhile
 *   and the `build` fast path's snapshots (which watch dist/) are left alone.
 *
 * Usage: node scripts/bundle.mjs   (part of `npm run build`)
 */
import { readdir, readFile, rename, rm, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const outdir = path.join(root, 'dist', 'bundle');
const entry = path.join(outdir, 'main.js');

const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts', index: 'src/index.ts' },
  outdir,
  // dynamically imported modules are chunks too: all of them directly in outdir
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // maps for local debugging only: no sourceMappingURL comment, so the published files point at nothing missing
  sourcemap: 'external',
  external: ['ts-morph', 'typescript', 'esbuild'],
  banner: {
    js: "import { createRequire as __dockwrightRequire } from 'node:module'; const require = __dockwrightRequire(import.meta.url);",
  },
  write: false,
  logLevel: 'warning',
});

const unchanged = async (file, contents) => {
  try {
    return Buffer.from(contents).equals(await readFile(file));
  } catch {
    return false;
  }
};

const nested = outputFiles.filter((f) => path.dirname(f.path) !== outdir);
if (nested.length > 0) throw new Error(`every output must sit directly in dist/bundle/, not ${path.relative(outdir, nested[0].path)}`);
await mkdir(outdir, { recursive: true });
const byEntryLast = [...outputFiles].sort((a, b) => Number(a.path === entry) - Number(b.path === entry));
for (const { path: file, contents } of byEntryLast) {
  if (await unchanged(file, contents)) continue;
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, contents);
  await rename(temp, file);
}
const current = new Set(outputFiles.map((f) => path.basename(f.path)));
for (const name of await readdir(outdir)) if (!current.has(name)) await rm(path.join(outdir, name), { force: true });
