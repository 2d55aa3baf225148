/**
 * The files a list of globs names, relative to a base folder, with `/` separators, sorted, without
 * duplicates. A walk starts at each glob's static prefix (`src/**\/*.go` walks `src/` only); a
 * pattern without glob characters names a file, or every file below a folder. picomatch loads on
 * the first glob (an image without prerequisites never needs it: the no-op's path stays small).
 */
import { readdir, stat } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';

const toPosix = (p: string): string => p.split(sep).join('/');

async function walk(dir: string, out: string[], skip: (abs: string) => boolean): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const abs = join(dir, entry.name);
    if (skip(abs)) continue;
    if (entry.isDirectory()) await walk(abs, out, skip);
    else if (entry.isFile() || entry.isSymbolicLink()) out.push(abs);
  }
}

export interface GlobResult {
  /** Matched files, relative to the base, sorted. */
  readonly files: readonly string[];
  /** Patterns that matched nothing. */
  readonly unmatched: readonly string[];
}

export async function globFiles(
  base: string,
  patterns: readonly string[],
  skip: (abs: string) => boolean = () => false,
): Promise<GlobResult> {
  const found = new Set<string>();
  const unmatched: string[] = [];
  if (patterns.length === 0) return { files: [], unmatched };
  const { default: picomatch } = await import('picomatch');
  for (const pattern of patterns) {
    const clean = posix.normalize(pattern.replace(/^\.\//, ''));
    const scan = picomatch.scan(clean);
    const start = join(base, scan.isGlob ? scan.base : clean);
    const st = await stat(start).catch(() => undefined);
    const files: string[] = [];
    if (st?.isFile() && !scan.isGlob) files.push(start);
    else if (st?.isDirectory()) await walk(start, files, skip);
    const matches = scan.isGlob ? picomatch(clean, { dot: true }) : () => true;
    const hits = files.map((f) => toPosix(relative(base, f))).filter((f) => matches(f));
    if (hits.length === 0) unmatched.push(pattern);
    hits.forEach((f) => found.add(f));
  }
  return { files: [...found].sort(), unmatched };
}
