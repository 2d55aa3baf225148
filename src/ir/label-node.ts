import type { Located } from './model-path.js';

/** `LABEL K=V …`: one instruction, pairs in the order written. */
export interface LabelNode extends Located {
  readonly kind: 'label';
  readonly labels: readonly (readonly [string, string])[];
}
