/**
 * Which files in the definitions folder are definition modules: `*.ts`, `*.mts`, `*.js`, `*.mjs`,
 * in every subfolder, sorted by path. Left out: type declarations (`*.d.ts`), tests
 * (`*.test.ts`, `*.spec.ts`), and every file or folder whose name starts with `_` or `.`, or is
 * `node_modules` (shared helpers go in `_lib/` or `_helpers.ts`).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

const MODULE = /\.(?:ts|mts|js|mjs)$/;
const EXCLUDED = /\.d\.m?ts$|\.(?:test|spec)\.m?[tj]s$/;

const skipped = (name: string): boolean => name.startsWith('_') || name.startsWith('.') || name === 'node_modules';

/** Definition files under `dir`, as paths relative to it with `/` separators, sorted. */
export async function listDefinitionFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const entry of entries) {
      if (skipped(entry.name)) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() && MODULE.test(entry.name) && !EXCLUDED.test(entry.name)) out.push(child);
    }
  };
  await walk('');
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
