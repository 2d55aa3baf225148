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

describe('dockerignore rules: where BuildKit differs from git', () => {
  it('only a `#` in the first column starts a comment', () => {
    expect(parseDockerignore('#a\n  #b\n \t\n')).toEqual(['#b']);
  });

  it('`[!x]` is a class of `!` and `x`, not its complement', () => {
    const m = dockerignoreMatcher(parseDockerignore('[!x]op.txt\n'));
    expect(['top.txt', 'xop.txt', '!op.txt'].map((p) => m.ignores(p))).toEqual([false, true, true]);
  });

  it('`\\` escapes the next character; `**` at the start matches at any depth', () => {
    const m = dockerignoreMatcher(parseDockerignore('\\#hash.txt\n**/x.md\n'));
    expect(['#hash.txt', 'x.md', 'a/b/x.md', 'ax.md'].map((p) => m.ignores(p))).toEqual([true, true, true, false]);
  });

  it('a pattern matching a folder matches below it until a `!` pattern re-includes', () => {
    const m = dockerignoreMatcher(parseDockerignore('a/b\n!a/b/c/keep\n*/c\n'));
    expect(['a/b/x', 'a/b/c/keep', 'a/b/c/other', 'x/c/f', 'c/f'].map((p) => m.ignores(p))).toEqual([true, false, true, true, false]);
  });
});
