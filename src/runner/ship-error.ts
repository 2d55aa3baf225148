/** How `push`, `save`, `load` and `test` end when they did not do everything (exit 1). */
import { DockwrightError } from '../errors/dockwright-error.js';

/** Some tag was not pushed: a registry that is down, refuses the credentials, or an image not built. */
export class PushFailedError extends DockwrightError {
  readonly code = 'DW_PUSH_FAILED';
  readonly exitCode = 1 as const;
}

/** A bundle that could not be written or loaded. */
export class BundleError extends DockwrightError {
  readonly code = 'DW_BUNDLE_FAILED';
  readonly exitCode = 1 as const;
}

/** `dockwright test`: some image did not pass its checks. */
export class ImageTestFailedError extends DockwrightError {
  readonly code = 'DW_TEST_FAILED';
  readonly exitCode = 1 as const;
  constructor(readonly failed: readonly string[]) {
    super(`${failed.length} image${failed.length === 1 ? '' : 's'} failed the test: ${failed.join(', ')}`);
  }
}

/** `dockwright release` / `promote` stopped: no tag moved (or, after a failed final step, the report says which did). Exit 1. */
export class ReleaseFailedError extends DockwrightError {
  readonly code = 'DW_RELEASE_FAILED';
  readonly exitCode = 1 as const;
}

/** SIGINT/SIGTERM before the final step of a release: no tag moved. Exit 130. */
export class ReleaseInterruptedError extends DockwrightError {
  readonly code = 'DW_INTERRUPTED';
  readonly exitCode = 130 as const;
}
