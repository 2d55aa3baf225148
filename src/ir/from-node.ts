import type { Located } from './model-path.js';

/**
 * `FROM [--platform=P] IMAGE AS STAGE`. `image` is already a Dockerfile reference: an external ref
 * (may hold `${ARG}`), `${PARENT_IMAGE}` for an image dockwright builds, an earlier stage's name,
 * a named context, or `scratch`.
 */
export interface FromNode extends Located {
  readonly kind: 'from';
  readonly image: string;
  readonly platform?: string | undefined;
  readonly stage: string;
}
