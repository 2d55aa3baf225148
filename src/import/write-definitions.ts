/**
 * Filesystem side of `dockwright import`, writing: every definition or none — an existing file
 * is only replaced with `force`, and that is checked before anything is written.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ImportError } from './import-error.js';
import type { ImportedDefinition } from './import-sources.js';

/** Writes the definitions into `outDir`; returns the paths written, relative to `cwd`. */
export async function writeDefinitions(
  cwd: string,
  outDir: string,
  definitions: readonly ImportedDefinition[],
  force: boolean,
): Promise<string[]> {
  const dir = path.resolve(cwd, outDir);
  const targets = definitions.map((d) => ({ d, abs: path.join(dir, d.fileName) }));
  const rel = (abs: string): string => path.relative(cwd, abs).split(path.sep).join('/');
  const existing = targets.filter((t) => existsSync(t.abs));
  if (existing.length > 0 && !force) {
    throw new ImportError(`refusing to overwrite ${existing.map((t) => rel(t.abs)).join(', ')} (use --force)`);
  }
  await mkdir(dir, { recursive: true });
  for (const t of targets) await writeFile(t.abs, t.d.text, 'utf8');
  return targets.map((t) => rel(t.abs));
}
