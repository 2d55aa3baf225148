/** Small `ImageModel`s for planning tests: `model('app', { from: 'base' })` is built on image `base`. */
import type { ImageModel, StageModel } from '../../../src/model/resolved.js';
import type { Settings } from '../../../src/model/settings.js';

export interface ModelOptions extends Partial<Omit<ImageModel, 'id' | 'name' | 'stages'>> {
  /** Id of a parent image this one is built on (else busybox:stable). */
  readonly from?: string;
  /** Ids of images it copies from. */
  readonly copiesFrom?: readonly string[];
  /** ARG steps in its stage. */
  readonly argSteps?: readonly string[];
}

export function model(id: string, options: ModelOptions = {}): ImageModel {
  const [name = id, variantKey] = id.split(':');
  const { from, copiesFrom = [], argSteps = [], ...rest } = options;
  const stage: StageModel = {
    name: 'main',
    from: from ? { kind: 'image', id: from } : { kind: 'external', ref: 'busybox:stable' },
    steps: [
      ...argSteps.map((a) => ({ kind: 'arg' as const, name: a })),
      ...copiesFrom.map((c) => ({ kind: 'copy' as const, sources: ['/x'], dest: '/x', from: { kind: 'image' as const, id: c } })),
    ],
  };
  return {
    id,
    name,
    dir: id.replace(':', '-'),
    file: `definitions/${name}.ts`,
    ...(variantKey ? { variant: { os: variantKey } } : {}),
    groups: [],
    push: true,
    tagSet: 'module',
    args: {},
    escape: '\\',
    context: '.',
    buildContexts: {},
    secrets: [],
    ssh: [],
    inputs: { fetch: [], copyList: [], prerequisites: [] },
    stages: [stage],
    target: 'main',
    ...rest,
  };
}

export const settings = (over: Partial<Settings> = {}): Settings => ({
  definitionsDir: 'definitions',
  outputDir: 'generated',
  bake: false,
  lint: { strict: false, rules: {} },
  logsDir: 'build-logs',
  cacheDir: '.dockwright/cache',
  ...over,
});
