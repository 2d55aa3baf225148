/**
 * `dockwright test` for one image reference, from the image's `test` spec:
 * 1. the container starts (`docker run -d --name dw-test-… [-p 127.0.0.1::PORT] REF …args`);
 * 2. when it has a HEALTHCHECK (or `healthy: true`), it turns `healthy` within `timeout`;
 * 3. every smoke command exits 0 and prints what it expects;
 * 4. the HTTP probe answers on the published loopback port.
 * The container is removed afterwards, whatever happened (also on abort).
 */
import type { TestSpec } from '../../model/test-spec.js';
import type { Engine } from '../../engine/engine.js';
import { fail, pass, pause, type Check } from './check.js';
import { containerLogs, containerName, envArgs, imageHasHealthcheck, inspectState, removeContainer } from './container.js';
import { dockerRun } from '../../engine/engine.js';
import { durationMs } from './duration.js';
import { outputTail } from './expect-output.js';
import { probeHttp } from './http-probe.js';
import { runSmoke } from './smoke.js';
import { waitHealthy } from './wait-healthy.js';

export interface TestTarget extends Engine {
  readonly signal?: AbortSignal;
  /** Progress lines (`app: healthy after 2.1s`). */
  readonly log?: (line: string) => void;
}

/** How long a container without healthcheck or probe must stay up to count as started. */
const SETTLE_MS = 1_000;

async function startCheck(t: TestTarget, name: string, http: boolean): Promise<Check> {
  await pause(SETTLE_MS, t.signal);
  const state = await inspectState(t, name);
  if (!state) return fail('starts', 'the container is gone');
  if (state.status === 'running') return pass('starts', 'running');
  // a one-shot image (a CLI tool) may finish at once; that is a start unless something needs it up
  if (state.status === 'exited' && state.exitCode === 0 && !http) return pass('starts', 'ran and exited 0');
  return fail('starts', `${state.status} with exit code ${state.exitCode}: ${outputTail(await containerLogs(t, name))}`);
}

export async function testImage(ref: string, dir: string, spec: TestSpec, t: TestTarget): Promise<Check[]> {
  const checks: Check[] = [];
  const record = (c: Check): boolean => {
    checks.push(c);
    t.log?.(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.detail ? `: ${c.detail}` : ''}`);
    return c.ok;
  };
  const timeoutMs = durationMs(spec.timeout);
  const wantHealthy = spec.healthy ?? (await imageHasHealthcheck(t, ref));
  const name = containerName(dir);
  try {
    const started = await dockerRun(
      t,
      ['run', '-d', '--name', name, ...envArgs(spec.env), ...(spec.http ? ['-p', `127.0.0.1::${spec.http.port}`] : []), ref, ...spec.args],
      { env: { ...spec.env }, ...(t.signal ? { signal: t.signal } : {}) },
    );
    if (started.exitCode !== 0) {
      record(fail('starts', `docker run failed (exit ${started.exitCode}): ${outputTail(started.stderr)}`));
      return checks;
    }
    const deadline = Date.now() + timeoutMs;
    if (wantHealthy) {
      if (!record(await waitHealthy(t, name, timeoutMs, t.signal))) return checks;
    } else if (!record(await startCheck(t, name, spec.http !== undefined))) {
      return checks;
    }
    for (const smoke of spec.smoke) {
      if (t.signal?.aborted) break;
      record(await runSmoke(t, ref, dir, smoke, spec.env, timeoutMs, t.signal));
    }
    if (spec.http && !t.signal?.aborted) record(await probeHttp(t, name, spec.http, Math.max(deadline, Date.now() + 5_000), t.signal));
    if (t.signal?.aborted) record(fail('interrupted', 'the run was stopped'));
    return checks;
  } finally {
    await removeContainer(t, name);
  }
}
