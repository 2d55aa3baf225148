/** How a `dockwright build` that did not build everything ends (the summary is printed before). */
import { DockwrightError } from '../errors/dockwright-error.js';
import { formatFailures, formatSummary } from './progress/summary.js';
import type { BuildReport } from './run-build.js';

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

interface Writable {
  write(text: string): void;
}

/**
 * How every run of the build ends, full or fast path: the summary table, the failing images' last
 * log lines, and the interrupt error (exit 130) when the run was stopped.
 */
export function reportBuild(report: BuildReport, out: { summary: Writable; errors: Writable }, root: string): void {
  out.summary.write(formatSummary(report.results));
  const failures = formatFailures(report.results, root);
  if (failures) out.errors.write(`\n${failures}`);
  if (report.interrupted)
    throw new BuildInterruptedError(report.results.filter((r) => r.status === 'built' || r.status === 'up-to-date').map((r) => r.id));
}

/** Exit 1 when an image failed; called after whatever the run still does on success (pushing). */
export function throwIfFailed(report: BuildReport): void {
  if (!report.ok) throw new BuildFailedError(report.results.filter((r) => r.status === 'failed').map((r) => r.id));
}

/** SIGINT/SIGTERM ended `dockwright watch` (its running build and tests stopped, their containers removed). Exit 130. */
export class WatchStoppedError extends DockwrightError {
  readonly code = 'DW_INTERRUPTED';
  readonly exitCode = 130 as const;
  constructor() {
    super('watch stopped');
  }
}
