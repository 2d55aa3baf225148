import { describe, expect, it } from 'vitest';
import { copy, externalImage, image, namedContext, run, stage, variants, bindMount } from 'dockwright';
import { resolveImages } from '../../../src/compile/resolve-images.js';
import { DefinitionError, formatProblem } from '../../../src/errors/index.js';
import { parentIds } from '../../../src/model/resolved.js';

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DefinitionError) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error('expected a DefinitionError');
};

const base = image({ name: 'base', from: 'debian:bookworm-slim', steps: [run('true')] });

describe('resolveImages', () => {
  it('gives ids, dirs and files, and resolves stage and image references to names', () => {
    const build = stage('build', { from: 'scratch' }, [copy('a', '/a', { from: namedContext('pkgs') })]);
    const app = image({
      name: 'app',
      buildContexts: { pkgs: './packages' },
      stages: [
        build,
        stage('runtime', { from: base }, [
          copy('/a', '/b', { from: build }),
          copy('/c', '/d', { from: externalImage('busybox:stable') }),
          run('ls', { mounts: [bindMount('/m', { from: base })] }),
        ]),
      ],
    });
    const [b, a] = resolveImages([
      { file: 'definitions/base.ts', exports: [base] },
      { file: 'definitions/app.ts', exports: [app] },
    ]);
    expect(b).toMatchObject({
      id: 'base',
      dir: 'base',
      file: 'definitions/base.ts',
      target: 'main',
      stages: [{ name: 'main', from: { kind: 'external', ref: 'debian:bookworm-slim' } }],
    });
    expect(a?.target).toBe('runtime');
    expect(a?.stages[0]?.from).toEqual({ kind: 'scratch' });
    expect(a?.stages[0]?.steps[0]).toMatchObject({ kind: 'copy', from: { kind: 'context', name: 'pkgs' } });
    expect(a?.stages[1]?.from).toEqual({ kind: 'image', id: 'base' });
    expect(a?.stages[1]?.steps[0]).toMatchObject({ from: { kind: 'stage', name: 'build' } });
    expect(a?.stages[1]?.steps[1]).toMatchObject({ from: { kind: 'external', ref: 'busybox:stable' } });
    expect(a && parentIds(a)).toEqual(['base']);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a?.stages[1]?.steps[0])).toBe(true);
  });

  it('names variants name:key with dir name-key, and counts an object exported twice once', () => {
    const fit = variants({ name: 'fit', axes: { os: ['alpine', 'debian'] }, image: ({ os }) => ({ from: `${os}:x`, steps: [] }) });
    const child = image({ name: 'child', from: fit.pick({ os: 'alpine' }), steps: [] });
    const models = resolveImages([
      { file: 'definitions/fit.ts', exports: [fit, [fit.pick({ os: 'debian' })]] },
      { file: 'definitions/child.ts', exports: [child, fit] },
    ]);
    expect(models.map((m) => [m.id, m.dir, m.file])).toEqual([
      ['fit:alpine', 'fit-alpine', 'definitions/fit.ts'],
      ['fit:debian', 'fit-debian', 'definitions/fit.ts'],
      ['child', 'child', 'definitions/child.ts'],
    ]);
    expect(models[2]?.stages[0]?.from).toEqual({ kind: 'image', id: 'fit:alpine' });
  });

  it('ignores exports that are not images', () => {
    expect(resolveImages([{ file: 'f.ts', exports: [stage('s', { from: 'x' }), 'text', 42, null, { kind: 'other' }] }])).toEqual([]);
  });

  it('reports zod problems with the image name even when other fields are broken', () => {
    const bad = { ...base, push: 'yes', ports: [80] };
    expect(problemsOf(() => resolveImages([{ file: 'definitions/bad.ts', exports: [bad] }]))).toEqual([
      'definitions/bad.ts › base › push: has the wrong type (given "yes", expected true or false)',
      'definitions/bad.ts › base › ports: unknown field',
    ]);
  });

  it('reports references to stages of other images, later stages, unexported images and undeclared contexts', () => {
    const tools = stage('tools', { from: 'busybox' });
    const other = image({ name: 'other', stages: [tools] });
    const later = stage('later', { from: 'busybox' });
    const hidden = image({ name: 'hidden', from: 'busybox', steps: [] });
    const app = image({
      name: 'app',
      stages: [
        stage('main', { from: hidden }, [
          copy('/x', '/x', { from: tools }),
          copy('/y', '/y', { from: later }),
          copy('/z', '/z', { from: namedContext('nope') }),
        ]),
        later,
      ],
      target: stage('ghost', { from: 'x' }),
    });
    expect(
      problemsOf(() =>
        resolveImages(
          [
            { file: 'd/other.ts', exports: [other] },
            { file: 'd/app.ts', exports: [app] },
          ],
          { definitionsDir: 'd' },
        ),
      ),
    ).toEqual([
      'd/app.ts › app › stages[0].from: image "hidden" is not exported from any file in d/',
      'd/app.ts › app › stages[0].steps[0].from: stage "tools" is not a stage of image "app" (it belongs to image "other")',
      'd/app.ts › app › stages[0].steps[1].from: stage "later" is defined after stage "main", which uses it',
      'd/app.ts › app › stages[0].steps[2].from: named context "nope" is not declared in buildContexts (expected a key of the image\'s buildContexts)',
      'd/app.ts › app › target: stage "ghost" is not a stage of image "app"',
    ]);
  });

  it('reports duplicate ids, output folder collisions and duplicate stage names', () => {
    const a1 = image({ name: 'a', from: 'x', steps: [] });
    const a2 = image({ name: 'a', from: 'y', steps: [] });
    const v = variants({ name: 'fit', axes: { os: ['alpine'] }, image: () => ({ from: 'x', steps: [] }) });
    const flat = image({ name: 'fit-alpine', from: 'x', steps: [] });
    const twice = image({ name: 'twice', stages: [stage('s', { from: 'x' }), stage('s', { from: 'y' })] });
    expect(
      problemsOf(() =>
        resolveImages([
          { file: 'one.ts', exports: [a1, v] },
          { file: 'two.ts', exports: [a2, flat, twice] },
        ]),
      ),
    ).toEqual([
      'two.ts › a › name: image id "a" is already defined in one.ts',
      'two.ts › fit-alpine › name: output folder "fit-alpine" is already used by image "fit:alpine" (one.ts)',
      'two.ts › twice › stages[1].name: stage name "s" is already used by stages[0]',
    ]);
  });

  it('reports a cycle between images once, naming it', () => {
    const stagesA: ReturnType<typeof stage>[] = [];
    const a = image({ name: 'a', stages: stagesA });
    const b = image({ name: 'b', from: a, steps: [] });
    stagesA.push(stage('main', { from: b }));
    expect(problemsOf(() => resolveImages([{ file: 'c.ts', exports: [a, b] }]))).toEqual([
      'c.ts › a: images depend on each other: a → b → a',
    ]);
  });
});
