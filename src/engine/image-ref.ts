/**
 * Where an image reference lives for the registry HTTP API (OCI distribution): the host to ask,
 * the key docker's login is stored under, the repository and the tag or digest. Docker Hub names
 * (`busybox`, `docker.io/acme/app`) are asked at `registry-1.docker.io`, their login is
 * `https://index.docker.io/v1/`, and a one-part name is in `library/`.
 */

export interface RegistryRef {
  /** `host[:port]` the API is asked at. */
  readonly host: string;
  /** The key of docker's `auths` (and `credHelpers`) for that host. */
  readonly authKey: string;
  readonly repository: string;
  /** A tag, or a digest `sha256:…`. */
  readonly reference: string;
}

const HUB_API = 'registry-1.docker.io';
const HUB_AUTH = 'https://index.docker.io/v1/';
const HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** The parts of `ref`; undefined when it is not a reference this reads with certainty. */
export function registryRef(ref: string): RegistryRef | undefined {
  const at = ref.indexOf('@');
  const named = at < 0 ? ref : ref.slice(0, at);
  const digest = at < 0 ? undefined : ref.slice(at + 1);
  const colon = named.lastIndexOf(':');
  const tagged = colon > named.lastIndexOf('/');
  const name = tagged ? named.slice(0, colon) : named;
  const reference = digest ?? (tagged ? named.slice(colon + 1) : 'latest');
  if (digest !== undefined ? !DIGEST.test(digest) : !TAG.test(reference)) return undefined;
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const hasHost = first.includes('.') || first.includes(':') || first === 'localhost';
  const host = hasHost ? first : 'docker.io';
  let repository = hasHost ? name.slice(slash + 1) : name;
  if (!REPOSITORY.test(repository)) return undefined;
  if (!HUB_NAMES.has(host)) return { host, authKey: host, repository, reference };
  if (!repository.includes('/')) repository = `library/${repository}`;
  return { host: HUB_API, authKey: HUB_AUTH, repository, reference };
}

/** Does docker reach this host over plain HTTP when HTTPS fails (loopback: `localhost`, 127.0.0.0/8, ::1)? */
export function isLoopback(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '::1' || /^127(?:\.\d{1,3}){3}$/.test(name);
}
