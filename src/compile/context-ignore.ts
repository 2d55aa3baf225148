/**
 * What an image's build context leaves out, decided so that BuildKit and the input digest see the
 * same files. BuildKit reads `<Dockerfile>.dockerignore` beside the Dockerfile in preference to the
 * context's `.dockerignore`, so gen writes `generated/<dir>/Dockerfile.dockerignore` when the
 * image sets `dockerignore`, or when its context contains one of dockwright's own folders (cache,
 * logs, snapshots: `ownDirs`): the image's patterns, else the context's `.dockerignore` lines as
 * written, then one pattern per own folder, last so that no `!` line brings it back. The digest
 * reads that same file (src/incremental/image-inputs.ts).
 */
import path from 'node:path';
import type { ImageModel } from '../model/resolved.js';

/** What gen knows of an image's context beyond the model. */
export interface ContextIgnore {
  /** The lines of the `.dockerignore` at the root of the context; undefined when there is none. */
  readonly contextFile?: readonly string[] | undefined;
  /** Patterns for dockwright's own folders inside the context that the context's ignore rules do not exclude yet. */
  readonly own: readonly string[];
}

export const NO_CONTEXT_IGNORE: ContextIgnore = { own: [] };

const toPosix = (p: string): string => p.split(path.sep).join('/');

/** `folder` (relative to `root`, or absolute) as a path inside `context`, `/` separators; undefined when outside it or the context itself. */
export function pathInContext(root: string, context: string, folder: string): string | undefined {
  const rel = path.relative(path.resolve(root, context), path.resolve(root, folder));
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return toPosix(rel);
}

/**
 * An ignore pattern that matches exactly this path: glob characters escaped, and a leading `/`
 * (dropped when read) so that a name starting with `#` or `!` is not a comment or an exception.
 */
export const literalPattern = (rel: string): string => `/${rel.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}`;

/**
 * The generated ignore file's lines, or undefined when none is needed (BuildKit then reads the
 * context's own). Lines copied from the context's file lose its comments and blank lines; a
 * pattern that starts with `#` after blanks (a pattern to BuildKit, not a comment) is written
 * escaped, `\#…`, which matches the same names.
 */
export function ignoreFileLines(image: Pick<ImageModel, 'dockerignore'>, ci: ContextIgnore): string[] | undefined {
  if (image.dockerignore === undefined && ci.own.length === 0) return undefined;
  const copied = (ci.contextFile ?? [])
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => (line.trim().startsWith('#') ? `\\${line.trim()}` : line));
  return [...(image.dockerignore ?? copied), ...ci.own];
}

/** The lines of an ignore file as BuildKit splits them (a byte order mark and `\r` dropped). */
export const ignoreFileText = (text: string): string[] =>
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''));
