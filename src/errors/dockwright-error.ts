import type { ErrorCode } from './error-code.js';

const BRAND = Symbol.for('dockwright.error');

/**
 * Every error dockwright raises on purpose has a stable `code` and the exit code the CLI uses.
 * `instanceof` goes by a process-wide brand, not by class identity: the fast path's bundles
 * (dist/bundle/fast.js, fast-run.js) each carry their own copy of these classes.
 */
export abstract class DockwrightError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== DockwrightError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
  readonly [BRAND] = true;
  abstract readonly code: ErrorCode;
  /** 2: bad input (nothing written or built); 1: a run that failed (a build, a push, drift). */
  abstract readonly exitCode: 1 | 2 | 130;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
