import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandArgv, pipefailSetting, shellName, simpleCommands } from '../../../src/compile/lint/shell-commands.js';
import { shellTokens, wordShape, type ShellToken } from '../../../src/compile/lint/shell-words.js';

const show = (tokens: readonly ShellToken[]): string[] =>
  tokens.map((t) => (t.kind === 'op' ? `<${t.op === '\n' ? 'NL' : t.op}>` : t.value));
const ops = (text: string): string[] => shellTokens(text).flatMap((t) => (t.kind === 'op' ? [t.op] : []));

describe('shellTokens', () => {
  it('splits words and operators, longest operator first', () => {
    expect(show(shellTokens('a | b || c && d; e & f |& g'))).toEqual([
      'a',
      '<|>',
      'b',
      '<||>',
      'c',
      '<&&>',
      'd',
      '<;>',
      'e',
      '<&>',
      'f',
      '<|&>',
      'g',
    ]);
  });

  it('removes quotes and resolves escapes in values', () => {
    expect(show(shellTokens(`echo 'a | b' "c | \\"d\\"" e\\|f $'g|h'`))).toEqual(['echo', 'a | b', 'c | "d"', 'e|f', 'g|h']);
  });

  it('keeps $(…), ${…} and backticks inside their word', () => {
    expect(show(shellTokens('x=$(a | b) y=${z:-a|b} w=`c | d` "$(e "|" f)"'))).toEqual([
      'x=$(a | b)',
      'y=${z:-a|b}',
      'w=`c | d`',
      '$(e "|" f)',
    ]);
  });

  it('drops comments, joins continuation lines', () => {
    expect(show(shellTokens('a \\\n  b # c | d\ne'))).toEqual(['a', 'b', '<NL>', 'e']);
    expect(show(shellTokens('echo a#b'))).toEqual(['echo', 'a#b']);
  });

  it('treats >| and 2>&1 as redirections, not pipes or words', () => {
    expect(ops('a >| f 2>&1')).toEqual(['>|', '>&']);
    expect(show(shellTokens('a 2>&1'))).toEqual(['a', '<>&>', '1']);
  });

  it('skips here-document bodies', () => {
    expect(show(shellTokens("cat <<'EOF' > f\na | b\nEOF\nc | d"))).toEqual(['cat', '<<<>', 'EOF', '<>>', 'f', '<NL>', 'c', '<|>', 'd']);
    expect(ops('cat <<-END\n\tx | y\n\tEND\nz')).toEqual(['<<-', '\n']);
  });

  it('never throws on unterminated quotes or expansions', () => {
    expect(show(shellTokens(`echo 'abc`))).toEqual(['echo', 'abc']);
    expect(show(shellTokens('echo "abc'))).toEqual(['echo', 'abc']);
    expect(shellTokens('echo $(a | b').length).toBe(2);
  });

  it('wordShape masks quoted parts, keeping lengths', () => {
    const [word] = shellTokens(`a'{b,c}'"d"\\{`);
    expect(word?.kind).toBe('word');
    if (word?.kind !== 'word') return;
    expect(wordShape(word)).toBe(`a${'\u0001'.repeat(7)}${'\u0001'.repeat(3)}\u0001\u0001`);
    expect(wordShape(word, ['none', 'double'])).toBe(`a${'\u0001'.repeat(7)}"d"\u0001\u0001`);
  });

  it('property: text inside single or double quotes never yields an operator', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '|', '&', ';', ' ', '(', ')', '>', '<', '\n', '#') }), (s) => {
        expect(ops(`echo '${s}'`)).toEqual([]);
        expect(ops(`echo "${s}"`)).toEqual([]);
      }),
    );
  });

  it('property: never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(() => simpleCommands(shellTokens(s))).not.toThrow();
      }),
    );
  });
});

describe('shell commands', () => {
  it('simpleCommands records what precedes each command and drops redirection targets', () => {
    const cmds = simpleCommands(shellTokens('a > out | b 2>/dev/null && c'));
    expect(cmds.map((c) => [c.words.map((w) => w.value).join(' '), c.after])).toEqual([
      ['a', undefined],
      ['b', '|'],
      ['c', '&&'],
    ]);
  });

  it('commandArgv skips assignments, sudo and reserved words', () => {
    const [cmd] = simpleCommands(shellTokens('DEBIAN_FRONTEND=noninteractive sudo apt-get install -y curl'));
    expect(cmd && commandArgv(cmd)).toEqual(['apt-get', 'install', '-y', 'curl']);
  });

  it('pipefailSetting reads -o pipefail in any spelling, and +o', () => {
    expect(pipefailSetting(['-o', 'pipefail'])).toBe(true);
    expect(pipefailSetting(['-euxo', 'pipefail'])).toBe(true);
    expect(pipefailSetting(['-e', '-o', 'pipefail', '-c'])).toBe(true);
    expect(pipefailSetting(['+o', 'pipefail'])).toBe(false);
    expect(pipefailSetting(['-e', '-c'])).toBeUndefined();
    expect(pipefailSetting(['-o', 'errexit'])).toBeUndefined();
  });

  it('shellName looks through /usr/bin/env', () => {
    expect(shellName(['/bin/bash', '-c'])).toBe('bash');
    expect(shellName(['/usr/bin/env', 'python3'])).toBe('python3');
    expect(shellName(['/usr/bin/env', '-S', 'bash', '-e'])).toBe('bash');
  });
});
