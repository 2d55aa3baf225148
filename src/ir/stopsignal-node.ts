import type { Located } from './model-path.js';

export interface StopsignalNode extends Located {
  readonly kind: 'stopsignal';
  readonly signal: string;
}
