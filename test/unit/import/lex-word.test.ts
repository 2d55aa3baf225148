/** lexWord: a Dockerfile word as BuildKit lexes it, spelled as the model reads values Docker expands. */
import { describe, expect, it } from 'vitest';
import { lexWord } from '../../../src/import/lex-word.js';

describe('lexWord', () => {
  it('removes quotes and applies escapes', () => {
    expect(lexWord('"/app"', '\\')).toBe('/app');
    expect(lexWord('a\\ b', '\\')).toBe('a b');
    expect(lexWord('"x\\"y\\\\z\\n"', '\\')).toBe('x"y\\z\\n');
    expect(lexWord('"a`"b"', '`')).toBe('a"b');
  });

  it('keeps single-quoted and escaped dollars as literal ($$), references as written', () => {
    expect(lexWord("'$6$salt$abc'", '\\')).toBe('$$6$$salt$$abc');
    expect(lexWord('"\\$HOME/y"', '\\')).toBe('$$HOME/y');
    expect(lexWord('\\$HOME', '\\')).toBe('$$HOME');
    expect(lexWord('"$HOME/z" ${A:-b}', '\\')).toBe('$HOME/z ${A:-b}');
    expect(lexWord('$ 5', '\\')).toBe('$$ 5');
  });
});
