/**
 * ImageModel → DockerfileIr. Pure. Stages keep the model's order (docker skips the ones the target
 * does not need); alias stages for COPY --from / mount from= an image come first; the image's own
 * settings are appended to its target stage (lower-settings.ts); ARGs are placed by arg-scope.ts.
 */
import type { DockerfileIr, FromNode, IrStage } from '../ir/index.js';
import type { ImageModel, SourceModel } from '../model/resolved.js';
import { scopeArgs, type ImageArg } from './arg-scope.js';
import { lowerSettings } from './lower-settings.js';
import { createSourceTable } from './lower-source.js';
import { lowerStep, type StepNames } from './lower-step.js';

export interface LowerContext {
  /** Every image of the project, by id. */
  readonly images: ReadonlyMap<string, ImageModel>;
  /** Full tagged ref of an image dockwright builds (`127.0.0.1:5000/federatedai/base-image:1.11-base`). */
  primaryRef(id: string): string;
  version(image: ImageModel): string | undefined;
}

/** The image ARGs with their defaults resolved: `fromVersion` takes the image's version. */
export const imageArgs = (image: ImageModel, ctx: Pick<LowerContext, 'version'>): ImageArg[] =>
  Object.entries(image.args).map(([name, spec]) => ({
    name,
    default: spec.fromVersion ? (ctx.version(image) ?? spec.default) : spec.default,
    ...('forRun' in spec && spec.forRun ? { forRun: true } : {}),
  }));

export function lowerImage(image: ImageModel, ctx: LowerContext): DockerfileIr {
  const table = createSourceTable(
    image.stages.map((s) => s.name),
    (id) => ctx.primaryRef(id),
  );
  const triggerName = (s: SourceModel): string => (s.kind === 'image' ? ctx.primaryRef(s.id) : s.kind === 'external' ? s.ref : s.name);
  const names: StepNames = { source: table.sourceName, trigger: triggerName };

  const stages = image.stages.map((stage, i): IrStage => {
    const at = ['stages', i] as const;
    const from: FromNode = {
      kind: 'from',
      image: table.fromImage(stage.from, [...at, 'from']),
      platform: stage.platform,
      stage: stage.name,
      modelPath: at,
      fieldPaths: { image: [...at, 'from'], platform: [...at, 'platform'], stage: [...at, 'name'] },
    };
    const instructions = stage.steps.map((step, j) => lowerStep(step, [...at, 'steps', j], names));
    if (stage.name === image.target) instructions.push(...lowerSettings(image));
    return { origin: 'model', from, instructions };
  });
  const aliases = table.aliases.map((from): IrStage => ({ origin: 'alias', from, instructions: [] }));

  const scoped = scopeArgs({ args: imageArgs(image, ctx), parentArgs: table.imageArgs, stages: [...aliases, ...stages] });
  return {
    directives: { syntax: image.syntax, escape: image.escape },
    header: { file: image.file, imageId: image.id },
    ...scoped,
  };
}
