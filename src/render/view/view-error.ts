import type { ModelPath } from '../../ir/index.js';
import type { QuoteError } from '../quote.js';

/** A value the quoting module refused, and the model field it came from. */
export interface QuoteFailure {
  readonly path: ModelPath;
  readonly error: QuoteError;
}

/** Every value of one Dockerfile that could not be written; synthImage turns them into Problems. */
export class ViewError extends Error {
  override readonly name = 'ViewError';
  constructor(readonly failures: readonly QuoteFailure[]) {
    super(failures.map((f) => `${f.path.join('.')}: ${f.error.message}`).join('\n'));
  }
}
