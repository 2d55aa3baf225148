/** Type tests of the helpers outside definitions: `defineConfig` and `tagFromGitRef`. */
import { describe, expectTypeOf, it } from 'vitest';
import { defineConfig, tagFromGitRef, type Settings } from 'dockwright';

describe('defineConfig', () => {
  it('returns the settings as given', () => {
    expectTypeOf(defineConfig({ namespace: 'acme', lint: { rules: { pipefail: 'off' } } })).toEqualTypeOf<Settings>();
  });

  it('rejects unknown settings and values of the wrong type', () => {
    // @ts-expect-error there is no `tags` setting (`tag` is)
    defineConfig({ tags: ['dev'] });
    // @ts-expect-error parallel is a number
    defineConfig({ parallel: '4' });
    // @ts-expect-error a rule's severity is off, warning or error
    defineConfig({ lint: { rules: { pipefail: 'silent' } } });
  });
});

describe('tagFromGitRef', () => {
  it('maps a ref (text) to a tag (text)', () => {
    expectTypeOf(tagFromGitRef).parameters.toEqualTypeOf<[ref: string]>();
    expectTypeOf(tagFromGitRef('refs/tags/v1.2.0')).toEqualTypeOf<string>();
    // @ts-expect-error a ref is text
    tagFromGitRef({ ref: 'main' });
  });
});
