/**
 * Names for what stages start from and what COPY --from / mount from= read:
 * - an image dockwright builds is reached through a global ARG named after it
 *   ({@link imageArgName}: `base-image` → `BASE_IMAGE_IMAGE`, `fit-framework:alpine` →
 *   `FIT_FRAMEWORK_ALPINE_IMAGE`) whose default is the image's primary ref; the runner passes the
 *   current ref with `--build-arg`, so the generated file does not change when tags do;
 * - COPY --from / mount from= an image (built or external) reads from an alias stage
 *   (`FROM ${BASE_IMAGE_IMAGE} AS image-base-image`, `FROM busybox:stable AS ext-busybox-stable`)
 *   added after the global ARGs, one per distinct image, named in order of first use;
 * - stages and named build contexts are used by name.
 */
import type { ArgNode, FromNode, ModelPath } from '../ir/index.js';
import type { FromModel, SourceModel } from '../model/resolved.js';

/** The global ARG through which a Dockerfile names the image dockwright builds as `id`. */
export const imageArgName = (id: string): string => {
  const snake = `${id
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')}_IMAGE`;
  return /^[0-9]/.test(snake) ? `_${snake}` : snake;
};

const slug = (ref: string): string =>
  ref
    .toLowerCase()
    .replace(/@sha256:([0-9a-f]{12})[0-9a-f]*/, '-$1')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');

export interface SourceTable {
  /** The FROM text of a stage. */
  fromImage(from: FromModel, path: ModelPath): string;
  /** The `--from=` / `from=` name of a source. */
  sourceName(source: SourceModel, path: ModelPath): string;
  /** Global ARGs for parent images, in order of first use. */
  readonly imageArgs: readonly ArgNode[];
  /** Alias stages, in order of first use. */
  readonly aliases: readonly FromNode[];
}

/** `stageNames`: the image's own stage names, which aliases must not take. */
export function createSourceTable(stageNames: readonly string[], primaryRef: (id: string) => string): SourceTable {
  const imageArgs = new Map<string, ArgNode>();
  const aliases = new Map<string, FromNode>();
  const taken = new Set(stageNames);

  const imageRef = (id: string, path: ModelPath): string => {
    const name = imageArgName(id);
    if (!imageArgs.has(name)) imageArgs.set(name, { kind: 'arg', name, default: primaryRef(id), modelPath: path });
    return `\${${name}}`;
  };

  const alias = (key: string, base: string, image: string, path: ModelPath): string => {
    const known = aliases.get(key);
    if (known) return known.stage;
    let stage = base;
    for (let n = 2; taken.has(stage); n++) stage = `${base}-${n}`;
    taken.add(stage);
    aliases.set(key, { kind: 'from', image, stage, modelPath: path, fieldPaths: { image: path, stage: path } });
    return stage;
  };

  return {
    fromImage: (from, path) => {
      switch (from.kind) {
        case 'scratch':
          return 'scratch';
        case 'image':
          return imageRef(from.id, path);
        case 'stage':
        case 'context':
          return from.name;
        case 'external':
          return from.ref;
      }
    },
    sourceName: (source, path) => {
      switch (source.kind) {
        case 'stage':
        case 'context':
          return source.name;
        case 'image':
          return alias(`image:${source.id}`, `image-${slug(source.id)}`, imageRef(source.id, path), path);
        case 'external':
          return alias(`external:${source.ref}`, `ext-${slug(source.ref) || 'image'}`, source.ref, path);
      }
    },
    get imageArgs() {
      return [...imageArgs.values()];
    },
    get aliases() {
      return [...aliases.values()];
    },
  };
}
