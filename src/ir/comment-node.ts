import type { Located } from './model-path.js';

/** `# text` (one comment line per line of text). */
export interface CommentNode extends Located {
  readonly kind: 'comment';
  readonly text: string;
}
