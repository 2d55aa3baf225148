import type { Located } from './model-path.js';

/** `SHELL ["/bin/bash", "-c"]`. */
export interface ShellNode extends Located {
  readonly kind: 'shell';
  readonly argv: readonly string[];
}
