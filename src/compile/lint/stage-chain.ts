/**
 * Walking an image's stages the way docker does: each step with its field path and the SHELL in
 * effect, and state a stage inherits through `FROM` an earlier stage or an image dockwright builds.
 * Image-level settings (`user`, `healthcheck`…) apply at the end of the image's target stage.
 */
import type { InstructionModel, ImageModel, StageModel } from '../../model/resolved.js';
import type { FieldPath, RuleContext } from './rule.js';

export const DEFAULT_SHELL: readonly string[] = ['/bin/sh', '-c'];

export interface StepAt {
  readonly stage: StageModel;
  readonly stageIndex: number;
  /** The step; for an ONBUILD, its trigger (with `onbuild: true`). */
  readonly step: Exclude<InstructionModel, { kind: 'onbuild' }>;
  readonly path: FieldPath;
  /** SHELL in effect at this step (for an ONBUILD trigger: unknown, the downstream build's). */
  readonly shell: readonly string[];
  readonly onbuild: boolean;
}

export const stagePath = (stageIndex: number): FieldPath => ['stages', stageIndex];

export const findStage = (image: ImageModel, name: string): StageModel | undefined => image.stages.find((s) => s.name === name);

/**
 * A value known at the end of `stageName`: `own(image, stage)` if it says, else the stage's FROM
 * parent's (an earlier stage, or the target stage of an image in the run). Undefined when the
 * chain ends in an external image or scratch.
 */
export function inherited<T>(
  ctx: RuleContext,
  image: ImageModel,
  stageName: string,
  own: (image: ImageModel, stage: StageModel) => T | undefined,
  seen: ReadonlySet<string> = new Set(),
): T | undefined {
  const key = `${image.id}\u0000${stageName}`;
  const stage = findStage(image, stageName);
  if (!stage || seen.has(key)) return undefined;
  const value = own(image, stage);
  if (value !== undefined) return value;
  const next = new Set(seen).add(key);
  if (stage.from.kind === 'stage') return inherited(ctx, image, stage.from.name, own, next);
  if (stage.from.kind !== 'image') return undefined;
  const parent = ctx.images.get(stage.from.id);
  return parent ? inherited(ctx, parent, parent.target, own, next) : undefined;
}

/** The last step of a kind in a stage (before index `before`, when given). */
export function lastStep<K extends InstructionModel['kind']>(
  stage: StageModel,
  kind: K,
  before = stage.steps.length,
): Extract<InstructionModel, { kind: K }> | undefined {
  for (let i = Math.min(before, stage.steps.length) - 1; i >= 0; i--) {
    const step = stage.steps[i];
    if (step?.kind === kind) return step as Extract<InstructionModel, { kind: K }>;
  }
  return undefined;
}

/** The SHELL a stage starts with: what its FROM parent ends with, else `/bin/sh -c`. */
function initialShell(ctx: RuleContext, image: ImageModel, stage: StageModel): readonly string[] {
  const fromStage = (_image: ImageModel, s: StageModel): readonly string[] | undefined => lastStep(s, 'shell')?.argv;
  if (stage.from.kind === 'stage') return inherited(ctx, image, stage.from.name, fromStage) ?? DEFAULT_SHELL;
  if (stage.from.kind !== 'image') return DEFAULT_SHELL;
  const parent = ctx.images.get(stage.from.id);
  return (parent && inherited(ctx, parent, parent.target, fromStage)) ?? DEFAULT_SHELL;
}

/**
 * Every rule walks the steps of every image; the walk (and the SHELL each stage inherits through
 * its parents) is done once per image and lint run. Images are frozen, and a run's context is
 * not changed while its rules run.
 */
const walked = new WeakMap<RuleContext, WeakMap<ImageModel, readonly StepAt[]>>();

/** Every step of every stage, in order, with its path and the SHELL in effect. */
export function stepsOf(image: ImageModel, ctx: RuleContext): readonly StepAt[] {
  let byImage = walked.get(ctx);
  if (!byImage) walked.set(ctx, (byImage = new WeakMap()));
  let steps = byImage.get(image);
  if (!steps) byImage.set(image, (steps = walkSteps(image, ctx)));
  return steps;
}

function walkSteps(image: ImageModel, ctx: RuleContext): StepAt[] {
  return image.stages.flatMap((stage, stageIndex) => {
    let shell = initialShell(ctx, image, stage);
    return stage.steps.flatMap((step, i): StepAt[] => {
      const path: FieldPath = [...stagePath(stageIndex), 'steps', i];
      if (step.kind === 'shell') shell = step.argv;
      if (step.kind !== 'onbuild') return [{ stage, stageIndex, step, path, shell, onbuild: false }];
      return [{ stage, stageIndex, step: step.trigger, path: [...path, 'trigger'], shell, onbuild: true }];
    });
  });
}

/** Steps of one kind, not ONBUILD triggers unless asked. */
export const stepsOfKind = <K extends StepAt['step']['kind']>(
  image: ImageModel,
  ctx: RuleContext,
  kind: K,
  withOnbuild = false,
): (StepAt & { step: Extract<StepAt['step'], { kind: K }> })[] =>
  stepsOf(image, ctx).filter(
    (s): s is StepAt & { step: Extract<StepAt['step'], { kind: K }> } => s.step.kind === kind && (withOnbuild || !s.onbuild),
  );
