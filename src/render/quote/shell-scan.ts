/** What a POSIX shell would see at the end of a command line. */
export interface ShellScan {
  /** The quote left open at the end (`'` or `"`), or null. */
  readonly openQuote: "'" | '"' | null;
  /** True when an unquoted `#` starts a word, i.e. the rest of the line is a comment. */
  readonly comment: boolean;
}

/** Characters after which a `#` starts a word (and therefore a comment) in sh. */
const WORD_BREAK = /[\s;&|()<>]/u;

/**
 * A small POSIX sh scan: single quotes, double quotes with backslash escapes, backslash outside
 * quotes, comments. It does not follow `$(…)`, backticks or bash's `$'…'`; it only serves to
 * refuse joins that would obviously change meaning.
 */
export function scanShell(cmd: string): ShellScan {
  let quote: "'" | '"' | null = null;
  let wordStart = true;
  for (let i = 0; i < cmd.length; i += 1) {
    const ch = cmd[i] ?? '';
    if (quote === "'") {
      if (ch === "'") quote = null;
      continue;
    }
    if (quote === '"') {
      if (ch === '\\') i += 1;
      else if (ch === '"') quote = null;
      continue;
    }
    if (ch === '#' && wordStart) return { openQuote: null, comment: true };
    if (ch === '\\') i += 1;
    else if (ch === "'" || ch === '"') quote = ch;
    wordStart = WORD_BREAK.test(ch);
  }
  return { openQuote: quote, comment: false };
}
