/** Runs the CLI in-process with captured output. */
import type { CliContext } from '../../../../src/cli/context.js';
import { main } from '../../../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function captureContext(
  cwd: string,
  env: Record<string, string | undefined> = {},
): { ctx: CliContext; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const ctx: CliContext = { cwd, env, stdout: { write: (t) => void (out += t) }, stderr: { write: (t) => void (err += t) } };
  return { ctx, out: () => out, err: () => err };
}

export async function runCli(argv: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const { ctx, out, err } = captureContext(cwd, env);
  const code = await main(argv, ctx);
  return { code, stdout: out(), stderr: err() };
}
