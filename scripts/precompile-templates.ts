/**
 * Writes src/render/precompiled-templates.ts: the built-in templates (templates/) compiled ahead of
 * time (src/render/precompile.ts). Run after editing a template: `npm run templates`;
 * test/unit/render/precompiled-templates.test.ts fails while the file is out of date.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { readTemplates } from '../src/io/read-templates.js';
import { precompiledModule } from '../src/render/precompile.js';

const file = fileURLToPath(new URL('../src/render/precompiled-templates.ts', import.meta.url));
const text = await format(precompiledModule(await readTemplates()), { ...(await resolveConfig(file)), filepath: file });
await writeFile(file, text);
process.stdout.write(`wrote ${file}\n`);
