import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dockerSegments } from '../../../src/compile/docker-variables.js';
import { scanVars } from '../../../src/compile/var-refs.js';
import { splitVariables } from '../../../src/render/quote/variable-refs.js';

describe('the docker variable grammar', () => {
  it('reads references, $$ and a lone $ the way BuildKit does', () => {
    expect(dockerSegments('a$X/${Y:-d}$$z$')).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'ref', name: 'X', index: 1 },
      { kind: 'text', text: '/' },
      { kind: 'ref', name: 'Y', index: 4, modifier: ':-', word: 'd' },
      { kind: 'text', text: '$z$' },
    ]);
    expect(dockerSegments('${X%%.*}')).toEqual([
      { kind: 'unsupported', index: 0 },
      { kind: 'text', text: '${X%%.*}' },
    ]);
  });

  it('is the same grammar for the variable checks and for the quoting module', () => {
    const value = fc.stringMatching(/^[$a-zA-Z_0-9{}:+\-/ ]{0,24}$/);
    fc.assert(
      fc.property(value, (v) => {
        const checked = scanVars(v, 'docker').map((r) => r.name);
        let rendered: string[];
        try {
          rendered = splitVariables('test', v, true).flatMap((s) => (s.kind === 'ref' ? [s.name] : []));
        } catch {
          // the quoting module refuses an unsupported `${`: the grammar says where it is
          expect(dockerSegments(v).some((s) => s.kind === 'unsupported')).toBe(true);
          return;
        }
        expect(checked).toEqual(rendered);
      }),
      { numRuns: 2000 },
    );
  });
});
