/**
 * src/render/precompiled-templates.ts is what `npm run templates` makes of templates/ now: a
 * template edited without running it fails here (the renderer would still compile the edited
 * source, see render.test.ts, but every run would pay for handlebars' compiler).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { readTemplates } from '../../../src/io/read-templates.js';
import { precompiledModule } from '../../../src/render/precompile.js';
import { PRECOMPILED } from '../../../src/render/precompiled-templates.js';

const file = fileURLToPath(new URL('../../../src/render/precompiled-templates.ts', import.meta.url));

describe('the precompiled built-in templates', () => {
  it('are those of templates/ as it is (else: npm run templates)', async () => {
    const templates = await readTemplates();
    expect(Object.fromEntries(Object.entries(PRECOMPILED).map(([name, p]) => [name, p.source]))).toEqual(templates);
    const expected = await format(precompiledModule(templates), { ...(await resolveConfig(file)), filepath: file });
    expect(await readFile(file, 'utf8')).toBe(expected);
  });
});
