import type { Located } from './model-path.js';

/** `VOLUME ["/a", "/b"]`. */
export interface VolumeNode extends Located {
  readonly kind: 'volume';
  readonly paths: readonly string[];
}
