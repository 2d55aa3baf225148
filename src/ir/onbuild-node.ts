import type { InstructionNode } from './ir-node.js';
import type { Located } from './model-path.js';

/** What ONBUILD can carry: an instruction, never FROM, ONBUILD, a comment or raw text. */
export type OnbuildTrigger = Exclude<InstructionNode, { kind: 'onbuild' | 'comment' | 'raw' }>;

/** `ONBUILD <trigger>`: the trigger runs (and expands its variables) in the child build. */
export interface OnbuildNode extends Located {
  readonly kind: 'onbuild';
  readonly trigger: OnbuildTrigger;
}
