/**
 * Read-only questions to the local engine through its HTTP API on its unix socket, without
 * starting a docker process (each `docker image inspect` costs a process start, ~20–60 ms on
 * these machines: the no-op and one-image builds ask two of them).
 *
 * Only when docker itself would talk to that socket: no `--context`, no `DOCKER_CONTEXT`, no
 * current context in docker's config other than `default`, and `DOCKER_HOST` unset or `unix://…`.
 * Anything else (a remote engine, TLS, ssh) goes through the docker CLI, as does every answer the
 * API cannot give (the socket refuses, an unexpected status): callers fall back to the CLI when a
 * method resolves to undefined.
 */
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { readDockerConfig } from './docker-config.js';
import { getRequest, parseReply, type Reply } from './http-reply.js';
import { imageContent, type InheritedConfig } from './image-content.js';

/** What the engine says of a local image (as `docker image inspect`). */
export interface ImageInfo {
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly size: number;
  /** Its layers (diff ids), bottom first. */
  readonly layers: readonly string[];
  /** What it is whichever engine holds it (image-content.ts): layers and inherited config. */
  readonly content: string;
}

export interface EngineApi {
  /** Each ref found in the local store; undefined when the API could not answer (use the CLI). */
  images(refs: readonly string[]): Promise<Map<string, ImageInfo> | undefined>;
  /** True when the engine answers `/_ping`; false (or absent) sends the question to the CLI. */
  ping?(): Promise<boolean>;
  /** `DriverStatus` of `GET /info` (as `docker info`); undefined when the API could not answer. */
  driverStatus?(): Promise<readonly (readonly [string, string])[] | undefined>;
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

/** The socket docker would use with this environment and these global options; undefined when it is not a local socket. */
export function localSocket(env: Readonly<Record<string, string | undefined>>, globalArgs: readonly string[] = []): string | undefined {
  if (globalArgs.length > 0) return undefined;
  if (env.DOCKER_CONTEXT && env.DOCKER_CONTEXT !== 'default') return undefined;
  const host = env.DOCKER_HOST;
  if (host !== undefined && host !== '') return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
  // no config, or one that cannot be read: the default context
  const current = readDockerConfig(env)?.currentContext;
  if (current && current !== 'default') return undefined;
  return existsSync(DEFAULT_SOCKET) ? DEFAULT_SOCKET : undefined;
}

/** `GET path` on the socket, one connection per question (http-reply.ts: why not node:http). */
function get(socketPath: string, path: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    // written, not ended: a half-closed connection reads to Go's server as a client gone
    const socket = createConnection(socketPath, () => socket.write(getRequest(path)));
    socket.setTimeout(5_000, () => socket.destroy(new Error('engine API timed out')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const reply = parseReply(Buffer.concat(chunks));
      if (reply) resolve(reply);
      else reject(new Error(`engine API: no complete reply to GET ${path}`));
    });
  });
}

/** The engine API on `socketPath`. */
export function engineApi(socketPath: string): EngineApi {
  return {
    async ping() {
      try {
        return (await get(socketPath, '/_ping')).status === 200;
      } catch {
        return false;
      }
    },
    async driverStatus() {
      try {
        const reply = await get(socketPath, '/info');
        if (reply.status !== 200) return undefined;
        const status = (JSON.parse(reply.body) as { DriverStatus?: [string, string][] | null }).DriverStatus;
        return Array.isArray(status) ? status : status === null ? [] : undefined;
      } catch {
        return undefined;
      }
    },
    async images(refs) {
      try {
        const replies = await Promise.all(
          [...new Set(refs)].map(
            async (ref) => [ref, await get(socketPath, `/images/${encodeURI(ref).replace(/[?#]/g, encodeURIComponent)}/json`)] as const,
          ),
        );
        const found = new Map<string, ImageInfo>();
        for (const [ref, reply] of replies) {
          if (reply.status === 404) continue;
          if (reply.status !== 200) return undefined;
          const image = JSON.parse(reply.body) as {
            Id?: string;
            Size?: number;
            Config?: InheritedConfig | null;
            RootFS?: { Layers?: string[] | null };
          };
          found.set(ref, {
            id: image.Id ?? '',
            labels: image.Config?.Labels ?? {},
            size: image.Size ?? 0,
            layers: image.RootFS?.Layers ?? [],
            content: imageContent(image.Id ?? '', image.RootFS?.Layers ?? [], image.Config),
          });
        }
        return found;
      } catch {
        return undefined;
      }
    },
  };
}

/** The API when docker would use a local socket with this environment and options, else undefined. */
export function defaultEngineApi(
  env: Readonly<Record<string, string | undefined>>,
  globalArgs: readonly string[] = [],
): EngineApi | undefined {
  const socket = localSocket(env, globalArgs);
  return socket === undefined ? undefined : engineApi(socket);
}
