import { describe, expect, it } from 'vitest';
import { image, tagFromGitRef, variants, type ImageSpec } from 'dockwright';
import { resolveImages } from '../../../src/compile/resolve-images.js';
import { DefinitionError, formatProblem } from '../../../src/errors/index.js';
import { SettingsSchema, type SettingsInput } from '../../../src/model/settings.js';
import type { ImageModel } from '../../../src/model/resolved.js';
import { imageTags, primaryRef } from '../../../src/plan/tags.js';

const model = (spec: Partial<ImageSpec> = {}): ImageModel => {
  const [m] = resolveImages([
    { file: 'definitions/x.ts', exports: [image({ name: 'app', from: 'busybox', steps: [], ...spec } as ImageSpec)] },
  ]);
  if (!m) throw new Error('no model');
  return m;
};
const settings = (s: SettingsInput = {}) => SettingsSchema.parse(s);

describe('imageTags', () => {
  it('tags module images with the module tag, latest by default, under registry and namespace', () => {
    expect(imageTags(model(), settings())).toEqual(['app:latest']);
    expect(imageTags(model(), settings({ registry: '127.0.0.1:5000', namespace: 'fate', tag: '2.1' }))).toEqual([
      '127.0.0.1:5000/fate/app:2.1',
    ]);
    expect(imageTags(model(), settings({ gitRef: 'refs/tags/v1.2.0' }))).toEqual(['app:1.2.0-release']);
    expect(imageTags(model(), settings({ gitRef: 'v1.2.0', tag: 'dev' }))).toEqual(['app:dev']);
  });

  it('tags base images with the base tag, falling back to the module tag', () => {
    expect(imageTags(model({ tagSet: 'base' }), settings({ tag: 'm' }))).toEqual(['app:m']);
    expect(imageTags(model({ tagSet: 'base' }), settings({ tag: 'm', baseTag: 'b' }))).toEqual(['app:b']);
  });

  it('gives variants {tag}-<variantKey> by default and fills axis placeholders', () => {
    const fit = variants({
      name: 'fit',
      axes: { os: ['alpine'], gpu: ['cuda'] },
      image: ({ os }) => ({ from: os, steps: [], ...(os === 'alpine' ? {} : { tags: ['x'] }) }),
    });
    const custom = variants({
      name: 'c',
      axes: { os: ['debian'] },
      image: () => ({ from: 'x', steps: [], tags: ['{version}-{os}', 'v{version}'], version: '3.1' }),
    });
    const [f, c] = resolveImages([{ file: 'f.ts', exports: [fit, custom] }]);
    expect(f && imageTags(f, settings({ tag: '1.0' }))).toEqual(['fit:1.0-alpine-cuda']);
    expect(c && imageTags(c, settings())).toEqual(['c:3.1-debian', 'c:v3.1']);
  });

  it('keeps defaultVersion rules only for the default version, and drops duplicates', () => {
    const spec: Partial<ImageSpec> = { tags: ['{version}', { tag: 'latest', when: 'defaultVersion' }, '{version}'], defaultVersion: '2' };
    expect(imageTags(model({ ...spec, version: '2' }), settings())).toEqual(['app:2', 'app:latest']);
    expect(imageTags(model({ ...spec, version: '1' }), settings())).toEqual(['app:1']);
    expect(imageTags(model(spec), settings({ version: '2' }))).toEqual(['app:2', 'app:latest']);
  });

  it('reports unknown placeholders, a missing version and invalid tags', () => {
    const problems = (spec: Partial<ImageSpec>): string[] => {
      try {
        imageTags(model(spec), settings());
      } catch (err) {
        if (err instanceof DefinitionError) return err.problems.map(formatProblem);
      }
      return [];
    };
    expect(problems({ tags: ['{tagg}'] })).toEqual([
      'definitions/x.ts › app › tags[0]: unknown placeholder {tagg}; did you mean {tag}? (expected one of {version}, {tag}, {baseTag})',
    ]);
    expect(problems({ tags: ['ok', '{version}'] })).toEqual([
      'definitions/x.ts › app › tags[1]: {version} is used but the image has no version (expected a `version` on the image, DOCKWRIGHT_VERSION or --image-version)',
    ]);
    expect(problems({ tags: ['-bad'] })[0]).toMatch(/tags\[0\]: "-bad" is not a valid docker tag/);
    expect(problems({ tags: [{ tag: 'x', when: 'defaultVersion' }], version: '1', defaultVersion: '2' })).toEqual([
      'definitions/x.ts › app › tags: no tag rule applies to version 1 (the default version is 2)',
    ]);
  });

  it('primaryRef is the first tag', () => {
    expect(primaryRef(model({ tags: ['a', 'b'] }), settings({ namespace: 'n' }))).toBe('n/app:a');
  });
});

describe('tagFromGitRef', () => {
  it.each([
    ['main', 'latest'],
    ['master', 'latest'],
    ['refs/heads/main', 'latest'],
    ['v1.2.0', '1.2.0-release'],
    ['refs/tags/v1.2.0', '1.2.0-release'],
    ['refs/tags/1.2.0', '1.2.0-release'],
    ['refs/tags/v2.0.0+build.5', '2.0.0-build.5-release'],
    ['refs/heads/feature/x', 'feature-x'],
    ['refs/heads/v2', 'v2'],
    ['feature/Some thing!!', 'feature-Some-thing'],
    ['refs/tags/nightly', 'nightly'],
    ['.hidden', 'hidden'],
    ['///', 'latest'],
  ])('%s → %s', (ref, tag) => {
    expect(tagFromGitRef(ref)).toBe(tag);
  });

  it('always yields a valid docker tag', () => {
    expect(tagFromGitRef(`refs/heads/${'x'.repeat(300)}`)).toHaveLength(128);
  });
});
