import type { Located } from './model-path.js';

/** `ARG NAME` or `ARG NAME=default`. */
export interface ArgNode extends Located {
  readonly kind: 'arg';
  readonly name: string;
  readonly default?: string | undefined;
}
