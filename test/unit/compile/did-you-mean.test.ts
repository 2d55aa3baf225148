import { expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../../src/compile/did-you-mean.js';

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
