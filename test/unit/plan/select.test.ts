import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors/index.js';
import { buildGraph } from '../../../src/plan/graph.js';
import { selectImages } from '../../../src/plan/select.js';
import { model } from './images.js';

// base ← fate-nn ← fate-nn-gpu ; base ← fit-framework:{alpine,debian} ; lone
const graph = buildGraph([
  model('base', { groups: ['fate'] }),
  model('fate-nn', { from: 'base', groups: ['fate'] }),
  model('fate-nn-gpu', { from: 'fate-nn', groups: ['fate', 'gpu'] }),
  model('fit-framework:alpine', { from: 'base' }),
  model('fit-framework:debian', { from: 'base' }),
  model('lone'),
]);

describe('selectImages', () => {
  it('selects everything when nothing is named', () => {
    expect(selectImages(graph, {}).ids).toEqual(['base', 'fate-nn', 'fate-nn-gpu', 'fit-framework:alpine', 'fit-framework:debian', 'lone']);
  });

  it('adds the ancestors a named image needs, in build order', () => {
    expect(selectImages(graph, { names: ['fate-nn-gpu'] })).toEqual({ ids: ['base', 'fate-nn', 'fate-nn-gpu'], external: [] });
  });

  it('with deps: false, returns the needed ancestors as external', () => {
    expect(selectImages(graph, { names: ['fate-nn-gpu'], deps: false })).toEqual({ ids: ['fate-nn-gpu'], external: ['base', 'fate-nn'] });
  });

  it('a name selects every variant, an id one variant', () => {
    expect(selectImages(graph, { names: ['fit-framework'], deps: false }).ids).toEqual(['fit-framework:alpine', 'fit-framework:debian']);
    expect(selectImages(graph, { names: ['fit-framework:alpine'], deps: false }).ids).toEqual(['fit-framework:alpine']);
  });

  it('globs match names and ids', () => {
    expect(selectImages(graph, { names: ['*-nn'], deps: false }).ids).toEqual(['fate-nn']);
    expect(selectImages(graph, { names: ['*:debian'], deps: false }).ids).toEqual(['fit-framework:debian']);
    expect(selectImages(graph, { names: ['fate-*'], deps: false }).ids).toEqual(['fate-nn', 'fate-nn-gpu']);
  });

  it('selects groups, narrows with only, removes with skip (skipped ancestors become external)', () => {
    expect(selectImages(graph, { groups: ['gpu'] }).ids).toEqual(['base', 'fate-nn', 'fate-nn-gpu']);
    expect(selectImages(graph, { groups: ['fate'], only: ['*-gpu'] }).ids).toEqual(['base', 'fate-nn', 'fate-nn-gpu']);
    expect(selectImages(graph, { only: ['lone', 'fate-nn'] }).ids).toEqual(['base', 'fate-nn', 'lone']);
    expect(selectImages(graph, { names: ['fate-nn-gpu'], skip: ['base'] })).toEqual({
      ids: ['fate-nn', 'fate-nn-gpu'],
      external: ['base'],
    });
  });

  it('an argument that names nothing is a UsageError listing the images', () => {
    expect(() => selectImages(graph, { names: ['fate-mm'] })).toThrow(UsageError);
    expect(() => selectImages(graph, { names: ['nothing'] })).toThrow(
      '"nothing" matches no image; the images are: base, fate-nn, fate-nn-gpu, fit-framework:alpine, fit-framework:debian, lone',
    );
    expect(() => selectImages(graph, { skip: ['nope*'] })).toThrow(/--skip "nope\*" matches no image/);
    expect(() => selectImages(graph, { groups: ['blue'] })).toThrow('group "blue" has no image; the groups are: fate, gpu');
  });

  it('names the closest image, variant or group: did you mean …?', () => {
    expect(() => selectImages(graph, { names: ['fate-mm'] })).toThrow(
      '"fate-mm" matches no image; did you mean "fate-nn"? the images are: base, fate-nn, fate-nn-gpu, fit-framework:alpine, fit-framework:debian, lone',
    );
    expect(() => selectImages(graph, { names: ['fit-framwork'] })).toThrow(
      '"fit-framwork" matches no image; did you mean "fit-framework"?',
    );
    expect(() => selectImages(graph, { only: ['Lone'] })).toThrow('--only "Lone" matches no image; did you mean "lone"?');
    expect(() => selectImages(graph, { names: ['fit-framework:debain'] })).toThrow(
      '"fit-framework:debain": image "fit-framework" has no variant "debain"; did you mean "fit-framework:debian"? its variants are: fit-framework:alpine, fit-framework:debian',
    );
    expect(() => selectImages(graph, { names: ['fit-framework:arm'] })).toThrow(
      '"fit-framework:arm": image "fit-framework" has no variant "arm"; its variants are: fit-framework:alpine, fit-framework:debian',
    );
    expect(() => selectImages(graph, { groups: ['gpus'] })).toThrow(
      'group "gpus" has no image; did you mean "gpu"? the groups are: fate, gpu',
    );
  });
});
