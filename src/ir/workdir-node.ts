import type { Located } from './model-path.js';

export interface WorkdirNode extends Located {
  readonly kind: 'workdir';
  readonly dir: string;
}
