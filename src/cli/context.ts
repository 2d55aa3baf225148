/**
 * What every command receives instead of reaching for globals, so commands run in-process in
 * tests: the working directory, the environment, output streams, and the subprocess seam.
 */
import type { Output } from '../runner/progress/output.js';

export type { Output };

export interface CliContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: Output;
  readonly stderr: Output;
  /** Aborted on SIGINT/SIGTERM; long-running commands stop their work when it fires. */
  readonly signal?: AbortSignal;
}

export const processContext = (signal?: AbortSignal): CliContext => ({
  cwd: process.cwd(),
  env: process.env,
  stdout: { write: (t) => void process.stdout.write(t), isTTY: process.stdout.isTTY === true },
  stderr: { write: (t) => void process.stderr.write(t), isTTY: process.stderr.isTTY === true },
  ...(signal ? { signal } : {}),
});
