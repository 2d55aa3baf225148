/** Small `ImageModel`s for planning tests: `model('app', { from: 'base' })` is built on image `base`. */
import type { ImageModel } from '../../../src/model/resolved.js';
import type { Settings } from '../../../src/model/settings.js';
import { arg, copy, external, imageModel, imageRef, stageModel } from '../support/model.js';

export interface ModelOptions extends Partial<Omit<ImageModel, 'id' | 'name' | 'stages'>> {
  /** Id of a parent image this one is built on (else busybox:stable). */
  readonly from?: string;
  /** Ids of images it copies from. */
  readonly copiesFrom?: readonly string[];
  /** ARG steps in its stage. */
  readonly argSteps?: readonly string[];
}

export function model(id: string, options: ModelOptions = {}): ImageModel {
  const variantKey = id.split(':')[1];
  const { from, copiesFrom = [], argSteps = [], ...rest } = options;
  const stage = stageModel('main', from ? imageRef(from) : external('busybox:stable'), [
    ...argSteps.map((a) => arg(a)),
    ...copiesFrom.map((c) => copy('/x', '/x', { from: imageRef(c) })),
  ]);
  return imageModel({ id, stages: [stage], ...(variantKey ? { variant: { os: variantKey } } : {}), ...rest });
}

export const settings = (over: Partial<Settings> = {}): Settings => ({
  definitionsDir: 'definitions',
  outputDir: 'generated',
  bake: false,
  lint: { strict: false, rules: {} },
  engines: [],
  logsDir: 'build-logs',
  cacheDir: '.dockwright/cache',
  ...over,
});
