/**
 * Which context files docker leaves out, by docker's rules (moby/patternmatcher):
 * - the ignore file is `<Dockerfile>.dockerignore` beside the Dockerfile when there is one (for
 *   dockwright: `generated/<dir>/Dockerfile.dockerignore`), else `.dockerignore` at the root of the
 *   context;
 * - every pattern is relative to the context root (a leading `/` changes nothing, `foo` does not
 *   match `a/foo`), `#` starts a comment, `!` re-includes;
 * - the last pattern that matches a path, or one of its parent folders, decides; so, unlike git, a
 *   `!` pattern can re-include a file inside an excluded folder.
 * Globs are matched with the `ignore` package, one pattern at a time, anchored at the root.
 */
import ignore, { type Ignore } from 'ignore';
import { posix } from 'node:path';

interface Rule {
  readonly negated: boolean;
  readonly matcher: Ignore;
}

export interface IgnoreMatcher {
  /** `rel`: a path inside the context, `/` separators, no leading `./`. */
  ignores(rel: string): boolean;
  /** False when no `!` pattern exists: an excluded folder can then be skipped without walking it. */
  readonly hasExceptions: boolean;
  /** The patterns as docker reads them (cleaned), for reports and tests. */
  readonly patterns: readonly string[];
}

/** The lines of an ignore file, cleaned as docker cleans them; comments and blank lines dropped. */
export function parseDockerignore(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const body = (negated ? line.slice(1).trim() : line).replace(/^\/+/, '');
    const clean = posix.normalize(body).replace(/\/+$/, '');
    if (clean === '' || clean === '.') continue;
    out.push(negated ? `!${clean}` : clean);
  }
  return out;
}

export const NO_IGNORE: IgnoreMatcher = { ignores: () => false, hasExceptions: false, patterns: [] };

export function dockerignoreMatcher(patterns: readonly string[]): IgnoreMatcher {
  if (patterns.length === 0) return NO_IGNORE;
  const rules: Rule[] = patterns.map((p) => {
    const negated = p.startsWith('!');
    // anchored: dockerignore patterns are relative to the root, never "anywhere" like git's
    return { negated, matcher: ignore({ allowRelativePaths: true }).add(`/${negated ? p.slice(1) : p}`) };
  });
  const cache = new Map<string, boolean>();
  return {
    patterns,
    hasExceptions: rules.some((r) => r.negated),
    ignores(rel) {
      const known = cache.get(rel);
      if (known !== undefined) return known;
      let excluded = false;
      // `ignores` of a single-rule matcher is true for the path and for anything below a match
      for (const rule of rules) if (rule.matcher.ignores(rel)) excluded = !rule.negated;
      cache.set(rel, excluded);
      return excluded;
    },
  };
}
