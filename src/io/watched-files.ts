/**
 * The files a command's result came from, by fingerprint (size, mtime, ctime, inode): what the
 * fast paths of `build` and `gen` check before they replay a snapshot instead of loading the
 * definitions. A changed, added or removed file (a folder's mtime shows the last two) makes the
 * snapshot stale.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Settings } from '../model/settings.js';
import { nodeDigestFs } from './digest-fs.js';
import { CONFIG_FILES } from './project-root.js';
import { packageRoot, runningCodeDir } from './snapshot-key.js';

export const fingerprint = (path: string): string => {
  const st = nodeDigestFs.stat(path);
  return st ? `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}` : 'missing';
};

/** Every file below `dir`, and the folders themselves (a folder's mtime shows an added or removed file). */
export function filesUnder(dir: string, out: string[], skip: (name: string) => boolean = () => false): void {
  out.push(dir);
  for (const name of nodeDigestFs.list(dir)) {
    if (skip(name)) continue;
    const path = join(dir, name);
    const kind = nodeDigestFs.stat(path)?.kind;
    if (kind === 'dir') filesUnder(path, out, skip);
    else if (kind) out.push(path);
  }
}

/** The git files that say which commit is checked out (the `revision` label): HEAD, its ref, packed refs. */
export function gitFiles(root: string): string[] {
  for (let d = root; ; d = dirname(d)) {
    const git = join(d, '.git');
    const kind = nodeDigestFs.stat(git)?.kind;
    if (kind === 'file') return [git];
    if (kind === 'dir') {
      const head = nodeDigestFs.readText(join(git, 'HEAD')) ?? '';
      const ref = /^ref:\s*(\S+)/.exec(head)?.[1];
      return [join(git, 'HEAD'), join(git, 'packed-refs'), ...(ref ? [join(git, ref)] : [])];
    }
    if (dirname(d) === d) return [];
  }
}

const RELATIVE_IMPORT = /(?:from\s*|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
const EXTENSIONS = ['', '.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '/index.ts', '/index.js'];

/** Local modules the files import (relative specifiers), followed transitively. */
function localImports(files: readonly string[]): string[] {
  const seen = new Set(files);
  const queue = [...files];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    const text = /\.[cm]?[jt]s$/.test(file) ? nodeDigestFs.readText(file) : undefined;
    for (const m of text?.matchAll(RELATIVE_IMPORT) ?? []) {
      const base = resolve(dirname(file), (m[1] as string).replace(/\.js$/, ''));
      const found = EXTENSIONS.map((e) => base + e).find((p) => nodeDigestFs.stat(p)?.kind === 'file');
      if (found && !seen.has(found)) {
        seen.add(found);
        queue.push(found);
      }
    }
  }
  return [...seen];
}

/** Absolute path → fingerprint, for each file. */
export const fingerprints = (files: readonly string[]): Record<string, string> => Object.fromEntries(files.map((f) => [f, fingerprint(f)]));

/** No file changed since the fingerprints were taken. */
export const unchanged = (watched: Readonly<Record<string, string>>): boolean =>
  Object.entries(watched).every(([path, print]) => fingerprint(path) === print);

/**
 * What the definitions are made of: the config file, `.env`, `package.json`, `tsconfig.json`,
 * every file under the definitions folder and the local modules they import, the templates, and
 * dockwright's own code.
 */
export function sourceFiles(root: string, settings: Pick<Settings, 'definitionsDir' | 'templatesDir'>): string[] {
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(root, p));
  const definitions: string[] = [];
  filesUnder(abs(settings.definitionsDir), definitions);
  const own: string[] = [join(packageRoot, 'package.json')];
  // source maps and type declarations do not run
  filesUnder(runningCodeDir, own, (name) => name.endsWith('.map') || name.endsWith('.d.ts'));
  filesUnder(join(packageRoot, 'templates'), own);
  const templates: string[] = [];
  if (settings.templatesDir) filesUnder(abs(settings.templatesDir), templates);
  const config = [...CONFIG_FILES, '.env', 'package.json', 'tsconfig.json'].map((f) => join(root, f));
  return [...new Set([...config, ...localImports([...definitions, ...config.filter(existsSync)]), ...templates, ...own])];
}
