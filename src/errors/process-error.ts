import { DockwrightError } from './dockwright-error.js';
import type { ErrorCode } from './error-code.js';

/** A subprocess (docker, a prerequisite command) that failed. Never holds secret values. */
export class ProcessError extends DockwrightError {
  readonly code: ErrorCode = 'DW_PROCESS_FAILED';
  readonly exitCode = 1 as const;
  constructor(
    readonly command: readonly string[],
    readonly processExitCode: number | undefined,
    readonly stderr: string,
    message?: string,
  ) {
    super(
      message ??
        `${command.join(' ')} exited with ${processExitCode ?? 'a signal'}${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' / ')}` : ''}`,
    );
  }
}

/** Generated files differ from what the definitions produce (`gen --check`). */
export class DriftError extends DockwrightError {
  readonly code = 'DW_DRIFT';
  readonly exitCode = 1 as const;
  constructor(readonly files: readonly string[]) {
    super(`generated files are out of date (run \`dockwright gen\`):\n${files.map((f) => `  ${f}`).join('\n')}`);
  }
}
