/**
 * What the engine (and a registry) knows about images, asked through the docker seam: one
 * `docker image inspect` for many refs at once, and an image's labels in its registry: over the
 * registry's HTTP API (registry-labels.ts) when its answer is certain, else `docker buildx
 * imagetools inspect` (manifest and config only, nothing is pulled; docker's own login is used).
 */
import type { ImageInfo } from './engine-api.js';
import { commonLabels, imageContent, type InheritedConfig } from './image-content.js';
import { dockerRun, type Engine } from './engine.js';
import { waitedOn } from '../timing.js';

/** The label that carries an image's input digest. */
export const DIGEST_LABEL = 'dev.dockwright.input-digest';

/** A local image as `docker image inspect` describes it. */
export type LocalImage = ImageInfo;

/** `busybox` → `busybox:latest`, `docker.io/library/x:1` → `x:1`: how RepoTags spell a ref. */
export function familiarRef(ref: string): string {
  let r = ref.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  if (r.startsWith('library/') && r.split('/').length === 2) r = r.slice('library/'.length);
  if (r.includes('@')) return r;
  const lastSlash = r.lastIndexOf('/');
  return r.slice(lastSlash + 1).includes(':') ? r : `${r}:latest`;
}

const FORMAT =
  '{{json .RepoTags}}\t{{json .RepoDigests}}\t{{.Id}}\t{{json .Config.Labels}}\t{{.Size}}\t{{json .RootFS.Layers}}\t{{json .Config}}';

/**
 * The local images `refs` name (a ref missing from the store is absent from the map). One docker
 * call; a ref that names an image by tag or digest is matched to its line by RepoTags/RepoDigests.
 */
export async function inspectLocal(t: Engine, refs: readonly string[]): Promise<Map<string, LocalImage>> {
  const found = new Map<string, LocalImage>();
  const unique = [...new Set(refs)];
  if (unique.length === 0) return found;
  const asked = t.api?.images(unique);
  const viaApi = asked && (await waitedOn('engine API: images', asked));
  if (viaApi) return viaApi;
  const r = await dockerRun(t, ['image', 'inspect', '--format', FORMAT, ...unique]);
  const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
  const parsed = lines.map((line) => {
    const [tags = '[]', digests = '[]', id = '', labels = 'null', size = '0', layers = 'null', config = 'null'] = line.split('\t');
    const layerIds = (JSON.parse(layers) as string[] | null) ?? [];
    const names = [...((JSON.parse(tags) as string[] | null) ?? []), ...((JSON.parse(digests) as string[] | null) ?? [])];
    const image: LocalImage = {
      id,
      labels: (JSON.parse(labels) as Record<string, string> | null) ?? {},
      size: Number(size),
      layers: layerIds,
      content: imageContent(id, layerIds, JSON.parse(config) as InheritedConfig | null),
    };
    return { names: new Set(names.map(familiarRef)), image };
  });
  // every ref answered: lines are in the order of the refs
  if (r.exitCode === 0 && parsed.length === unique.length) {
    unique.forEach((ref, i) => found.set(ref, (parsed[i] as (typeof parsed)[number]).image));
    return found;
  }
  for (const ref of unique) {
    const hit = parsed.find((p) => p.names.has(familiarRef(ref)));
    if (hit) found.set(ref, hit.image);
  }
  return found;
}

/**
 * The labels of an image in its registry, from its config blob; for a multi-platform image, the
 * labels every platform agrees on. Undefined when the registry does not have the tag (or cannot
 * be reached: then the image is simply built and pushed, which reports the real error). The
 * registry's HTTP API answers first; when its answer is not certain, docker's imagetools does.
 */
export async function registryLabels(t: Engine, ref: string): Promise<Record<string, string> | undefined> {
  const asked = t.registry?.labels(ref);
  const viaApi = asked && (await waitedOn('registry API: labels', asked));
  if (viaApi !== undefined) return viaApi.found ? { ...viaApi.labels } : undefined;
  const r = await dockerRun(t, ['buildx', 'imagetools', 'inspect', '--format', '{{json .Image}}', ref]);
  if (r.exitCode !== 0) return undefined;
  try {
    type Config = { config?: { Labels?: Record<string, string> | null } };
    const image = JSON.parse(r.stdout) as Config | Record<string, Config>;
    const configs: Config[] = 'config' in image ? [image as Config] : Object.values(image as Record<string, Config>);
    return commonLabels(configs.map((c) => c.config?.Labels ?? {}));
  } catch {
    return undefined;
  }
}

/** Bytes of a local image, or undefined when it is not in the local store. */
export async function imageSize(t: Engine, ref: string): Promise<number | undefined> {
  return (await inspectLocal(t, [ref])).get(ref)?.size;
}

/** Where an image that must already exist was found. */
export type Presence = 'local' | 'registry' | 'missing';

/** In the local store (the engine API, else `docker image inspect`), else in its registry (`docker manifest inspect`). */
export async function findImage(t: Engine, ref: string): Promise<Presence> {
  if ((await inspectLocal(t, [ref])).has(ref)) return 'local';
  if ((await dockerRun(t, ['manifest', 'inspect', ref])).exitCode === 0) return 'registry';
  return 'missing';
}
