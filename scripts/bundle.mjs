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
 * - The no-op fast path (src/runner/fast-build.ts) is a third output, `fast.js`, bundled on its own
 *   without splitting: a `build` where nothing changed then loads the entry and one module, not
 *   twenty chunks. The CLI's entry imports it as `./fast.js`. Its copies of shared modules are
 *   separate instances (timing marks are kept on globalThis for that); what it must never run is
 *   left out: the build runner, execa and the registry API load in the CLI's chunks, and each is
 *   replaced in fast.js by a module that throws (the fast path then hands over to the chunks).
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

const FAST_ENTRY = path.join(root, 'src', 'runner', 'fast-build.ts');
const FAST_RUN_ENTRY = path.join(root, 'src', 'runner', 'fast-run.ts');
/** Source entries bundled alone, and the file the CLI's chunks import each as. */
const APART = new Map([
  [FAST_ENTRY, './fast.js'],
  [FAST_RUN_ENTRY, './fast-run.js'],
]);
/**
 * npm packages the bundles apart take from the CLI's chunks rather than carry again (the same
 * module instance, and the package stays within its size budget): each is an entry of the split
 * build, `vendor-<name>.js`, re-exporting what the sources import of it.
 */
const SHARED = { execa: "export * from 'execa';", picomatch: "export { default } from 'picomatch';" };
const vendorPlugin = {
  name: 'vendor-entries',
  setup(b) {
    b.onResolve({ filter: /^vendor:/ }, (a) => ({ path: a.path.slice('vendor:'.length), namespace: 'vendor' }));
    b.onLoad({ filter: /.*/, namespace: 'vendor' }, (a) => ({ contents: SHARED[a.path], resolveDir: root, loader: 'js' }));
  },
};
/** In a bundle apart: a shared package is imported from its vendor entry. */
const sharedPlugin = {
  name: 'shared-from-chunks',
  setup(b) {
    b.onResolve({ filter: /^(execa|picomatch)$/ }, (a) => ({ path: `./vendor-${a.path}.js`, external: true }));
  },
};
/** What fast.js leaves to the CLI's chunks (dynamic imports only): each becomes a module that throws. */
const NOT_IN_FAST = ['./run-plan.js', './inputs/build-hook.js', './registry-labels.js'];

const common = {
  absWorkingDir: root,
  outdir,
  entryNames: '[name]',
  bundle: true,
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
};

const chunks = await build({
  ...common,
  entryPoints: {
    main: 'src/cli/main.ts',
    index: 'src/index.ts',
    ...Object.fromEntries(Object.keys(SHARED).map((name) => [`vendor-${name}`, `vendor:${name}`])),
  },
  // dynamically imported modules are chunks too: all of them directly in outdir
  chunkNames: '[name]-[hash]',
  splitting: true,
  plugins: [
    vendorPlugin,
    {
      name: 'fast-path-apart',
      setup(b) {
        b.onResolve({ filter: /\/fast-(build|run)\.js$/ }, (a) => {
          const apart = APART.get(path.resolve(a.resolveDir, a.path.replace(/\.js$/, '.ts')));
          return apart ? { path: apart, external: true } : undefined;
        });
      },
    },
  ],
});

/**
 * The bundles apart repeat code the chunks have: without whitespace (names kept, so stack traces
 * still read) they stay within the package's size budget and load a little faster.
 */
const apartMinify = { minifyWhitespace: true, minifySyntax: true };

const fast = await build({
  ...common,
  ...apartMinify,
  entryPoints: { fast: FAST_ENTRY },
  splitting: false,
  metafile: true,
  plugins: [
    sharedPlugin,
    {
      name: 'not-in-fast',
      setup(b) {
        b.onResolve({ filter: /.*/ }, (a) =>
          a.kind === 'dynamic-import' && NOT_IN_FAST.includes(a.path) ? { path: a.path, namespace: 'not-in-fast' } : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: 'not-in-fast' }, (a) => ({
          contents: `throw new Error(${JSON.stringify(`${a.path} is not part of the fast path's bundle`)});`,
          loader: 'js',
        }));
      },
    },
  ],
});
const leaked = Object.keys(fast.metafile.inputs).filter((f) => /src\/runner\/(run-plan|run-bake|run-build)\.ts$/.test(f));
if (leaked.length > 0) throw new Error(`fast.js must not bundle the build runner: ${leaked.join(', ')}`);
const fastRun = await build({
  ...common,
  ...apartMinify,
  entryPoints: { 'fast-run': FAST_RUN_ENTRY },
  splitting: false,
  plugins: [sharedPlugin],
});
const outputFiles = [...chunks.outputFiles, ...fast.outputFiles, ...fastRun.outputFiles];

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
