/**
 * The transform of user modules (the config, the definitions and every local file they import):
 * esbuild bundles them into one ES module, TypeScript stripped, with an inline source map so that
 * stack traces name the user's file, line and column. The seam is {@link Transform}: the loader
 * (import-module.ts) calls it only when its cache has no entry for the current sources, and the
 * tests count the calls.
 *
 * - Every module a definition imports from the project is in the bundle, once: a stage or image
 *   imported by two definitions is the same object. Each entry is reached by its own lazy
 *   `import()`, so one that throws does not stop the others.
 * - `dockwright` is the running dockwright itself (its file URL, see `selfEntry`): the same module
 *   instance as the CLI's. Other packages and Node's built-ins stay imports, resolved by Node at
 *   run time from the project (the bundle is written under the project root).
 * - `import.meta.url`, `.dirname` and `.filename` are those of the user's file, not the bundle's.
 * - No tsconfig is read (neither did jiti, the loader before): the same source always gives the
 *   same output, so the cache key needs only the sources.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import { BundleError, type BundleMessage } from '../errors/bundle-error.js';
import { sha256 } from './digest-fs.js';

export interface BundleRequest {
  /** The project root: error locations and source map paths are relative to it. */
  readonly root: string;
  /** Absolute paths of the entry modules, in the order `modules` lists them. */
  readonly entries: readonly string[];
  /** Absolute path the bundle will be written to (the source map's paths are relative to it). */
  readonly outFile: string;
  /** File URL every `import … from 'dockwright'` becomes. */
  readonly selfUrl: string;
}

export interface Bundle {
  /** An ES module exporting `modules`: one `() => Promise<namespace>` per entry. */
  readonly code: string;
  /**
   * Every project file in the bundle (the entries and what they import): absolute path → sha256
   * of the very content that was bundled, so an edit made while bundling is seen next time.
   */
  readonly inputs: Readonly<Record<string, string>>;
}

export interface Transform {
  /** Names the transform and its version: part of the cache key. */
  readonly id: string;
  /** Throws a `BundleError` for sources that do not bundle. */
  bundle(req: BundleRequest): Promise<Bundle>;
}

const ENTRY = 'dockwright-entry.js';
const LOADERS = {
  '.json': 'json',
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.jsx': 'jsx',
} as const;

/** `import.meta.url` → `__dw_meta_url()`: as long, so no column moves; the function is declared at the end of the file. */
const META = /\bimport\.meta\.(url|dirname|filename)\b/g;

function withOwnMeta(text: string, file: string): string {
  const values = { url: pathToFileURL(file).href, dirname: path.dirname(file), filename: file };
  const declarations = Object.entries(values).map(([k, v]) => `function __dw_meta_${k}() { return ${JSON.stringify(v)}; }`);
  return `${text.replace(META, (_, k: string) => `__dw_meta_${k}()`)}\n${declarations.join('\n')}\n`;
}

/** Resolves `dockwright` to `selfUrl`; reads every project file itself, to hash what it hands esbuild. */
const projectPlugin = (selfUrl: string, hashes: Record<string, string>): Plugin => ({
  name: 'dockwright-project',
  setup(build) {
    build.onResolve({ filter: /^dockwright$/ }, () => ({ path: selfUrl, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'file' }, async (args) => {
      const bytes = await readFile(args.path);
      hashes[args.path] = sha256(bytes);
      const loader = LOADERS[path.extname(args.path) as keyof typeof LOADERS];
      if (!loader) return undefined;
      const text = bytes.toString('utf8');
      return { contents: loader !== 'json' && text.includes('import.meta.') ? withOwnMeta(text, args.path) : text, loader };
    });
  },
});

const located = (root: string, m: { text: string; location: { file: string; line: number; column: number } | null }): BundleMessage => ({
  text: m.text,
  file: m.location && m.location.file !== ENTRY ? path.resolve(root, m.location.file) : undefined,
  line: m.location?.line,
  column: m.location ? m.location.column + 1 : undefined,
});

const requireHere = createRequire(import.meta.url);
const esbuildVersion = (): string => (requireHere('esbuild/package.json') as { version: string }).version;

/**
 * esbuild is CommonJS: `require` loads it as it is, while `import()` first has Node's CommonJS lexer
 * scan its ~100 KB for export names (~15 ms of CPU). Loaded once, when first needed.
 */
let esbuildModule: typeof import('esbuild') | undefined;
const loadEsbuild = (): typeof import('esbuild') => (esbuildModule ??= requireHere('esbuild') as typeof import('esbuild'));

/**
 * Starts esbuild's service now (its first build waits for the service's binary to start: tens of
 * milliseconds, seconds when the binary must be read from a cold disk), so that a bundle asked for
 * later finds it running. Nothing is thrown: the bundle itself reports what fails.
 */
export function startEsbuild(): void {
  Promise.resolve()
    .then(() => loadEsbuild().transform('', { loader: 'js' }))
    .catch(() => undefined);
}

export const esbuildTransform: Transform = {
  get id() {
    return `esbuild@${esbuildVersion()}`;
  },
  async bundle(req) {
    const { build } = loadEsbuild();
    const contents = `export const modules = [\n${req.entries.map((f) => `  () => import(${JSON.stringify(f)}),`).join('\n')}\n];\n`;
    const hashes: Record<string, string> = {};
    try {
      const result = await build({
        stdin: { contents, resolveDir: req.root, sourcefile: ENTRY, loader: 'js' },
        absWorkingDir: req.root,
        outfile: req.outFile,
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: `node${process.versions.node}`,
        packages: 'external',
        sourcemap: 'inline',
        sourcesContent: false,
        tsconfigRaw: {},
        banner: {
          js: "import { createRequire as __dwCreateRequire } from 'node:module'; var require = __dwCreateRequire(import.meta.url);",
        },
        plugins: [projectPlugin(req.selfUrl, hashes)],
        metafile: true,
        write: false,
        logLevel: 'silent',
      });
      const inputs = Object.keys(result.metafile.inputs)
        .filter((f) => f !== ENTRY)
        .map((f) => path.resolve(req.root, f));
      return { code: result.outputFiles[0]?.text ?? '', inputs: Object.fromEntries(inputs.map((f) => [f, hashes[f] ?? ''])) };
    } catch (err) {
      const errors = (err as { errors?: Parameters<typeof located>[1][] }).errors;
      if (!errors) throw err;
      throw new BundleError(errors.map((m) => located(req.root, m)));
    }
  },
};
