/** Why a user string could not be placed in a Dockerfile. Stable: callers and tests match on it. */
export type QuoteErrorCode =
  /** U+0000: cannot reach a process argument, an environment variable or a path. */
  | 'DW_QUOTE_NUL'
  /** A lone UTF-16 surrogate: cannot be written as UTF-8, the file would silently hold U+FFFD instead. */
  | 'DW_QUOTE_ENCODING'
  /** A line break where the Dockerfile needs a single line. */
  | 'DW_QUOTE_NEWLINE'
  /** Empty (or blank) where a value is required. */
  | 'DW_QUOTE_EMPTY'
  /** Ends with the escape character, which would continue the instruction on the next line. */
  | 'DW_QUOTE_TRAILING_ESCAPE'
  /** A shell command starting with `--`: BuildKit would read it as an instruction flag (`--network=host`…). */
  | 'DW_QUOTE_FLAG_LIKE'
  /** A shell command that is a JSON array: Docker would run it in exec form, not through the shell. */
  | 'DW_QUOTE_JSON_LIKE'
  /** A shell command containing a heredoc operator (`<<EOF`): the next lines of the Dockerfile would become its body. */
  | 'DW_QUOTE_HEREDOC'
  /** A command joined with `&&` that ends in a shell comment, which would swallow the commands after it. */
  | 'DW_QUOTE_SHELL_COMMENT'
  /** A command joined with `&&` that leaves a quote open, which would run into the commands after it. */
  | 'DW_QUOTE_SHELL_QUOTE'
  /** A key, variable, flag or mount option name outside its grammar. */
  | 'DW_QUOTE_BAD_NAME'
  /** A `${…}` reference the expander does not support, in a value marked `expand: true`. */
  | 'DW_QUOTE_BAD_VARIABLE'
  /** A character outside the portable set of a bare token (image reference, flag or mount option value). */
  | 'DW_QUOTE_UNSAFE_CHAR'
  /** A carriage return in a heredoc script: BuildKit reads the Dockerfile line by line and drops it. */
  | 'DW_QUOTE_CARRIAGE_RETURN'
  /** A `.dockerignore` pattern starting with `#`, which docker reads as a comment. */
  | 'DW_QUOTE_COMMENT_LIKE';

const PREVIEW_LENGTH = 60;

/** The given value as a short JSON string literal, so control characters are visible in messages. */
export function preview(value: string): string {
  const cut = value.length > PREVIEW_LENGTH ? `${value.slice(0, PREVIEW_LENGTH)}…` : value;
  return JSON.stringify(cut);
}

/**
 * A user string that cannot be written safely. The message says what was given and what is
 * expected; the caller adds where it came from (file, image, field).
 */
export class QuoteError extends Error {
  override readonly name = 'QuoteError';

  constructor(
    readonly code: QuoteErrorCode,
    /** What the string was for, e.g. "shell command", "ENV value". */
    readonly subject: string,
    /** The offending string, unchanged. */
    readonly value: string,
    /** What is wrong with it. */
    readonly problem: string,
    /** What would be accepted instead. */
    readonly expected: string,
  ) {
    super(`${subject} ${preview(value)} ${problem}; expected ${expected}`);
  }
}
