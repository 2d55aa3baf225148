/** How a `dockwright build` that did not build everything ends (the summary is printed before). */
import { DockwrightError } from '../errors/dockwright-error.js';

/** Some image failed (its dependents were skipped). Exit 1. */
export class BuildFailedError extends DockwrightError {
  readonly code = 'DW_BUILD_FAILED';
  readonly exitCode = 1 as const;
  constructor(readonly failed: readonly string[]) {
    super(`${failed.length} image${failed.length === 1 ? '' : 's'} failed to build: ${failed.join(', ')}`);
  }
}

/** SIGINT/SIGTERM stopped the run; every docker process it started has been stopped. Exit 130. */
export class BuildInterruptedError extends DockwrightError {
  readonly code = 'DW_INTERRUPTED';
  readonly exitCode = 130 as const;
  constructor(readonly finished: readonly string[]) {
    super(`interrupted; finished before that: ${finished.length > 0 ? finished.join(', ') : 'none'}`);
  }
}

/** Parents that are not built by this run (`--no-deps`, `--skip`) and exist neither locally nor in a registry. Exit 2. */
export class MissingImagesError extends DockwrightError {
  readonly code = 'DW_MISSING_IMAGES';
  readonly exitCode = 2 as const;
  constructor(readonly missing: readonly { readonly id: string; readonly ref: string }[]) {
    super(
      `these images are needed but not built by this run, and exist neither locally nor in their registry:\n` +
        `${missing.map((m) => `  ${m.id} (${m.ref})`).join('\n')}\nbuild them too (leave out --no-deps / --skip) or push them first`,
    );
  }
}
