import { QuoteError } from './quote-error.js';
import { codePoint, flagName } from './token.js';
import { DEFAULT_ESCAPE, assertOneLine, type EscapeChar } from './text-checks.js';

/** Options for {@link globFlag}. */
export interface GlobFlagOptions {
  /** The Dockerfile's escape character (default `\`): named in the message when it is refused. */
  readonly escape?: EscapeChar;
}

/**
 * What a pattern may hold: the bare-token set plus the glob characters of BuildKit's matcher
 * (`*`, `**`, `?`, `[…]`, `[^…]`, a leading `!` for an exception). Nothing here means anything to
 * BuildKit's flag lexer (whitespace, `'`, `"`, `\`), to the `--name=value` split, or to the Dockerfile
 * line (the escape character).
 */
const GLOB_CHAR = /^[A-Za-z0-9._:/@+\-*?[\]^!]$/;
const EXPECTED = 'letters, digits, ". _ : / @ + -" and the glob characters "* ? [ ] ^ !"';

/** Why `ch` cannot be in a pattern written bare as a flag value. */
function refusal(ch: string, escape: EscapeChar): string {
  const named = `contains ${JSON.stringify(ch)} (${codePoint(ch)})`;
  if (/[\s\u0085]/u.test(ch)) return `${named}: whitespace ends the flag`;
  if (ch === '"' || ch === "'") return `${named}: BuildKit's flag lexer takes quotes out`;
  if (ch === '\\') return `${named}: BuildKit's flag lexer reads it as an escape`;
  if (ch === escape) return `${named}: it is the Dockerfile's escape character`;
  if (ch === '$') return `${named}: BuildKit does not expand variables in --exclude patterns, so it would match a literal "$"`;
  if (ch === '=' || ch === ',') return `${named}: reserved for options in flag values`;
  if (ch > '\u007f') return `${named}: BuildKit's flag lexer reads bytes and would garble a non-ASCII character`;
  return named;
}

/**
 * `--name=pattern` for a flag whose value is a path pattern (`COPY --exclude`, `ADD --exclude`),
 * written bare. BuildKit takes flags off the line with its own lexer (whitespace ends a flag;
 * quotes and `\` are removed; bytes, not characters) and splits `--name=value` at the first `=`;
 * it expands no variables in `--exclude` (moby/buildkit#6072). So the pattern is written exactly as
 * given, and any character that one of those steps would change or that may gain a meaning later
 * (`=` and `,`, proposed for options in moby/buildkit#2853) is refused, never quoted.
 */
export function globFlag(name: string, pattern: string, opts: GlobFlagOptions = {}): string {
  const n = flagName(name, 'flag name');
  const subject = `--${n} pattern`;
  assertOneLine(subject, pattern);
  if (pattern === '') throw new QuoteError('DW_QUOTE_EMPTY', subject, pattern, 'is empty', 'a non-empty pattern');
  for (const ch of pattern) {
    if (!GLOB_CHAR.test(ch))
      throw new QuoteError('DW_QUOTE_UNSAFE_CHAR', subject, pattern, refusal(ch, opts.escape ?? DEFAULT_ESCAPE), EXPECTED);
  }
  return `--${n}=${pattern}`;
}
