import type { ErrorCode } from './error-code.js';

/** Every error dockwright raises on purpose has a stable `code` and the exit code the CLI uses. */
export abstract class DockwrightError extends Error {
  abstract readonly code: ErrorCode;
  /** 2: bad input (nothing written or built); 1: a run that failed (a build, a push, drift). */
  abstract readonly exitCode: 1 | 2 | 130;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
