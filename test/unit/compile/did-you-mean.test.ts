import { expect, it } from 'vitest';
import { abbreviationOf, didYouMean, editDistance } from '../../../src/compile/did-you-mean.js';

it('counts a swap of neighbours as one edit', () => {
  expect(editDistance('VERSION', 'VERSOIN')).toBe(1);
  expect(editDistance('VERSION', 'VERSON')).toBe(1);
  expect(editDistance('abc', '')).toBe(3);
  expect(editDistance('kitten', 'sitting')).toBe(3);
});

it('suggests the closest candidate within the budget, preferring a case difference', () => {
  expect(didYouMean('VERSON', ['VERSION', 'PERSON_ID'])).toBe('VERSION');
  expect(didYouMean('version', ['VERSION', 'VERSIONS'])).toBe('VERSION');
  expect(didYouMean('XYZ_ABC', ['VERSION'])).toBeUndefined();
  expect(didYouMean('AB', ['AC'])).toBeUndefined();
  expect(didYouMean('VERSION', ['VERSION'])).toBeUndefined();
});

it('abbreviationOf: names that differ by a shortened or lengthened word', () => {
  expect(abbreviationOf('PY_VERSION', ['PYTHON_VERSION', 'NODE_VERSION'])).toBe('PYTHON_VERSION');
  expect(abbreviationOf('PYTHON_VER', ['PYTHON_VERSION'])).toBe('PYTHON_VERSION');
  expect(abbreviationOf('P_V', ['PYTHON_VERSION'])).toBeUndefined();
  expect(abbreviationOf('PY_VERSION', ['PYTHON_VERSION', 'PYPY_VERSION'])).toBeUndefined();
  expect(abbreviationOf('VERSION', ['PYTHON_VERSION'])).toBeUndefined();
});
