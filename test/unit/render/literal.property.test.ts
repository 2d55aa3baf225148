/**
 * `literal(text)`: whatever the text, every field Docker expands reads it back byte for byte. The
 * rendered word is read the way BuildKit's word lexer reads it (quotes removed, escapes applied,
 * `$NAME` / `${NAME}` expanded) by a small reader written here, independently of src/.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { literal } from '../../../src/api/literal.js';
import * as q from '../../../src/render/quote.js';

/** Every name expands to a marker, so an unescaped `$` never goes unnoticed. */
const EXPANDED = '<expanded>';

function readWord(src: string, escape: string): string {
  let out = '';
  let i = 0;
  const dollar = (): void => {
    const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::[-+][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*|\d+))/.exec(src.slice(i));
    if (m === null) {
      out += '$';
      i += 1;
    } else {
      out += EXPANDED;
      i += m[0].length;
    }
  };
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in ${src}`);
      out += src.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      for (i += 1; src[i] !== '"';) {
        if (i >= src.length) throw new Error(`unterminated " in ${src}`);
        const d = src[i] ?? '';
        if (d === escape && ['"', '$', escape].includes(src[i + 1] ?? '')) {
          out += src[i + 1];
          i += 2;
        } else if (d === '$') dollar();
        else {
          out += d;
          i += 1;
        }
      }
      i += 1;
    } else if (c === escape) {
      out += src[i + 1] ?? '';
      i += 2;
    } else if (c === '$') dollar();
    else {
      out += c;
      i += 1;
    }
  }
  return out;
}

const unit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('$', '$$', '${', '}', '{', '"', "'", '\\', '`', ' ', '\t', 'a', 'Z_1', ':-', '#', 'é', '😀') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
const text = fc.string({ unit, minLength: 1, maxLength: 16 }).filter((t) => !/[\r\n\0]/.test(t) && t.trim() !== '');
const escapeArb = fc.constantFrom<q.EscapeChar>('\\', '`');

describe('literal() (property, 10,000 cases)', () => {
  it('ENV / LABEL / ARG values, WORKDIR / USER / STOPSIGNAL words and COPY / VOLUME paths read back as the same text', () => {
    fc.assert(
      fc.property(text, escapeArb, (t, escape) => {
        const value = literal(t);
        for (const kind of ['env', 'label', 'arg'] as const) {
          const pair = q.keyValue('K', value, { kind, escape, expand: true });
          expect(pair.startsWith('K=')).toBe(true);
          expect(readWord(pair.slice(2), escape)).toBe(t);
        }
        expect(readWord(q.word(value, { escape, expand: true }), escape)).toBe(t);
        const paths = JSON.parse(q.pathArray([value, value], { escape, expand: true })) as string[];
        expect(paths.map((p) => readWord(p, escape))).toEqual([t, t]);
      }),
      { numRuns: 10_000 },
    );
  });

  it('the reader itself sees an unescaped reference (so the property can fail)', () => {
    expect(readWord(q.word('$6$salt$abc', { expand: true }), '\\')).toBe(`$6${EXPANDED}${EXPANDED}`);
    expect(readWord(q.word(literal('$6$salt$abc'), { expand: true }), '\\')).toBe('$6$salt$abc');
  });
});
