/**
 * Regenerates `test/unit/compile/cases/<case>/expected.Dockerfile` from each case's
 * `definition.ts`: `npx tsx scripts/update-compile-golden.ts [case…]` (or all goldens at once with
 * `npm run golden`). Review the diff before committing it: the golden files are the specification
 * of the rendered text.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CASES_DIR, caseNames, dockerfileOf, loadCase } from './compile-cases.js';

/** Rewrites the expected Dockerfile of the cases named (every case when none is), one line each on `log`. */
export async function updateCompileGolden(names: readonly string[], log: (line: string) => void): Promise<void> {
  for (const name of names.length > 0 ? names : caseNames()) {
    const text = await dockerfileOf(await loadCase(name));
    await writeFile(path.join(CASES_DIR, name, 'expected.Dockerfile'), text, 'utf8');
    log(`${name}: ${text.split('\n').length - 1} lines`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await updateCompileGolden(process.argv.slice(2), (line) => void process.stdout.write(`${line}\n`));
}
