import type { ModelPath } from '../../ir/index.js';
import { QuoteError, type EscapeChar } from '../quote.js';
import type { QuoteFailure } from './view-error.js';

/** What every view function needs: the escape character, and a way to quote while noting failures. */
export interface Quoting {
  readonly escape: EscapeChar;
  /**
   * Runs `quote`; on a QuoteError notes it with `path` (or the path `locate` finds from the error,
   * for a call that quotes several values) and returns `''` so the walk goes on.
   */
  at(path: ModelPath | ((error: QuoteError) => ModelPath), quote: () => string): string;
  readonly failures: readonly QuoteFailure[];
}

export function createQuoting(escape: EscapeChar): Quoting {
  const failures: QuoteFailure[] = [];
  return {
    escape,
    failures,
    at(path, quote) {
      try {
        return quote();
      } catch (error) {
        if (!(error instanceof QuoteError)) throw error;
        failures.push({ path: typeof path === 'function' ? path(error) : path, error });
        return '';
      }
    },
  };
}

/** `KEYWORD` + parts, the parts after the first each on a continuation line. */
export const continued = (q: Quoting, head: string, parts: readonly string[]): string =>
  [head, ...parts].filter((p) => p !== '').join(` ${q.escape}\n    `);

/** A locator for a call that quotes `values` (found at `paths`): the path of the value the error names. */
export const byValue =
  (values: readonly string[], paths: readonly ModelPath[], fallback: ModelPath) =>
  (error: QuoteError): ModelPath =>
    paths[values.indexOf(error.value)] ?? fallback;
