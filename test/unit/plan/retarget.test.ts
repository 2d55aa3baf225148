import { describe, expect, it } from 'vitest';
import { buildxArgv } from '../../../src/plan/buildx-argv.js';
import type { ImageBuild } from '../../../src/plan/image-build.js';
import { UsageError } from '../../../src/errors/index.js';
import type { ImageModel, StageModel } from '../../../src/model/resolved.js';
import { planBuild } from '../../../src/plan/build-plan.js';
import { retargetImages } from '../../../src/plan/retarget.js';
import { model, settings } from './images.js';

/** `model(id)` with stages named `names`, each FROM the previous; its target is the last. */
const staged = (id: string, names: readonly string[], from?: string): ImageModel => {
  const first = model(id, from ? { from } : {}).stages[0] as StageModel;
  const stages = names.map((name, i): StageModel => ({
    ...first,
    name,
    from: i === 0 ? first.from : { kind: 'stage', name: names[i - 1] as string },
  }));
  return { ...model(id, from ? { from } : {}), stages, target: names[names.length - 1] as string };
};

const images = [staged('base', ['os', 'runtime']), staged('app', ['deps', 'cann', 'final'], 'base'), staged('tool', ['main'])];
const targets = (list: readonly ImageModel[]) => Object.fromEntries(list.map((i) => [i.id, i.target]));

describe('retargetImages', () => {
  it('retargets the selected images, not the ancestors added for them', () => {
    expect(targets(retargetImages(images, { names: ['app'] }, 'cann'))).toEqual({ base: 'runtime', app: 'cann', tool: 'main' });
  });

  it('reaches docker as --target and leaves the input models alone', () => {
    const plan = planBuild(
      retargetImages(images, { names: ['app'] }, 'cann'),
      settings(),
      { names: ['app'] },
      { engine: { buildx: true } },
    );
    const argv = (id: string) => buildxArgv(plan.builds.find((s) => s.id === id) as ImageBuild, plan).argv;
    expect(argv('app')[argv('app').indexOf('--target') + 1]).toBe('cann');
    expect(argv('base')[argv('base').indexOf('--target') + 1]).toBe('runtime');
    expect(images[1]?.target).toBe('final');
  });

  it('a selected image without the stage is a usage error naming it and its stages', () => {
    expect(() => retargetImages(images, { names: ['app', 'tool'] }, 'cann')).toThrow(UsageError);
    expect(() => retargetImages(images, { names: ['app', 'tool'] }, 'cann')).toThrow(
      '--target "cann" is not a stage of image tool (stages: main)',
    );
    expect(() => retargetImages(images, {}, 'nope')).toThrow(
      'images base (stages: os, runtime); app (stages: deps, cann, final); tool (stages: main)',
    );
  });
});
