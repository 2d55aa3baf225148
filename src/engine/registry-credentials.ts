/**
 * The login docker would use for a registry, from its client config, when it can be known without
 * docker: none, or a user and password stored in `auths` (base64 `auth`). A credential helper
 * (`credsStore`, `credHelpers`) holds its secrets elsewhere: only what anonymous access finds is
 * then certain. An identity or registry token, or a config that cannot be read: unknown.
 */
import { readDockerConfig, type DockerAuth } from './docker-config.js';

export type RegistryLogin =
  | { readonly kind: 'none' }
  | { readonly kind: 'basic'; readonly user: string; readonly password: string }
  /** A credential helper may hold a login: anonymous "found" answers stand, anything else is unsure. */
  | { readonly kind: 'helper' }
  | { readonly kind: 'unknown' };

/** `https://host/v1/` and `host` name the same login (docker matches them so too). */
const hostOf = (key: string): string => key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');

function fromAuth(entry: DockerAuth): RegistryLogin {
  if (entry.identitytoken || entry.registrytoken) return { kind: 'unknown' };
  if (entry.auth) {
    const text = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    return colon < 0 ? { kind: 'unknown' } : { kind: 'basic', user: text.slice(0, colon), password: text.slice(colon + 1) };
  }
  if (entry.username && entry.password) return { kind: 'basic', user: entry.username, password: entry.password };
  return { kind: 'none' };
}

/** The login for `authKey` (image-ref.ts) in the docker config of this environment. */
export function registryLogin(env: Readonly<Record<string, string | undefined>>, authKey: string): RegistryLogin {
  const config = readDockerConfig(env);
  if (config === undefined) return { kind: 'unknown' };
  const host = hostOf(authKey);
  if (config.credsStore || Object.keys(config.credHelpers ?? {}).some((k) => hostOf(k) === host)) return { kind: 'helper' };
  const entries = Object.entries(config.auths ?? {}).filter(([k]) => hostOf(k) === host);
  const exact = entries.find(([k]) => k === authKey) ?? entries[0];
  return exact === undefined ? { kind: 'none' } : fromAuth(exact[1]);
}
