/**
 * Is there an engine? Asked once, before a command that needs one does any work, so that a missing
 * engine is one message naming where docker looked — not a build that "failed" twice, or images
 * "not in the local store". The local socket answers `/_ping` without a process; otherwise (or when
 * it does not answer) `docker version` asks the server, and its error says why.
 */
import { EngineUnreachableError } from '../errors/engine-error.js';
import { dockerRun, type Engine, type EngineConnection } from './engine.js';

const lastLine = (text: string): string =>
  text
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1) ?? '';

/** Where docker looks, in the words a user sets it with. */
async function targetOf(e: Engine, connection: EngineConnection): Promise<string> {
  const host = e.env?.DOCKER_HOST;
  if (host) return `DOCKER_HOST=${host}`;
  const named = connection.context ?? e.env?.DOCKER_CONTEXT;
  const r = await dockerRun(e, ['context', 'inspect', '--format', '{{.Name}} {{.Endpoints.docker.Host}}', ...(named ? [named] : [])]);
  const [name, endpoint] = r.exitCode === 0 ? r.stdout.trim().split(' ') : [];
  const how = connection.context
    ? `--context ${connection.context}`
    : e.env?.DOCKER_CONTEXT
      ? `DOCKER_CONTEXT=${named}`
      : "docker's current context";
  return name ? `${how} ("${name}", ${endpoint ?? 'no docker endpoint'})` : how;
}

/** Throws {@link EngineUnreachableError} unless the engine answers. */
export async function requireEngine(e: Engine, connection: EngineConnection = {}): Promise<void> {
  if ((await e.api?.ping?.()) === true) return;
  const r = await dockerRun(e, ['version', '--format', '{{.Server.Version}}']);
  if (r.exitCode === 0) return;
  throw new EngineUnreachableError(await targetOf(e, connection), lastLine(r.stderr) || lastLine(r.stdout));
}
