/**
 * Which context files BuildKit leaves out: moby/patternmatcher's rules, as BuildKit's file sender
 * applies them (checked against the engine in test/engine/dockerignore.test.ts).
 * - The ignore file is `<Dockerfile>.dockerignore` beside the Dockerfile when there is one (for
 *   dockwright: `generated/<dir>/Dockerfile.dockerignore`), else `.dockerignore` at the root of the
 *   context.
 * - Reading it: a line whose first character is `#` is a comment (after leading blanks it is a
 *   pattern); blanks around a pattern and after `!` are dropped; the path is cleaned (`./a/` → `a`),
 *   a leading `/` dropped: patterns are relative to the context root (`foo` does not match `a/foo`).
 * - Matching: `*` and `?` never cross a `/`, `**` crosses any number of folders, `[…]` is a
 *   regular-expression class (`[!x]` means `!` or `x`, not "anything but x"), `\` escapes the next
 *   character. A pattern that matches a folder matches everything below it.
 * - The last pattern that matches a path (or one of its folders) decides, and `!` re-includes: a
 *   `!` pattern can bring back a file inside an excluded folder (unlike git), and the folders on the
 *   way to it come along.
 */

export interface IgnoreMatcher {
  /** `rel`: a path inside the context, `/` separators, no leading `./`. */
  ignores(rel: string): boolean;
  /** False when no `!` pattern exists: an excluded folder can then be skipped without walking it. */
  readonly hasExceptions: boolean;
  /** The patterns as BuildKit reads them (cleaned), for reports and tests. */
  readonly patterns: readonly string[];
}

/** Go's `path.Clean`: `.` and empty segments dropped, `..` resolved where it can be. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg !== '..') out.push(seg);
    else if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (!rooted) out.push('..');
  }
  const body = out.join('/');
  return rooted ? `/${body}` : body || '.';
}

/** The patterns of an ignore file, read as BuildKit reads them; comments and blank lines dropped. */
export function parseDockerignore(text: string): string[] {
  const out: string[] = [];
  for (const [n, raw] of text.split('\n').entries()) {
    const line = (n === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '');
    if (line.startsWith('#')) continue;
    let pattern = line.trim();
    if (pattern === '') continue;
    const negated = pattern.startsWith('!');
    if (negated) pattern = pattern.slice(1).trim();
    if (pattern !== '') {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    out.push(negated ? `!${pattern}` : pattern);
  }
  return out;
}

type Test = (path: string) => boolean;

const REGEXP_SPECIAL = new Set([...'.+()|{}$']);

/** One pattern (without its `!`) as a test on a path: exact, prefix, suffix or regular expression, as patternmatcher decides. */
function compilePattern(pattern: string): Test {
  const chars = [...pattern];
  let re = '^';
  let type: 'exact' | 'prefix' | 'suffix' | 'regexp' = 'exact';
  for (let i = 0, n = 0; i < chars.length; n++) {
    const ch = chars[i++] as string;
    if (ch === '*' && chars[i] === '*') {
      i++;
      if (chars[i] === '/') i++;
      if (i < chars.length) {
        re += '(.*/)?';
        type = 'regexp';
      } else if (type === 'exact') type = 'prefix';
      else {
        re += '.*';
        type = 'regexp';
      }
      if (n === 0) type = 'suffix';
    } else if (ch === '*') {
      re += '[^/]*';
      type = 'regexp';
    } else if (ch === '?') {
      re += '[^/]';
      type = 'regexp';
    } else if (REGEXP_SPECIAL.has(ch)) re += `\\${ch}`;
    else if (ch === '\\') {
      if (i < chars.length) {
        re += `\\${chars[i++] as string}`;
        type = 'regexp';
      } else re += '\\';
    } else if (ch === '[' || ch === ']') {
      re += ch;
      type = 'regexp';
    } else re += ch;
  }
  switch (type) {
    case 'exact':
      return (path) => path === pattern;
    case 'prefix':
      return (path) => path.startsWith(pattern.slice(0, -2));
    case 'suffix': {
      const suffix = pattern.slice(2);
      return (path) => path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
    }
    case 'regexp':
      try {
        const regexp = new RegExp(`${re}$`);
        return (path) => regexp.test(path);
      } catch {
        // BuildKit refuses the ignore file (and the build fails): nothing to match
        return () => false;
      }
  }
}

interface Rule {
  readonly negated: boolean;
  readonly test: Test;
}

/** A path's verdict and, per pattern, whether it matched the path (or a folder above it). */
interface Match {
  readonly excluded: boolean;
  readonly matched: readonly boolean[];
}

export const NO_IGNORE: IgnoreMatcher = { ignores: () => false, hasExceptions: false, patterns: [] };

export function dockerignoreMatcher(patterns: readonly string[]): IgnoreMatcher {
  const rules: Rule[] = [];
  for (const raw of patterns) {
    const p = cleanPath(raw.trim());
    const negated = p.startsWith('!');
    // a lone `!` makes BuildKit refuse the file
    if (raw.trim() === '' || p === '!') continue;
    rules.push({ negated, test: compilePattern(negated ? p.slice(1) : p) });
  }
  if (rules.length === 0) return NO_IGNORE;

  /**
   * As BuildKit's sender walks: a pattern that matched the parent folder matches the path; an
   * include pattern is only tried while the path is not excluded yet, a `!` pattern only while it is.
   */
  const evaluate = (rel: string, parent: Match | undefined): Match => {
    let excluded = false;
    const matched = rules.map((rule, i) => {
      let hit = parent?.matched[i] ?? false;
      if (!hit) {
        if (rule.negated !== excluded) return false;
        hit = rule.test(rel);
      }
      if (hit) excluded = !rule.negated;
      return hit;
    });
    return { excluded, matched };
  };

  const cache = new Map<string, Match>();
  const matchOf = (rel: string): Match => {
    const known = cache.get(rel);
    if (known) return known;
    const slash = rel.lastIndexOf('/');
    const match = evaluate(rel, slash < 0 ? undefined : matchOf(rel.slice(0, slash)));
    cache.set(rel, match);
    return match;
  };

  return {
    patterns,
    hasExceptions: rules.some((r) => r.negated),
    ignores: (rel) => matchOf(rel).excluded,
  };
}
