import { describe, expect, it } from 'vitest';
import { dockerignoreMatcher, parseDockerignore } from '../../../src/incremental/dockerignore.js';

describe('dockerignore rules (docker semantics)', () => {
  const m = dockerignoreMatcher(parseDockerignore('# comment\n\n/build/\n*.log\n**/__pycache__\n!build/keep.txt\n./bar/*.tmp\n'));

  it('cleans patterns as docker does', () => {
    expect(m.patterns).toEqual(['build', '*.log', '**/__pycache__', '!build/keep.txt', 'bar/*.tmp']);
    expect(m.hasExceptions).toBe(true);
  });

  it.each([
    ['build', true],
    ['build/x/y', true],
    // unlike git, `!` re-includes a file inside an excluded folder
    ['build/keep.txt', false],
    ['a.log', true],
    // patterns are anchored at the context root
    ['sub/a.log', false],
    ['x/__pycache__/y.pyc', true],
    ['__pycache__', true],
    ['bar/z.tmp', true],
    ['bar/q/z.tmp', false],
    ['src/main.py', false],
  ])('%s → ignored: %s', (path, ignored) => {
    expect(m.ignores(path)).toBe(ignored);
  });

  it('the last matching pattern wins', () => {
    const last = dockerignoreMatcher(parseDockerignore('!a.txt\n*.txt\n'));
    expect(last.ignores('a.txt')).toBe(true);
    expect(last.hasExceptions).toBe(true);
  });
});
