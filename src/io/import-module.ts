/**
 * Loading user TypeScript (definitions, the config file) at runtime with jiti: no compile step,
 * and `import … from 'dockwright'` resolves to this very package wherever the project lives.
 *
 * Within one session every file is evaluated once, so a stage or image imported by two files is
 * the same object (references are resolved by identity). Between sessions nothing is kept: the
 * modules a session added to the module cache are removed, so the next load sees edited files.
 * Exception: plain ESM JavaScript (`.mjs`, `.js` in a `"type": "module"` package) is imported
 * natively by jiti — Node keeps it for the life of the process, and `dockwright` resolves from it
 * only when the package is installed in the project.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';

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

/** Imports a file by absolute path; resolves to its module namespace (`default` is not merged in). */
export type ImportFile = (file: string) => Promise<Record<string, unknown>>;

let queue: Promise<unknown> = Promise.resolve();

/** Runs `work` with an importer whose modules live only as long as `work`; sessions never overlap. */
export function withModuleSession<T>(work: (importFile: ImportFile) => Promise<T>): Promise<T> {
  const run = async (): Promise<T> => {
    const jiti = createJiti(import.meta.url, {
      moduleCache: true,
      interopDefault: false,
      alias: { dockwright: selfEntry() },
    });
    const before = new Set(Object.keys(jiti.cache));
    try {
      return await work(async (file) => {
        const mod: unknown = await jiti.import(file);
        return typeof mod === 'object' && mod !== null ? (mod as Record<string, unknown>) : { default: mod };
      });
    } finally {
      for (const key of Object.keys(jiti.cache)) {
        if (!before.has(key) && !key.includes('/node_modules/')) delete jiti.cache[key];
      }
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

/** A load failure as one line: the first line of the message, with the position of a syntax error. */
export function describeLoadFailure(err: unknown, root: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const first = (lines[0] ?? 'unknown error').replace(/\s+/g, ' ');
  const position = lines
    .slice(1)
    .map((l) => /:(\d+):(\d+)$/.exec(l))
    .find(Boolean);
  const thrown = position ? undefined : thrownAt(err, root);
  const text = position ? `${first} (line ${position[1]}, column ${position[2]})` : thrown ? `${first} (thrown at ${thrown})` : first;
  return text.split(`${root}/`).join('');
}

/**
 * `definitions/x.ts:12:7`: the first frame of the error's stack in a project file (not a
 * dependency). On line 1 only the line: jiti may run a file inside a one-line wrapper, which
 * shifts the columns of that line.
 */
function thrownAt(err: unknown, root: string): string | undefined {
  const stack = err instanceof Error ? (err.stack ?? '') : '';
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^()]*?):(\d+):(\d+)\)?\s*$/.exec(line);
    const file = m?.[1]?.replace(/^file:\/\//, '');
    if (m && file && file.startsWith(`${root}/`) && !file.includes('/node_modules/'))
      return `${file.slice(root.length + 1)}:${m[2]}${m[2] === '1' ? '' : `:${m[3]}`}`;
  }
  return undefined;
}
