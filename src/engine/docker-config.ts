/**
 * docker's client config (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`), read the
 * way the docker CLI and buildx find it: the folder also holds buildx's builder store (`buildx/`).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The part of docker's config.json dockwright reads. */
export interface DockerConfig {
  readonly currentContext?: string;
  readonly credsStore?: string;
  readonly credHelpers?: Readonly<Record<string, string>>;
  readonly auths?: Readonly<Record<string, DockerAuth>>;
  readonly cliPluginsExtraDirs?: unknown;
}

/** One `auths` entry: `auth` is base64 of `user:password`; an identity token is an OAuth refresh token. */
export interface DockerAuth {
  readonly auth?: string;
  readonly username?: string;
  readonly password?: string;
  readonly identitytoken?: string;
  readonly registrytoken?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The folder docker's client config lives in. */
export const dockerConfigDir = (env: Env): string => env.DOCKER_CONFIG ?? join(env.HOME ?? homedir(), '.docker');

/** The config: `{}` when there is none, undefined when it cannot be read (then nothing about it is certain). */
export function readDockerConfig(env: Env): DockerConfig | undefined {
  let text: string;
  try {
    text = readFileSync(join(dockerConfigDir(env), 'config.json'), 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? {} : undefined;
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as DockerConfig) : undefined;
  } catch {
    return undefined;
  }
}
