import { DockwrightError } from '../../errors/index.js';

/** A pre-build input that could not be prepared: a download, a checksum, a copy-list entry, a prerequisite. */
export class InputError extends DockwrightError {
  readonly code = 'DW_INPUT_FAILED';
  readonly exitCode = 1 as const;
  constructor(
    readonly image: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${image}: ${message}`, options);
  }
}
