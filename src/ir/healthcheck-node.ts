import type { CommandForm } from './command-form.js';
import type { Located } from './model-path.js';

export interface HealthcheckOptions {
  readonly interval?: string | undefined;
  readonly timeout?: string | undefined;
  readonly startPeriod?: string | undefined;
  readonly startInterval?: string | undefined;
  readonly retries?: number | undefined;
}

/** `HEALTHCHECK NONE` or `HEALTHCHECK [--interval…] CMD …`. */
export interface HealthcheckNode extends Located {
  readonly kind: 'healthcheck';
  readonly check: 'none' | (HealthcheckOptions & { readonly test: CommandForm });
}
