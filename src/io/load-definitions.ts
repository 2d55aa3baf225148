/**
 * Loading the definition files: every module in the definitions folder is imported (one bundle,
 * import-module.ts, so shared stages and images keep their identity) and its exports are handed on as
 * unknown values, in the order the file writes them. Files that fail to load are all reported
 * together, one line each, without a stack.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedDefinitions } from '../compile/resolve-images.js';
import { ConfigError, DefinitionError, LoadError, type Problem } from '../errors/definition-error.js';
import { exportOrder } from './export-order.js';
import { importModules, type ImportOptions } from './import-module.js';
import { describeLoadFailure } from './load-failure.js';
import { listDefinitionFiles } from './list-definition-files.js';

const toPosix = (p: string): string => p.split(path.sep).join('/');

/** The exports of every definition file under `root/definitionsDir`; files relative to `root`. */
export async function loadDefinitions(root: string, definitionsDir: string, opts: ImportOptions = {}): Promise<LoadedDefinitions[]> {
  const dir = path.resolve(root, definitionsDir);
  if (!existsSync(dir)) {
    throw new ConfigError(
      `the definitions folder ${toPosix(path.relative(root, dir)) || '.'} does not exist (setting definitionsDir, DOCKWRIGHT_DEFINITIONS_DIR or --definitions)`,
    );
  }
  const files = (await listDefinitionFiles(dir)).map((rel) => path.join(dir, rel));
  const failures: LoadError[] = [];
  const loaded: LoadedDefinitions[] = [];
  for (const result of await importModules(root, files, opts)) {
    const abs = result.file;
    const file = toPosix(path.relative(root, abs));
    try {
      if ('error' in result) throw result.error;
      const text = await readFile(abs, 'utf8');
      const imports = relativeImports(text).map((spec) => toPosix(path.relative(root, path.resolve(path.dirname(abs), spec))));
      const mod = result.module;
      const names = exportOrder(
        text,
        Object.keys(mod).filter((k) => k !== '__esModule'),
      );
      loaded.push({ file, exports: names.map((n) => mod[n]), exportNames: names, imports });
    } catch (err) {
      failures.push(new LoadError(file, new Error(describeLoadFailure(err, root, abs), { cause: err })));
    }
  }
  if (failures.length > 0) throw new DefinitionError(failures.map(loadProblem));
  return loaded;
}

/** `./base.js` → `./base.ts`: the relative modules a file imports, as files (for import-cycle messages). */
const relativeImports = (text: string): string[] =>
  [...text.matchAll(/\bfrom\s*['"](\.\.?\/[^'"]+)['"]/g)].map((m) => (m[1] ?? '').replace(/\.(m?)js$/, '.$1ts'));

/** A file that does not load, as a problem line (`definitions/x.ts: could not load the definition: …`). */
export const loadProblem = (err: LoadError): Problem => ({
  file: err.file,
  message: err.message.slice(err.file.length + 2),
});
