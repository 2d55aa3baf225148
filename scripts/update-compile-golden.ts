/**
 * Regenerates `test/unit/compile/cases/<case>/expected.Dockerfile` from each case's
 * `definition.ts`: `npx tsx scripts/update-compile-golden.ts [case…]`. Review the diff before
 * committing it: the golden files are the specification of the rendered text.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CASES_DIR, caseNames, dockerfileOf, loadCase } from '../test/unit/support/compile-case.js';

const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : caseNames()) {
  const text = await dockerfileOf(await loadCase(name));
  await writeFile(path.join(CASES_DIR, name, 'expected.Dockerfile'), text, 'utf8');
  process.stdout.write(`${name}: ${text.split('\n').length - 1} lines\n`);
}
