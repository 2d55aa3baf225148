/**
 * Reads the handlebars templates: the package's own `templates/` folder, then a user's
 * `templatesDir` over it, file by file (a user can replace `partials/header.hbs` alone).
 * The package root is two levels up from this module, from `src/io/` as from `dist/io/`.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors/index.js';
import type { TemplateSources } from '../render/template-sources.js';

/** The built-in templates folder. */
export const BUILTIN_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Every `*.hbs` under `dir`, keyed by its path relative to `dir` with `/` separators. */
async function readTemplateDir(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() && entry.name.endsWith('.hbs')) out[child] = await readFile(path.join(dir, child), 'utf8');
    }
  };
  await walk('');
  return out;
}

/** The built-in templates with the user's files (when `templatesDir` is given) laid over them. */
export async function readTemplates(templatesDir?: string): Promise<TemplateSources> {
  const builtin = await readTemplateDir(BUILTIN_TEMPLATES_DIR);
  if (templatesDir === undefined) return builtin;
  try {
    return { ...builtin, ...(await readTemplateDir(templatesDir)) };
  } catch (error) {
    throw new ConfigError(`templatesDir ${templatesDir}: ${(error as Error).message}`, { cause: error });
  }
}
