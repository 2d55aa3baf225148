import type { Located } from './model-path.js';

/** Text dockwright does not model, rendered as written. */
export interface RawNode extends Located {
  readonly kind: 'raw';
  readonly text: string;
}
