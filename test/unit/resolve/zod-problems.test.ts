import { describe, expect, it } from 'vitest';
import { copy, run, stage } from 'dockwright';
import { describeValue, zodProblems } from '../../../src/compile/zod-problems.js';
import { ImageSchema } from '../../../src/model/image.js';

const problems = (input: unknown) => {
  const r = ImageSchema.safeParse(input);
  if (r.success) throw new Error('expected the parse to fail');
  return zodProblems(r.error.issues, input);
};

const good = { kind: 'image', name: 'x', stages: [stage('main', { from: 'busybox' }, [run('true')])] };

describe('zodProblems', () => {
  it('names the path, the value given and what is expected', () => {
    expect(problems({ ...good, name: 'Bad_Name', groups: 'web' })).toEqual([
      {
        path: ['name'],
        message: 'has the wrong format',
        given: '"Bad_Name"',
        expected: 'lowercase letters and digits, separated by ".", "_" or "-"',
      },
      { path: ['groups'], message: 'has the wrong type', given: '"web"', expected: 'an array' },
    ]);
  });

  it('reports missing fields, empty arrays and unknown fields', () => {
    expect(problems({ kind: 'image', name: 'x', stages: [], ports: [1] })).toEqual([
      { path: ['stages'], message: 'must not be empty', given: '[]' },
      { path: ['ports'], message: 'unknown field' },
    ]);
    expect(problems({ kind: 'image', name: 'x' })).toEqual([{ path: ['stages'], message: 'is required', expected: 'an array' }]);
  });

  it('explains a union by the branch that got furthest, or lists the accepted forms', () => {
    const stages = [
      stage('main', { from: 'busybox' }, [copy('a', 'b', { from: { context: 5 } as never }), copy('a', 'b', { from: 'builder' as never })]),
    ];
    expect(problems({ ...good, stages, healthcheck: { test: 5 } })).toEqual([
      { path: ['stages', 0, 'steps', 0, 'from', 'context'], message: 'has the wrong type', given: '5', expected: 'a string' },
      {
        path: ['stages', 0, 'steps', 1, 'from'],
        message: 'is not valid',
        given: '"builder"',
        expected: 'a stage made with stage() or an image made with image() or variants().pick() or an object',
      },
      { path: ['healthcheck', 'test'], message: 'has the wrong type', given: '5', expected: 'an array or an object' },
    ]);
  });

  it('names an unknown instruction kind with the kinds there are', () => {
    const [p] = problems({ ...good, stages: [{ kind: 'stage', name: 'main', from: 'x', steps: [{ kind: 'runn' }] }] });
    expect(p).toMatchObject({ path: ['stages', 0, 'steps', 0, 'kind'], message: 'unknown kind', given: '"runn"' });
    expect(p?.expected).toMatch(/^one of run, copy, add, /);
  });

  it('describes values shortly', () => {
    expect(describeValue(stage('build', { from: 'x' }))).toBe('stage "build"');
    expect(describeValue(() => 1)).toBe('a function');
    expect(describeValue('x'.repeat(100))).toHaveLength(58);
    expect(describeValue(undefined)).toBe('nothing');
  });

  it('suggests the field a misspelt key meant, at any depth', () => {
    const raw = {
      kind: 'image',
      name: 'a',
      helthcheck: 'none',
      stages: [stage('main', { from: 'x' }, [{ ...copy('a', '/b'), chwon: '1' } as never])],
    };
    const parsed = ImageSchema.safeParse(raw);
    const problems = parsed.success ? [] : zodProblems(parsed.error.issues, raw, ImageSchema);
    expect(problems.map((p) => [p.path?.join('.'), p.message])).toEqual([
      ['stages.0.steps.0.chwon', 'unknown field; did you mean "chown"?'],
      ['helthcheck', 'unknown field; did you mean "healthcheck"?'],
    ]);
  });
});
