/**
 * `docker buildx …` is the docker CLI starting its buildx plugin: the CLI first asks the plugin
 * for its metadata (one more process) and then runs it, ~50 ms per call on these machines before
 * any work. buildx also runs standalone (`docker-buildx build …`, the same binary, reading the same
 * docker config, contexts and `DOCKER_HOST`), so the real seam runs the plugin itself when it can
 * find the one docker would pick: in docker's plugin folders, in docker's order, and only when the
 * docker config names no extra plugin folders and no global docker options come first.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dockerConfigDir, readDockerConfig } from './docker-config.js';

/** Where the docker CLI looks for plugins on Linux, after the user's own folder. */
const SYSTEM_DIRS = [
  '/usr/local/lib/docker/cli-plugins',
  '/usr/local/libexec/docker/cli-plugins',
  '/usr/lib/docker/cli-plugins',
  '/usr/libexec/docker/cli-plugins',
];

const found = new Map<string, string | undefined>();

/** The buildx plugin docker would run with this environment; undefined when that is not certain. */
export function buildxPlugin(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const configDir = dockerConfigDir(env);
  const known = found.get(configDir);
  if (known !== undefined || found.has(configDir)) return known;
  const config = readDockerConfig(env);
  const plugin =
    config !== undefined && config.cliPluginsExtraDirs === undefined
      ? [join(configDir, 'cli-plugins'), ...SYSTEM_DIRS].map((d) => join(d, 'docker-buildx')).find((p) => existsSync(p))
      : undefined;
  found.set(configDir, plugin);
  return plugin;
}

/** The binary and argv that run `docker <argv>`: the buildx plugin itself for `buildx …` when it can be found. */
export function direct(
  binary: string,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { file: string; args: readonly string[] } {
  if (binary !== 'docker' || argv[0] !== 'buildx' || argv.length < 2) return { file: binary, args: argv };
  const plugin = buildxPlugin(env);
  return plugin ? { file: plugin, args: argv.slice(1) } : { file: binary, args: argv };
}
