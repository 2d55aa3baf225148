/**
 * Which buildx builder a `docker buildx …` call would use, read from buildx's store the way buildx
 * reads it (`$DOCKER_CONFIG/buildx/`): `current` is `{"Key": endpoint, "Name": builder, "Global":
 * bool}` and an empty Name means "the endpoint's own builder"; `defaults/<hash of endpoint>` names
 * a builder chosen with `docker buildx use --default`. The endpoint's own builder (called after
 * its context, `default`) always has the `docker` driver.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dockerConfigDir } from './docker-config.js';

type Env = Readonly<Record<string, string | undefined>>;

const isMissing = (err: unknown): boolean => (err as NodeJS.ErrnoException).code === 'ENOENT';

/** No builder chosen in `current` (absent, or an empty Name); false when unreadable. */
function noCurrentBuilder(dir: string): boolean {
  try {
    const current = JSON.parse(readFileSync(join(dir, 'current'), 'utf8')) as { Name?: unknown };
    return current.Name === undefined || current.Name === '';
  } catch (err) {
    return isMissing(err);
  }
}

/** No default builder set for any endpoint (`defaults/` empty or absent); false when unreadable. */
function noDefaults(dir: string): boolean {
  try {
    return readdirSync(join(dir, 'defaults')).length === 0;
  } catch (err) {
    return isMissing(err);
  }
}

/**
 * Is it certain that buildx uses the endpoint's own builder (the `docker` driver)? Only with no
 * `--builder`, no `BUILDX_BUILDER`, no `BUILDX_CONFIG` (another store), docker's default context
 * (`localContext`: the engine API's own test, engine-api.ts), and a store that chooses no builder.
 */
export function usesEndpointBuilder(env: Env, localContext: boolean, builder?: string): boolean {
  if (!localContext || builder || env.BUILDX_BUILDER || env.BUILDX_CONFIG) return false;
  const dir = join(dockerConfigDir(env), 'buildx');
  return noCurrentBuilder(dir) && noDefaults(dir);
}
