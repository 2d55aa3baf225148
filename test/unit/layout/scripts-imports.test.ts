/** `scripts/` is tooling the tests may use, never the other way round: no script imports from `test/`. */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPTS = fileURLToPath(new URL('../../../scripts/', import.meta.url));
const SPECIFIER = /(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g;

/** The import specifiers of a module's text that point into test/. */
export const importsIntoTest = (text: string): string[] =>
  [...text.matchAll(SPECIFIER)].map((m) => m[1] as string).filter((s) => /(^|\/)test\//.test(s));

describe('scripts/', () => {
  it('finds an import into test/ when there is one', () => {
    expect(importsIntoTest(`import { x } from '../test/unit/support/model.js';\nimport y from './y.js';`)).toEqual([
      '../test/unit/support/model.js',
    ]);
  });

  it('imports nothing from test/', async () => {
    const files = (await readdir(SCRIPTS, { recursive: true })).filter((f) => /\.(?:ts|mts|mjs|js)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    const found = await Promise.all(
      files.map(async (f) => importsIntoTest(await readFile(path.join(SCRIPTS, f), 'utf8')).map((s) => `${f}: ${s}`)),
    );
    expect(found.flat()).toEqual([]);
  });
});
