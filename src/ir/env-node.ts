import type { Located } from './model-path.js';

/** `ENV K=V …`: one instruction, pairs in the order written. */
export interface EnvNode extends Located {
  readonly kind: 'env';
  readonly vars: readonly (readonly [string, string])[];
}
