import { describe, expect, it } from 'vitest';
import { createSourceTable, imageArgName } from '../../../src/compile/lower-source.js';

describe('imageArgName', () => {
  it('is the upper snake case of the id plus _IMAGE', () => {
    expect(imageArgName('base-image')).toBe('BASE_IMAGE_IMAGE');
    expect(imageArgName('fit-framework:alpine')).toBe('FIT_FRAMEWORK_ALPINE_IMAGE');
    expect(imageArgName('a.b_c')).toBe('A_B_C_IMAGE');
  });
  it('is a valid variable name when the id starts with a digit', () => {
    expect(imageArgName('3rd-party')).toBe('_3RD_PARTY_IMAGE');
  });
});

describe('source table', () => {
  const ref = (id: string) => `reg.test/${id}:1`;

  it('names stages and contexts directly, images and external refs through one alias each', () => {
    const t = createSourceTable(['main'], ref);
    expect(t.sourceName({ kind: 'stage', name: 'build' }, [])).toBe('build');
    expect(t.sourceName({ kind: 'context', name: 'vendor' }, [])).toBe('vendor');
    expect(t.sourceName({ kind: 'image', id: 'tools:alpine' }, ['a'])).toBe('image-tools-alpine');
    expect(t.sourceName({ kind: 'image', id: 'tools:alpine' }, ['b'])).toBe('image-tools-alpine');
    expect(t.sourceName({ kind: 'external', ref: 'ghcr.io/org/x:1.2@sha256:' + 'ab'.repeat(32) }, [])).toBe(
      'ext-ghcr-io-org-x-1-2-abababababab',
    );
    expect(t.aliases.map((a) => [a.stage, a.image])).toEqual([
      ['image-tools-alpine', '${TOOLS_ALPINE_IMAGE}'],
      ['ext-ghcr-io-org-x-1-2-abababababab', 'ghcr.io/org/x:1.2@sha256:' + 'ab'.repeat(32)],
    ]);
    expect(t.imageArgs).toEqual([{ kind: 'arg', name: 'TOOLS_ALPINE_IMAGE', default: 'reg.test/tools:alpine:1', modelPath: ['a'] }]);
  });

  it('never gives an alias the name of a stage', () => {
    const t = createSourceTable(['ext-busybox', 'ext-busybox-2'], ref);
    expect(t.sourceName({ kind: 'external', ref: 'busybox' }, [])).toBe('ext-busybox-3');
  });

  it('writes FROM an image through its ARG, and scratch, stages, contexts and refs as they are', () => {
    const t = createSourceTable([], ref);
    expect(t.fromImage({ kind: 'image', id: 'base' }, [])).toBe('${BASE_IMAGE}');
    expect(t.fromImage({ kind: 'scratch' }, [])).toBe('scratch');
    expect(t.fromImage({ kind: 'stage', name: 'build' }, [])).toBe('build');
    expect(t.fromImage({ kind: 'external', ref: 'busybox:${TAG}' }, [])).toBe('busybox:${TAG}');
    expect(t.aliases).toEqual([]);
  });
});
