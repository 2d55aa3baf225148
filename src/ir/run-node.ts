import type { Located } from './model-path.js';
import type { MountSpec } from './mount-spec.js';

export type RunBody =
  | { readonly form: 'shell'; readonly commands: readonly string[] }
  | { readonly form: 'exec'; readonly argv: readonly string[] }
  | { readonly form: 'heredoc'; readonly script: string };

/** `RUN [--mount=…]… [--network=…] [--security=…] BODY`. */
export interface RunNode extends Located {
  readonly kind: 'run';
  readonly body: RunBody;
  readonly mounts: readonly MountSpec[];
  readonly network?: 'default' | 'none' | 'host' | undefined;
  readonly security?: 'sandbox' | 'insecure' | undefined;
}
