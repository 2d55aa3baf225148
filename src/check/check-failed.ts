import { DockwrightError } from '../errors/dockwright-error.js';

/** `dockwright check` found type errors or definition problems (each already printed). */
export class CheckFailed extends DockwrightError {
  readonly code = 'DW_CHECK_FAILED';
  readonly exitCode = 2 as const;
}
