import type { CommandForm } from './command-form.js';
import type { Located } from './model-path.js';

export interface CmdNode extends Located {
  readonly kind: 'cmd';
  readonly command: CommandForm;
}
