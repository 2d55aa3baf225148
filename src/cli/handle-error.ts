/** The one place errors become messages and exit codes. */
import { CommanderError } from 'commander';
import { DockwrightError } from '../errors/dockwright-error.js';
import type { CliContext } from './context.js';

/** Writes what went wrong to stderr and returns the exit code. */
export function handleError(err: unknown, ctx: CliContext): number {
  if (err instanceof CommanderError) {
    // commander has already written its message (or the help) through the context's streams
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof DockwrightError) {
    ctx.stderr.write(`error: ${err.message}\n`);
    return ctx.signal?.aborted ? 130 : err.exitCode;
  }
  if (ctx.signal?.aborted) {
    ctx.stderr.write('interrupted\n');
    return 130;
  }
  const message = err instanceof Error ? err.message : String(err);
  const stack = err instanceof Error && err.stack ? `${err.stack}\n` : '';
  ctx.stderr.write(`error: ${message}\nthis is a bug in dockwright; please report it with the details below.\n${stack}`);
  return 1;
}
