/**
 * The containers `dockwright test` starts: all named `dw-test-…`, all removed with `docker rm -f`
 * by whoever started them, pass, fail or abort. Values of the test's environment reach docker
 * through its own environment (`-e NAME`), never on argv.
 */
import { randomBytes } from 'node:crypto';
import { dockerRun, type Engine } from '../../engine/engine.js';

export const CONTAINER_PREFIX = 'dw-test-';

export const containerName = (dir: string): string =>
  `${CONTAINER_PREFIX}${dir.replace(/[^a-zA-Z0-9_.-]/g, '-')}-${randomBytes(4).toString('hex')}`;

/** `-e NAME` for each variable; the values go in the returned environment. */
export const envArgs = (env: Readonly<Record<string, string>>): string[] => Object.keys(env).flatMap((k) => ['-e', k]);

/** Removes a container whatever state it is in (no signal: it must run also after an abort). */
export async function removeContainer(t: Engine, name: string): Promise<void> {
  await dockerRun(t, ['rm', '-f', '--volumes', name]);
}

export interface ContainerState {
  readonly status: string;
  /** `healthy`, `unhealthy`, `starting`, or '' without a healthcheck. */
  readonly health: string;
  readonly exitCode: number;
}

export async function inspectState(t: Engine, name: string): Promise<ContainerState | undefined> {
  const r = await dockerRun(t, [
    'inspect',
    '--format',
    '{{.State.Status}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}|{{.State.ExitCode}}',
    name,
  ]);
  if (r.exitCode !== 0) return undefined;
  const [status = '', health = '', code = '0'] = r.stdout.trim().split('|');
  return { status, health, exitCode: Number(code) };
}

/** The output of the last health probe (what the HEALTHCHECK command printed). */
export async function lastHealthOutput(t: Engine, name: string): Promise<string> {
  const r = await dockerRun(t, ['inspect', '--format', '{{json .State.Health.Log}}', name]);
  try {
    const log = JSON.parse(r.stdout) as { ExitCode?: number; Output?: string }[] | null;
    const last = log?.at(-1);
    return last ? `exit ${last.ExitCode ?? '?'}: ${(last.Output ?? '').trim() || '(no output)'}` : '(no health probe ran)';
  } catch {
    return '(no health log)';
  }
}

export async function containerLogs(t: Engine, name: string): Promise<string> {
  const r = await dockerRun(t, ['logs', '--tail', '20', name]);
  return `${r.stdout}\n${r.stderr}`.trim();
}

/** True when the image declares a HEALTHCHECK (its own or inherited) that is not `NONE`. */
export async function imageHasHealthcheck(t: Engine, ref: string): Promise<boolean> {
  const r = await dockerRun(t, ['image', 'inspect', '--format', '{{json .Config.Healthcheck}}', ref]);
  try {
    const hc = JSON.parse(r.stdout) as { Test?: string[] } | null;
    return Array.isArray(hc?.Test) && hc.Test.length > 0 && hc.Test[0] !== 'NONE';
  } catch {
    return false;
  }
}

/** The loopback address docker published a container port on (`127.0.0.1:49153`). */
export async function publishedAddress(t: Engine, name: string, port: number): Promise<string | undefined> {
  const r = await dockerRun(t, ['port', name, `${port}/tcp`]);
  return r.stdout
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith('127.0.0.1:'));
}
