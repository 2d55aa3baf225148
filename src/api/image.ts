/** `stage()`, `image()` and `variants()`: the objects other definitions refer to by value. */
import type { ImageDef, ImageSpec } from '../model/image.js';
import type { InstructionInput } from '../model/instruction.js';
import type { StageDef } from '../model/stage.js';

export interface StageOptions {
  /** An external image (`debian:bookworm-slim`, may use image ARGs), `scratch`, an image dockwright builds, or an earlier stage. */
  from: string | ImageDef | StageDef;
  platform?: string;
}

/** A build stage. Keep the returned value: `copy(…, { from: thatStage })` refers to it. */
export const stage = (name: string, opts: StageOptions, steps: readonly InstructionInput[] = []): StageDef =>
  Object.freeze({
    kind: 'stage',
    name,
    from: opts.from,
    ...(opts.platform ? { platform: opts.platform } : {}),
    steps: Object.freeze([...steps]),
  });

/** A single-stage image can give `from` and `steps` instead of `stages`. */
export type SingleStageSpec = Omit<ImageSpec, 'stages' | 'target'> & StageOptions & { steps: readonly InstructionInput[] };

const isSingle = (spec: ImageSpec | SingleStageSpec): spec is SingleStageSpec => !('stages' in spec);

/** Defines an image. Export it from a file in `definitions/` (alone, in an array or as `default`). */
export function image(spec: ImageSpec | SingleStageSpec): ImageDef {
  if (!isSingle(spec)) return Object.freeze({ kind: 'image', ...spec });
  const { from, platform, steps, ...rest } = spec;
  return Object.freeze({ kind: 'image', ...rest, stages: [stage('main', { from, ...(platform ? { platform } : {}) }, steps)] });
}

export type Axes = Readonly<Record<string, readonly string[]>>;
export type VariantOf<A extends Axes> = { readonly [K in keyof A]: A[K][number] };

/** One definition, several images: one per combination of the axes' values. */
export interface VariantsDef<A extends Axes> {
  readonly kind: 'variants';
  readonly name: string;
  readonly axes: A;
  readonly images: readonly ImageDef[];
  /** The image of one combination, to use as another image's base. */
  pick(variant: VariantOf<A>): ImageDef;
}

const combinations = (axes: Axes): Record<string, string>[] =>
  Object.entries(axes).reduce<Record<string, string>[]>(
    (acc, [axis, values]) => acc.flatMap((partial) => values.map((v) => ({ ...partial, [axis]: v }))),
    [{}],
  );

/** The variant's key: axis values joined by `-`, in axis order (`alpine`, `debian-gpu`). */
export const variantKey = (variant: Readonly<Record<string, string>>): string => Object.values(variant).join('-');

export function variants<const A extends Axes>(def: {
  name: string;
  axes: A;
  image: (variant: VariantOf<A>) => Omit<ImageSpec, 'name'> | Omit<SingleStageSpec, 'name'>;
}): VariantsDef<A> {
  const images = combinations(def.axes).map((v) =>
    Object.freeze({
      ...image({ ...def.image(v as VariantOf<A>), name: def.name } as ImageSpec | SingleStageSpec),
      variant: Object.freeze(v),
    }),
  );
  const pick = (v: VariantOf<A>): ImageDef => {
    const key = variantKey(v as Record<string, string>);
    const found = images.find((img) => variantKey(img.variant) === key);
    if (!found) throw new Error(`variants "${def.name}" has no variant ${key}`);
    return found;
  };
  return Object.freeze({ kind: 'variants', name: def.name, axes: def.axes, images, pick });
}
