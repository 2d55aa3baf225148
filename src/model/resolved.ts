/**
 * The validated model: what the compiler, linter and planner work on. It is the parsed definition
 * with defaults filled and every reference-by-value turned into a name: a stage by its name in the
 * same image, an image by its id. Produced by `resolveImages` (src/compile/resolve-images.ts).
 */
import type { Image } from './image.js';
import type { Instruction, InstructionOf } from './instruction.js';
import type { Mount } from './mount.js';

/** Where a stage, a COPY or a mount reads from, after resolution. */
export type SourceModel =
  | { readonly kind: 'stage'; readonly name: string }
  | { readonly kind: 'image'; readonly id: string }
  | { readonly kind: 'context'; readonly name: string }
  | { readonly kind: 'external'; readonly ref: string };

export type FromModel = SourceModel | { readonly kind: 'scratch' };

type WithSource<T, K extends string> = Omit<T, K> & { readonly [P in K]?: SourceModel };

export type MountModel = Mount extends infer M ? (M extends { from?: unknown } ? WithSource<M, 'from'> : M) : never;

export type RunModel = Omit<InstructionOf<'run'>, 'mounts'> & { readonly mounts: readonly MountModel[] };
export type CopyModel = WithSource<InstructionOf<'copy'>, 'from'>;

/** An instruction with its references resolved (only RUN mounts and COPY --from change shape). */
export type InstructionModel =
  | RunModel
  | CopyModel
  | Exclude<Instruction, { kind: 'run' | 'copy' | 'onbuild' }>
  | { readonly kind: 'onbuild'; readonly trigger: Exclude<InstructionModel, { kind: 'onbuild' | 'comment' | 'raw' }> };

export interface StageModel {
  readonly name: string;
  readonly from: FromModel;
  readonly platform?: string | undefined;
  readonly steps: readonly InstructionModel[];
}

export interface ImageModel extends Omit<Image, 'kind' | 'stages' | 'target'> {
  /** Unique across the project: `name`, or `name:variantKey` for variants (`fit-framework:alpine`). */
  readonly id: string;
  /** Folder under the output dir: the id with `:` replaced by `-`. */
  readonly dir: string;
  /** The definition file, relative to the project root, with `/` separators. */
  readonly file: string;
  readonly stages: readonly StageModel[];
  /** The stage `docker build --target` builds: the image's `target`, else its last stage. */
  readonly target: string;
}

/**
 * The id of the project image the target stage starts FROM (through other stages of this image),
 * undefined when it starts from an external image, a named context or scratch: its layers are the
 * first layers of this image.
 */
export const baseImageId = (image: ImageModel): string | undefined => {
  const seen = new Set<string>();
  for (let name: string | undefined = image.target; name !== undefined && !seen.has(name);) {
    seen.add(name);
    const from = image.stages.find((s) => s.name === name)?.from;
    if (from?.kind === 'image') return from.id;
    name = from?.kind === 'stage' ? from.name : undefined;
  }
  return undefined;
};

/** Ids of the images this one is built on or copies from (its parents in the build graph). */
export const parentIds = (image: ImageModel): string[] => {
  const ids = new Set<string>();
  const see = (s: SourceModel | FromModel | undefined): void => {
    if (s?.kind === 'image') ids.add(s.id);
  };
  const visit = (step: InstructionModel): void => {
    if (step.kind === 'copy') see(step.from);
    if (step.kind === 'run') step.mounts.forEach((m) => see('from' in m ? m.from : undefined));
    if (step.kind === 'onbuild') visit(step.trigger);
  };
  for (const stage of image.stages) {
    see(stage.from);
    stage.steps.forEach(visit);
  }
  return [...ids];
};
