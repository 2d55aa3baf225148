/** Questions asked of the docker engine before and after builds, through the {@link DockerExec} seam. */
import type { EngineInfo } from '../plan/build-argv.js';
import type { DockerExec } from './docker-exec.js';
import type { EngineApi } from './engine-api.js';

/** What a run needs to reach the right engine: docker's global options and the environment. */
export interface DockerTarget {
  readonly docker: DockerExec;
  /** Before every subcommand (`--context NAME`). */
  readonly globalArgs?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Read-only queries through the engine's API, when it is the local socket (engine-api.ts); else the CLI. */
  readonly api?: EngineApi;
}

/**
 * What every build runs with unless the environment says otherwise: buildx looks up git
 * information for each image it builds (a few `git` runs per image, one after the other, before
 * the build starts) to put into provenance; dockwright labels the revision and source itself.
 */
export const BUILD_ENV: Readonly<Record<string, string>> = { BUILDX_GIT_INFO: '0' };

const run = (t: DockerTarget, args: readonly string[]) =>
  t.docker.run([...(t.globalArgs ?? []), ...args], { ...(t.env ? { env: t.env } : {}) });

/** `docker buildx version` answers: the client has buildx (a client-side check; no daemon needed). */
export async function probeEngine(t: DockerTarget): Promise<EngineInfo> {
  return { buildx: (await run(t, ['buildx', 'version'])).exitCode === 0 };
}

/** Bytes of a local image, or undefined when it is not in the local store. */
export async function imageSize(t: DockerTarget, ref: string): Promise<number | undefined> {
  const viaApi = await t.api?.images([ref]);
  if (viaApi) return viaApi.get(ref)?.size;
  const r = await run(t, ['image', 'inspect', '--format', '{{.Size}}', ref]);
  const n = Number(r.stdout.trim());
  return r.exitCode === 0 && r.stdout.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

/** Where an image that must already exist was found. */
export type Presence = 'local' | 'registry' | 'missing';

/** In the local store (the engine API, else `docker image inspect`), else in its registry (`docker manifest inspect`). */
export async function findImage(t: DockerTarget, ref: string): Promise<Presence> {
  const viaApi = await t.api?.images([ref]);
  if (viaApi ? viaApi.has(ref) : (await run(t, ['image', 'inspect', '--format', '{{.Id}}', ref])).exitCode === 0) return 'local';
  if ((await run(t, ['manifest', 'inspect', ref])).exitCode === 0) return 'registry';
  return 'missing';
}
