/**
 * The engine port: how dockwright reaches one docker engine, and the questions it asks of it.
 * Everything that talks to docker holds an {@link Engine} and calls {@link dockerRun} (or one of
 * the questions below, which use the engine's API on its local socket when there is one and the
 * docker CLI otherwise). The only subprocess seam is `Engine.docker` ({@link DockerExec}); unit
 * tests give a fake one (test/unit/support/fake-docker.ts).
 */
import type { DockerExec, DockerResult, DockerRunOptions } from './docker-exec.js';
import { createDockerExec } from './docker-exec.js';
import { buildxPlugin } from './buildx-plugin.js';
import { defaultEngineApi, type EngineApi } from './engine-api.js';
import type { RegistryApi } from './registry-labels.js';
import { usesEndpointBuilder } from './buildx-builder.js';
import type { EngineInfo, ImageStore } from '../plan/image-build.js';
import { waitedOn } from '../timing.js';

/** One engine connection: the docker CLI seam, docker's global options and environment, the API when local. */
export interface Engine {
  readonly docker: DockerExec;
  /** Before every subcommand (`--context NAME`). */
  readonly globalArgs?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Read-only queries through the engine's API, when it is the local socket (engine-api.ts); else the CLI. */
  readonly api?: EngineApi;
  /** Image labels through registries' HTTP API (registry-labels.ts), with the real docker CLI only; else `imagetools`. */
  readonly registry?: RegistryApi;
}

/** How to reach the engine: docker's `--context NAME` (DOCKER_HOST and DOCKER_CONTEXT come from `env`). */
export interface EngineConnection {
  readonly context?: string;
}

/**
 * The registry API for this environment (registry-labels.ts), loaded on its first question: only
 * `--push` runs ask one, and its code (sessions, credentials) stays off the no-op's path.
 */
function registryApi(env: Readonly<Record<string, string | undefined>>): RegistryApi {
  let api: Promise<RegistryApi> | undefined;
  return {
    labels: async (ref) => (await (api ??= import('./registry-labels.js').then((m) => m.registryApi(env)))).labels(ref),
  };
}

/** docker's global options (before the subcommand) every docker call of a run must carry. */
export const dockerGlobalArgs = (c: EngineConnection): string[] => (c.context ? ['--context', c.context] : []);

/** The variables of an environment that are set: what docker runs with (DOCKER_HOST, DOCKER_CONFIG, … reach it from there). */
export const definedEnv = (env: Readonly<Record<string, string | undefined>>): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));

/**
 * The engine a command works with. `docker`: the seam tests fill with a fake; by default the real
 * docker CLI, and then read-only questions may go to the engine's API instead (no process start).
 */
export function connectEngine(
  env: Readonly<Record<string, string | undefined>>,
  connection: EngineConnection,
  docker?: DockerExec,
): Engine {
  const globalArgs = dockerGlobalArgs(connection);
  const defined = definedEnv(env);
  const api = docker === undefined ? defaultEngineApi(defined, globalArgs) : undefined;
  const registry = docker === undefined ? registryApi(defined) : undefined;
  return { docker: docker ?? createDockerExec(), globalArgs, env: defined, ...(api ? { api } : {}), ...(registry ? { registry } : {}) };
}

/**
 * The same connection moved to another engine (one of the `engines` setting): `env` added to its
 * environment (`DOCKER_HOST`, which then wins over a DOCKER_CONTEXT of the run's environment),
 * docker's global options those of `connection`; the API again when the run has one.
 */
export function reconnect(e: Engine, env: Readonly<Record<string, string>>, connection: EngineConnection): Engine {
  const globalArgs = dockerGlobalArgs(connection);
  const { DOCKER_CONTEXT: _ctx, ...rest } = e.env ?? {};
  const merged = env.DOCKER_HOST ? { ...rest, ...env } : { ...e.env, ...env };
  const api = e.api ? defaultEngineApi(merged, globalArgs) : undefined;
  const registry = e.registry ? registryApi(merged) : undefined;
  return { docker: e.docker, globalArgs, env: merged, ...(api ? { api } : {}), ...(registry ? { registry } : {}) };
}

