/**
 * Polls a container until its HEALTHCHECK says `healthy`. Fails at once when it turns `unhealthy`
 * or exits (with the last probe's output, or the container's log), or when `timeoutMs` passes.
 */
import type { Engine } from '../../engine/engine.js';
import { fail, pass, pause, type Check } from './check.js';
import { containerLogs, inspectState, lastHealthOutput } from './container.js';
import { outputTail } from './expect-output.js';

export const POLL_MS = 250;

export async function waitHealthy(t: Engine, name: string, timeoutMs: number, signal?: AbortSignal): Promise<Check> {
  const started = Date.now();
  let last = 'unknown';
  while (!signal?.aborted) {
    const state = await inspectState(t, name);
    if (!state) return fail('healthy', 'the container is gone');
    if (state.status === 'exited' || state.status === 'dead') {
      return fail(
        'healthy',
        `the container exited with ${state.exitCode} before it was healthy: ${outputTail(await containerLogs(t, name))}`,
      );
    }
    if (state.health === 'healthy') return pass('healthy', `after ${((Date.now() - started) / 1000).toFixed(1)}s`);
    if (state.health === 'unhealthy') return fail('healthy', `unhealthy; last health check: ${await lastHealthOutput(t, name)}`);
    last = state.health || state.status;
    if (Date.now() - started > timeoutMs) {
      return fail(
        'healthy',
        `not healthy after ${timeoutMs / 1000}s (still ${last}); last health check: ${await lastHealthOutput(t, name)}`,
      );
    }
    await pause(POLL_MS, signal);
  }
  return fail('healthy', 'interrupted');
}
