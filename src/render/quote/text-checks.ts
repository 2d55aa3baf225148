import { QuoteError } from './quote-error.js';

/** The Dockerfile escape character: `\` by default, `` ` `` after a `# escape=`` ` `` directive. */
export type EscapeChar = '\\' | '`';

export const DEFAULT_ESCAPE: EscapeChar = '\\';

/**
 * Whitespace: Go's `unicode.IsSpace` (BuildKit splits words and trims lines with it) is covered by
 * JavaScript's `\s` plus U+0085. The superset is the safe side for finding where a word may start.
 */
const LEADING_SPACE = /^[\s\u0085]+/u;
const TRAILING_SPACE = /[\s\u0085]+$/u;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Throws unless the text can be written to a UTF-8 file and handed to a process (no NUL, no lone surrogate). */
export function assertWritable(subject: string, value: string): void {
  if (value.includes('\0')) {
    throw new QuoteError('DW_QUOTE_NUL', subject, value, 'contains a NUL character (U+0000)', 'text without NUL');
  }
  if (LONE_SURROGATE.test(value)) {
    throw new QuoteError('DW_QUOTE_ENCODING', subject, value, 'contains a lone UTF-16 surrogate', 'well-formed Unicode text');
  }
}

/** Throws unless the text is writable and stays on one line (no LF, no CR). */
export function assertOneLine(subject: string, value: string, hint = 'a single line'): void {
  assertWritable(subject, value);
  if (/[\r\n]/.test(value)) {
    throw new QuoteError('DW_QUOTE_NEWLINE', subject, value, 'contains a line break', hint);
  }
}

/** Throws if the text is empty or only whitespace. */
export function assertNotBlank(subject: string, value: string): void {
  if (trimSpace(value) === '') {
    throw new QuoteError('DW_QUOTE_EMPTY', subject, value, 'is empty', 'a non-empty value');
  }
}

/** The text without leading whitespace. */
export function trimStartSpace(value: string): string {
  return value.replace(LEADING_SPACE, '');
}

/** The text without leading and trailing whitespace (BuildKit trims both ends of an instruction). */
export function trimSpace(value: string): string {
  return trimStartSpace(value).replace(TRAILING_SPACE, '');
}

/**
 * True when the line ends with the escape character, optionally followed by whitespace: Docker
 * would continue the instruction on the next line. (BuildKit only looks at spaces and tabs and
 * spares an escaped escape; this stricter test covers every parser version.)
 */
export function endsWithEscape(value: string, escape: EscapeChar): boolean {
  return value.replace(TRAILING_SPACE, '').endsWith(escape);
}
