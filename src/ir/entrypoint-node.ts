import type { CommandForm } from './command-form.js';
import type { Located } from './model-path.js';

export interface EntrypointNode extends Located {
  readonly kind: 'entrypoint';
  readonly command: CommandForm;
}
