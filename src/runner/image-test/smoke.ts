/** A smoke command: `docker run --rm [--entrypoint E] IMAGE argv…` must exit 0 and print what is expected. */
import type { TestSpec } from '../../model/test-spec.js';
import type { Engine } from '../../engine/engine.js';
import { fail, pass, type Check } from './check.js';
import { containerName, envArgs, removeContainer } from './container.js';
import { dockerRun } from '../../engine/engine.js';
import { matchesExpectation, outputTail } from './expect-output.js';

export type Smoke = TestSpec['smoke'][number];

export const smokeName = (s: Smoke): string => `smoke: ${[...(s.entrypoint ? [s.entrypoint] : []), ...s.argv].join(' ')}`;

export async function runSmoke(
  t: Engine,
  ref: string,
  dir: string,
  smoke: Smoke,
  env: Readonly<Record<string, string>>,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Check> {
  const name = containerName(dir);
  const what = smokeName(smoke);
  const timeout = AbortSignal.timeout(timeoutMs);
  const stop = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const r = await dockerRun(
      t,
      ['run', '--rm', '--name', name, ...envArgs(env), ...(smoke.entrypoint ? ['--entrypoint', smoke.entrypoint] : []), ref, ...smoke.argv],
      { env: { ...env }, signal: stop },
    );
    const output = `${r.stdout}\n${r.stderr}`;
    if (timeout.aborted) return fail(what, `did not finish within ${timeoutMs / 1000}s`);
    if (signal?.aborted) return fail(what, 'interrupted');
    if (r.exitCode !== 0) return fail(what, `exited with ${r.exitCode}: ${outputTail(output)}`);
    if (smoke.expect !== undefined && !matchesExpectation(output, smoke.expect)) {
      return fail(
        what,
        `output does not ${smoke.expect.startsWith('/') ? 'match' : 'contain'} ${JSON.stringify(smoke.expect)}: ${outputTail(output)}`,
      );
    }
    return pass(what, smoke.expect !== undefined ? `output has ${JSON.stringify(smoke.expect)}` : 'exit 0');
  } finally {
    await removeContainer(t, name);
  }
}
