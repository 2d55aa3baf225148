import { describe, expect, it } from 'vitest';
import { bakeLineSorter } from '../../../src/runner/bake-lines.js';
import { vertexOwner } from '../../../src/runner/vertex-owner.js';

const dockerfiles = new Map([
  ['c1', 'FROM busybox:stable AS main\nARG WORD=one\nRUN echo ${WORD} > /one \\\n    && true\nWORKDIR /w\n'],
  ['c2', 'ARG C1_IMAGE=acme/c1\nFROM ${C1_IMAGE} AS main\nRUN cat /one && echo two > /two\nWORKDIR /w\n'],
  ['c3', 'ARG C2_IMAGE=acme/c2\nFROM ${C2_IMAGE} AS main\n# RUN echo one > /one\nRUN cat /one /two\n'],
]);
const ancestors = new Map([
  ['c1', []],
  ['c2', ['c1']],
  ['c3', ['c2', 'c1']],
]);

describe('vertexOwner', () => {
  const owner = vertexOwner(dockerfiles, ancestors);

  it('gives a step named under a child to the ancestor whose Dockerfile has it (args expanded, continuations joined)', () => {
    expect(owner('c3', 'RUN echo one > /one     && true')).toBe('c1');
    expect(owner('c3', 'RUN cat /one && echo two > /two')).toBe('c2');
    expect(owner('c2', 'RUN echo one > /one     && true')).toBe('c1');
  });

  it('keeps the step with the target it is named under when that Dockerfile has it, or when none has it', () => {
    expect(owner('c3', 'RUN cat /one /two')).toBe('c3');
    expect(owner('c2', 'WORKDIR /w')).toBe('c2');
    expect(owner('c3', 'FROM docker.io/library/busybox:stable')).toBe('c3');
    // a commented-out line is no instruction
    expect(owner('c1', 'RUN cat /one /two')).toBe('c1');
  });

  it("sorts bake lines by owner and names the step as the owner's own build would", () => {
    const sorter = bakeLineSorter(new Set(['c1', 'c2', 'c3']), owner);
    expect(sorter.sort('#15 [c3 main 2/3] RUN echo one > /one     && true')).toEqual({
      target: 'c1',
      own: '#15 [main 2/3] RUN echo one > /one     && true',
    });
    expect(sorter.sort('#15 [c2 main 2/3] RUN echo one > /one     && true')).toEqual({
      target: 'c1',
      own: '#15 [main 2/3] RUN echo one > /one     && true',
    });
    expect(sorter.sort('#15 DONE 0.2s')).toEqual({ target: 'c1', own: '#15 DONE 0.2s' });
    expect(sorter.sort('#16 [c3 internal] load build definition from Dockerfile')).toEqual({
      target: 'c3',
      own: '#16 [internal] load build definition from Dockerfile',
    });
    expect(sorter.sort('#17 [c2] exporting to image')).toEqual({ target: 'c2', own: '#17 exporting to image' });
    expect(sorter.sort('#17 DONE 0.1s')).toEqual({ target: 'c2', own: '#17 DONE 0.1s', exported: true });
  });
});
