import { describe, expect, it } from 'vitest';
import { scanVars, shellAssignedNames } from '../../../src/compile/var-refs.js';

const names = (text: string, reader: 'docker' | 'shell') => scanVars(text, reader).map((r) => r.name);

describe('docker reader (same rules as the quoting module)', () => {
  it('finds $X, ${X}, ${X:-d}, ${X:+d}', () => {
    expect(names('$A/${B}/${C:-d}/${D:+e}-$E_1x', 'docker')).toEqual(['A', 'B', 'C', 'D', 'E_1x']);
  });
  it('gives offsets of the $', () => {
    expect(scanVars('ab${C}', 'docker')).toEqual([{ name: 'C', index: 2 }]);
  });
  it('treats quotes and backslashes as plain characters, and $ not followed by a name as literal', () => {
    expect(names("'$A' \\$B $1 $ ${", 'docker')).toEqual(['A', 'B']);
  });
});

describe('shell reader', () => {
  it('skips single-quoted and backslash-escaped text, not double-quoted', () => {
    expect(names(`echo '$A' \\$B "$C" "it's $D"`, 'shell')).toEqual(['C', 'D']);
  });
  it('follows nested words and command substitution, skips arithmetic and special parameters', () => {
    expect(names('${A:-${B}} $(echo $C) $((D+1)) $1 $@ $? ${#E}', 'shell')).toEqual(['A', 'B', 'C']);
  });
});

it('shellAssignedNames finds assignments, for, read, export', () => {
  expect([...shellAssignedNames('A=1 && export B=2; for C in x; do read -r D E; done; local F+=x')].sort()).toEqual([
    'A',
    'B',
    'C',
    'D',
    'E',
    'F',
  ]);
});
