import type { Located } from './model-path.js';

/** `USER user[:group]`. */
export interface UserNode extends Located {
  readonly kind: 'user';
  readonly user: string;
  readonly group?: string | undefined;
}
