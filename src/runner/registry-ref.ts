/**
 * Reading image references and docker's registry errors. Pure: what `push`, `test
 * --registry-roundtrip` and their messages need to know about a reference and a failed push.
 */

/** The registry host of a reference: its first path part when that looks like a host, else Docker Hub. */
export function registryOf(ref: string): string {
  const slash = ref.indexOf('/');
  if (slash < 0) return 'docker.io';
  const first = ref.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : 'docker.io';
}

/** The reference without its registry host (`127.0.0.1:5000/ns/app:1` → `ns/app:1`). */
export function withoutRegistry(ref: string): string {
  const registry = registryOf(ref);
  return registry === 'docker.io' && !ref.startsWith('docker.io/') ? ref : ref.slice(registry.length + 1);
}

/** What kind of failure a docker push/pull error is: it decides whether to retry. */
export type RegistryFailure = 'auth' | 'transient' | 'other';

const AUTH =
  /unauthorized|\bdenied:|access to the resource is denied|authentication required|no basic auth credentials|incorrect username or password/i;
const TRANSIENT =
  /connection refused|connection reset|broken pipe|i\/o timeout|timed? ?out|timeout|TLS handshake|unexpected EOF|\bEOF\b|too many requests|\b(?:429|500|502|503|504)\b|internal server error|bad gateway|service unavailable|gateway timeout/i;

export function classifyFailure(output: string): RegistryFailure {
  if (AUTH.test(output)) return 'auth';
  if (TRANSIENT.test(output)) return 'transient';
  return 'other';
}

/** `latest: digest: sha256:… size: 528` in docker push's output. */
export function pushedDigest(output: string): string | undefined {
  return /digest: (sha256:[0-9a-f]{64}) size:/.exec(output)?.[1];
}

/** The last meaningful line of docker's error output, for a one-line reason. */
export function lastLine(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.at(-1) ?? '';
}

/** What to tell a user whose push or pull failed, by kind. */
export function registryAdvice(registry: string, kind: RegistryFailure, attempts: number): string {
  const login = registry === 'docker.io' ? 'docker login' : `docker login ${registry}`;
  if (kind === 'auth') {
    return (
      `registry ${registry} refused the credentials (or has none for it): log in with \`${login}\` ` +
      "(dockwright uses docker's own login state, DOCKER_CONFIG) and check that the account may push there"
    );
  }
  if (kind === 'transient') {
    return (
      `registry ${registry} did not answer after ${attempts} attempt${attempts === 1 ? '' : 's'}: ` +
      'check that it is running and reachable from this machine, and that the tags name the right registry (--registry)'
    );
  }
  return `registry ${registry} rejected the request`;
}

/** The repository of a reference, without its tag or digest (`127.0.0.1:5000/ns/app:1` → `127.0.0.1:5000/ns/app`). */
export function repositoryOf(ref: string): string {
  const at = ref.indexOf('@');
  const named = at < 0 ? ref : ref.slice(0, at);
  const colon = named.lastIndexOf(':');
  return colon > named.lastIndexOf('/') ? named.slice(0, colon) : named;
}

/** `REPO@sha256:…`: the one manifest, whatever tags move. */
export const digestRef = (ref: string, digest: string): string => `${repositoryOf(ref)}@${digest}`;