/**
 * What every build runs with unless the environment says otherwise: buildx looks up git
 * information for each image it builds (a few `git` runs per image, one after the other, before
 * the build starts) to put into provenance; dockwright labels the revision and source itself.
 */
export const BUILD_ENV: Readonly<Record<string, string>> = { BUILDX_GIT_INFO: '0' };

/** `docker [global options] …args` on this engine; `opts.env` is added to the engine's environment. */
export const dockerRun = (e: Engine, args: readonly string[], opts: DockerRunOptions = {}): Promise<DockerResult> =>
  waitedOn(
    `process: docker ${args.slice(0, 2).join(' ')}`,
    e.docker.run([...(e.globalArgs ?? []), ...args], { ...opts, ...(e.env || opts.env ? { env: { ...e.env, ...opts.env } } : {}) }),
  );

/** The containerd image store shows in `docker info` as driver-type `io.containerd.snapshotter.v1`. */
const storeOfPairs = (pairs: readonly (readonly [string, string])[]): ImageStore =>
  pairs.some(([k, v]) => k === 'driver-type' && v === 'io.containerd.snapshotter.v1') ? 'containerd' : 'classic';

/** The image store from `docker info --format '{{json .DriverStatus}}'`. */
export const storeOf = (driverStatus: string): ImageStore | undefined => {
  try {
    return storeOfPairs((JSON.parse(driverStatus) as [string, string][] | null) ?? []);
  } catch {
    return undefined;
  }
};

/** `Driver: docker-container` of `docker buildx inspect`. */
export const driverOf = (inspect: string): string | undefined => /^Driver:\s+(\S+)/m.exec(inspect)?.[1];

/**
 * Does the client have buildx (a client-side check; no daemon needed)? With the real docker CLI
 * and no global options, the plugin file docker would run answers without a process (the seam runs
 * that very file for every `buildx …`, buildx-plugin.ts); otherwise `docker buildx version` must.
 */
export async function probeEngine(e: Engine): Promise<EngineInfo> {
  if (e.api !== undefined && (e.globalArgs ?? []).length === 0 && buildxPlugin(e.env ?? {}) !== undefined) return { buildx: true };
  return { buildx: (await dockerRun(e, ['buildx', 'version'])).exitCode === 0 };
}

async function storeFromCli(e: Engine): Promise<ImageStore | undefined> {
  const info = await dockerRun(e, ['info', '--format', '{{json .DriverStatus}}']);
  return info.exitCode === 0 ? storeOf(info.stdout.trim()) : undefined;
}

/** The image store: `GET /info` on the engine's socket, else `docker info` (started at once: no API, no wait). */
function probeImageStore(e: Engine): Promise<ImageStore | undefined> {
  const viaApi = e.api?.driverStatus?.();
  if (viaApi === undefined) return storeFromCli(e);
  return viaApi.then((pairs) => (pairs !== undefined ? storeOfPairs(pairs) : storeFromCli(e)));
}

/** The builder's driver: `docker` when buildx certainly uses the endpoint's own builder (buildx-builder.ts), else `docker buildx inspect`. */
async function probeDriver(e: Engine, builder?: string): Promise<string | undefined> {
  const local = e.api !== undefined && (e.globalArgs ?? []).length === 0;
  if (usesEndpointBuilder(e.env ?? {}, local, builder)) return 'docker';
  const inspect = await dockerRun(e, ['buildx', 'inspect', ...(builder ? [builder] : [])]);
  return inspect.exitCode === 0 ? driverOf(inspect.stdout) : undefined;
}

/**
 * The engine's image store and the driver of the builder (`[builder]`): asked only when a plan
 * needs them (several platforms, a registry cache), so that a plan the engine cannot build says
 * what to change. Without a process where the answer is certain (the engine API, buildx's store);
 * else `docker info` and `docker buildx inspect`. An answer docker does not give stays unknown.
 */
export async function probeStore(e: Engine, builder?: string): Promise<Pick<EngineInfo, 'store' | 'driver'>> {
  const [store, driver] = await Promise.all([probeImageStore(e), probeDriver(e, builder)]);
  return { ...(store ? { store } : {}), ...(driver ? { driver } : {}) };
}
