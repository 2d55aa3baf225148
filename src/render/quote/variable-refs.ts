import { QuoteError } from './quote-error.js';

/** A piece of a value: literal text, or a build-time variable reference BuildKit expands. */
export type Segment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'ref'; readonly name: string; readonly modifier?: ':-' | ':+'; readonly word?: string };

const BARE_REF = /\$([A-Za-z_][A-Za-z0-9_]*)/y;
const BRACED_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:[-+])([^${}]*))?\}/y;

/**
 * Splits a value into literal text and variable references.
 *
 * With `expand: false` the whole value is literal. With `expand: true`, `$NAME`, `${NAME}`,
 * `${NAME:-text}` and `${NAME:+text}` are references (the forms every BuildKit version expands;
 * `text` may not contain `$`, `{` or `}`); `$$` is one literal `$` (what `literal()` writes, the
 * escape docker compose uses too); any other `${` is rejected because the user clearly meant a
 * reference we cannot vouch for; a `$` not followed by a name, `$` or `{` stays literal.
 */
export function splitVariables(subject: string, value: string, expand: boolean): readonly Segment[] {
  if (!expand) return [{ kind: 'text', text: value }];
  const segments: Segment[] = [];
  let text = '';
  let i = 0;
  while (i < value.length) {
    if (value[i] !== '$') {
      text += value[i];
      i += 1;
      continue;
    }
    if (value[i + 1] === '$') {
      text += '$';
      i += 2;
      continue;
    }
    BARE_REF.lastIndex = i;
    BRACED_REF.lastIndex = i;
    const bare = BARE_REF.exec(value);
    const braced = bare ? null : BRACED_REF.exec(value);
    const match = bare ?? braced;
    if (match === null) {
      if (value[i + 1] === '{') {
        throw new QuoteError(
          'DW_QUOTE_BAD_VARIABLE',
          subject,
          value,
          `has an unsupported variable reference at offset ${i}`,
          '${NAME}, ${NAME:-text} or ${NAME:+text} where text has no "$", "{" or "}" (or literal(text) or "$$" for a literal "$")',
        );
      }
      text += '$';
      i += 1;
      continue;
    }
    if (text !== '') segments.push({ kind: 'text', text });
    text = '';
    const [whole, name = '', modifier, word] = match;
    segments.push(modifier === ':-' || modifier === ':+' ? { kind: 'ref', name, modifier, word: word ?? '' } : { kind: 'ref', name });
    i += whole.length;
  }
  if (text !== '') segments.push({ kind: 'text', text });
  return segments;
}
