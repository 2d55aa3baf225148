/**
 * Folders of the project inside an image's build context, checked against the ignore rules
 * BuildKit will apply:
 * - dockwright's own (cache, logs, snapshots) must never be sent: each one the context's rules do
 *   not already exclude gets a pattern in the generated ignore file (src/compile/context-ignore.ts);
 * - `node_modules/`, the definitions and the output folder are the user's, but each one sent counts
 *   in the input digest (a comment edited in a definition rebuilds the image): lint names the
 *   ignore line to add (rule `context-project-folders`).
 */
import { resolve } from 'node:path';
import { literalPattern, pathInContext } from '../compile/context-ignore.js';
import type { SentFolder } from '../compile/lint/rule.js';
import type { ImageModel } from '../model/resolved.js';
import type { Settings } from '../model/settings.js';
import type { DigestFs } from '../io/digest-fs.js';
import { dockerignoreMatcher, parseDockerignore } from './dockerignore.js';

const matcherOf = (lines: readonly string[]) => dockerignoreMatcher(parseDockerignore(lines.join('\n')));

/**
 * Patterns for the folders of `dirs` (relative to `root`, or absolute) inside the context that
 * `lines` do not exclude for certain (excluded, and no `!` line anywhere).
 */
export function ownExclusions(root: string, context: string, dirs: readonly string[], lines: readonly string[]): string[] {
  const matcher = matcherOf(lines);
  const inside = dirs.map((d) => pathInContext(root, context, d)).filter((r): r is string => r !== undefined);
  // a folder inside another one is left out with it
  const outer = inside.filter((r) => !inside.some((o) => r.startsWith(`${o}/`)));
  return [...new Set(outer)].filter((r) => !(matcher.ignores(r) && !matcher.hasExceptions)).map(literalPattern);
}

/** `lines`: the ignore file BuildKit reads for the image (generated, else the context's). */
export function sentProjectFolders(
  root: string,
  image: Pick<ImageModel, 'context'>,
  settings: Pick<Settings, 'definitionsDir' | 'outputDir'>,
  lines: readonly string[],
  fs: DigestFs,
): SentFolder[] {
  const matcher = matcherOf(lines);
  const sent: SentFolder[] = [];
  for (const folder of ['node_modules', settings.definitionsDir, settings.outputDir]) {
    const rel = pathInContext(root, image.context, folder);
    // the output folder is there once gen has written it
    const present = folder === settings.outputDir || fs.stat(resolve(root, folder))?.kind === 'dir';
    if (rel === undefined || !present || matcher.ignores(rel)) continue;
    if (!sent.some((s) => s.folder === `${rel}/`)) sent.push({ folder: `${rel}/`, line: `${rel}/` });
  }
  return sent;
}
