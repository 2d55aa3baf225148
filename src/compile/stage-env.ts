/**
 * The ENV names an image dockwright builds hands to the images built on it: ENV steps of its
 * target stage and of the stages and images that stage starts from, plus its own `env`.
 * `known: false` when the chain reaches an external image or a named context, whose environment
 * is not known here.
 */
import type { ImageModel, StageModel } from '../model/resolved.js';

export interface KnownNames {
  readonly names: ReadonlySet<string>;
  readonly known: boolean;
}

const UNKNOWN: KnownNames = { names: new Set(), known: false };

function stageEnv(
  image: ImageModel,
  stage: StageModel | undefined,
  images: ReadonlyMap<string, ImageModel>,
  seen: Set<string>,
): KnownNames {
  if (!stage || seen.has(`${image.id}/${stage.name}`)) return UNKNOWN;
  seen.add(`${image.id}/${stage.name}`);
  const from = stage.from;
  const base =
    from.kind === 'stage'
      ? stageEnv(
          image,
          image.stages.find((s) => s.name === from.name),
          images,
          seen,
        )
      : from.kind === 'image'
        ? imageEnvSeen(from.id, images, seen)
        : { names: new Set<string>(), known: from.kind === 'scratch' };
  const own = stage.steps.flatMap((s) => (s.kind === 'env' ? Object.keys(s.vars) : []));
  return { names: new Set([...base.names, ...own]), known: base.known };
}

function imageEnvSeen(id: string, images: ReadonlyMap<string, ImageModel>, seen: Set<string>): KnownNames {
  const image = images.get(id);
  if (!image) return UNKNOWN;
  const target = stageEnv(
    image,
    image.stages.find((s) => s.name === image.target),
    images,
    seen,
  );
  return { names: new Set([...target.names, ...Object.keys(image.env ?? {})]), known: target.known };
}

/** The ENV names image `id` passes on (see the module comment). */
export const imageEnv = (id: string, images: ReadonlyMap<string, ImageModel>): KnownNames => imageEnvSeen(id, images, new Set());
