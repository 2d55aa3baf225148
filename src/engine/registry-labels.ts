/**
 * The labels of an image in its registry, read over the registry's HTTP API (OCI distribution),
 * in-process: the manifest a tag names (an index: each platform's manifest, attestation manifests
 * skipped), then each config blob's `config.Labels`; for several platforms, the labels they all
 * agree on. As `docker buildx imagetools inspect --format '{{json .Image}}'` answers, without a
 * process per image; what is asked by digest (a platform's manifest, a config blob) counts only
 * when its bytes have that digest. Undefined whenever the API's answer is not certain (registry-session.ts; a
 * manifest of another kind; any error): then docker is asked (images.ts).
 */
import pLimit from 'p-limit';
import { commonLabels } from './image-content.js';
import { registryRef } from './image-ref.js';
import { registryLogin } from './registry-credentials.js';
import { registrySession, type RegistryReply, type RegistrySession } from './registry-session.js';

/** What a registry holds under a reference: its labels, or nothing. */
export type RegistryAnswer = { readonly found: true; readonly labels: Readonly<Record<string, string>> } | { readonly found: false };

export interface RegistryApi {
  /** Undefined: no certain answer (ask docker). */
  labels(ref: string): Promise<RegistryAnswer | undefined>;
}

const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];
const MANIFEST_TYPES = ['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json'];

interface Manifest {
  readonly mediaType?: string;
  readonly config?: { readonly digest?: string };
  readonly manifests?: readonly {
    readonly digest?: string;
    readonly platform?: { readonly os?: string; readonly architecture?: string };
    readonly annotations?: Readonly<Record<string, string>>;
  }[];
}

/** A manifest's media type: its own field, else the reply's Content-Type. */
const mediaTypeOf = (manifest: Manifest, reply: RegistryReply): string =>
  manifest.mediaType ?? reply.contentType.split(';')[0]?.trim() ?? '';

const isAttestation = (m: NonNullable<Manifest['manifests']>[number]): boolean =>
  m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
  (m.platform?.os === 'unknown' && m.platform?.architecture === 'unknown');

/** One image's labels through one session (several platforms: those they agree on). */
async function readLabels(s: RegistrySession, repository: string, reference: string): Promise<RegistryAnswer | undefined> {
  const top = await s.get(repository, `manifests/${reference}`, [...INDEX_TYPES, ...MANIFEST_TYPES].join(', '));
  if (top?.status === 404) return s.absentIsCertain() ? { found: false } : undefined;
  if (top?.status !== 200) return undefined;
  const manifest = JSON.parse(top.body) as Manifest;
  const type = mediaTypeOf(manifest, top);
  let configs: (string | undefined)[];
  if (INDEX_TYPES.includes(type)) {
    const platforms = (manifest.manifests ?? []).filter((m) => !isAttestation(m));
    if (platforms.length === 0) return undefined;
    configs = await Promise.all(
      platforms.map(async (m) => {
        const reply = await s.get(repository, `manifests/${m.digest ?? ''}`, MANIFEST_TYPES.join(', '));
        if (reply?.status !== 200 || reply.digest !== m.digest) return undefined;
        const inner = JSON.parse(reply.body) as Manifest;
        return MANIFEST_TYPES.includes(mediaTypeOf(inner, reply)) ? inner.config?.digest : undefined;
      }),
    );
  } else if (MANIFEST_TYPES.includes(type)) configs = [manifest.config?.digest];
  else return undefined;
  const labels = await Promise.all(
    configs.map(async (digest) => {
      const reply = digest === undefined ? undefined : await s.get(repository, `blobs/${digest}`);
      if (reply?.status !== 200 || reply.digest !== digest) return undefined;
      return (JSON.parse(reply.body) as { config?: { Labels?: Record<string, string> | null } }).config?.Labels ?? {};
    }),
  );
  if (labels.some((l) => l === undefined)) return undefined;
  return { found: true, labels: commonLabels(labels as Record<string, string>[]) };
}

/** How many images are read at once (each a few requests on kept-alive connections). */
const PARALLEL = 8;

/** The registry API for this environment (docker's config, proxies): sessions per host, kept for the run. */
export function registryApi(env: Readonly<Record<string, string | undefined>>): RegistryApi {
  const sessions = new Map<string, RegistrySession | undefined>();
  const limit = pLimit(PARALLEL);
  return {
    labels: (ref) =>
      limit(async () => {
        const r = registryRef(ref);
        if (r === undefined) return undefined;
        const key = `${r.host} ${r.authKey}`;
        if (!sessions.has(key)) sessions.set(key, registrySession(r.host, registryLogin(env, r.authKey), env));
        const session = sessions.get(key);
        try {
          return session === undefined ? undefined : await readLabels(session, r.repository, r.reference);
        } catch {
          return undefined;
        }
      }),
  };
}
