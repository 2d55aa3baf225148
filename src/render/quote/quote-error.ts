/** Why a user string could not be placed in a Dockerfile. Stable: callers and tests match on it. */
export type { QuoteErrorCode } from '../../errors/error-code.js';
import type { QuoteErrorCode } from '../../errors/error-code.js';

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
