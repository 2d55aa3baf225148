import { dockerSegments } from '../../compile/docker-variables.js';
import { QuoteError } from './quote-error.js';

/** A piece of a value: literal text, or a build-time variable reference BuildKit expands. */
export type Segment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'ref'; readonly name: string; readonly modifier?: ':-' | ':+'; readonly word?: string };

/**
 * Splits a value into literal text and variable references, by the one docker variable grammar
 * (compile/docker-variables.ts). With `expand: false` the whole value is literal. A `${` the
 * grammar does not support is rejected: the user clearly meant a reference we cannot vouch for.
 */
export function splitVariables(subject: string, value: string, expand: boolean): readonly Segment[] {
  if (!expand) return [{ kind: 'text', text: value }];
  const segments: Segment[] = [];
  for (const s of dockerSegments(value)) {
    if (s.kind === 'unsupported') {
      throw new QuoteError(
        'DW_QUOTE_BAD_VARIABLE',
        subject,
        value,
        `has an unsupported variable reference at offset ${s.index}`,
        '${NAME}, ${NAME:-text} or ${NAME:+text} where text has no "$", "{" or "}" (or literal(text) or "$$" for a literal "$")',
      );
    }
    if (s.kind === 'text') {
      const last = segments.at(-1);
      // text on both sides of an unsupported `$` stays one piece
      if (last?.kind === 'text') segments[segments.length - 1] = { kind: 'text', text: last.text + s.text };
      else segments.push(s);
    } else
      segments.push(s.modifier ? { kind: 'ref', name: s.name, modifier: s.modifier, word: s.word ?? '' } : { kind: 'ref', name: s.name });
  }
  return segments;
}
