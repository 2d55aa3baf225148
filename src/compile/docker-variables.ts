/**
 * The one grammar of variable references in the values BuildKit expands (COPY paths, ENV and
 * LABEL values, WORKDIR, USER, ARG defaults…), used by the variable checks (var-refs.ts) and by
 * the quoting module (render/quote/variable-refs.ts), so that what is checked is what is rendered:
 * `$NAME`, `${NAME}`, `${NAME:-text}` and `${NAME:+text}` are references (the forms every BuildKit
 * version expands; `text` may not contain `$`, `{` or `}`); `$$` is one literal `$` (what
 * `literal()` writes, the escape docker compose uses too); any other `${` is unsupported; a `$`
 * not followed by a name, `$` or `{` is literal. Pure.
 */

/** A piece of a value: literal text, a reference, or a `${` this grammar does not support. */
export type DockerSegment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'ref'; readonly name: string; readonly index: number; readonly modifier?: ':-' | ':+'; readonly word?: string }
  | { readonly kind: 'unsupported'; readonly index: number };

const BARE_REF = /\$([A-Za-z_][A-Za-z0-9_]*)/y;
const BRACED_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:[-+])([^${}]*))?\}/y;

export function dockerSegments(value: string): DockerSegment[] {
  const segments: DockerSegment[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') segments.push({ kind: 'text', text });
    text = '';
  };
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
    const match = BARE_REF.exec(value) ?? BRACED_REF.exec(value);
    if (match === null) {
      if (value[i + 1] === '{') {
        flush();
        segments.push({ kind: 'unsupported', index: i });
      }
      text += '$';
      i += 1;
      continue;
    }
    flush();
    const [whole, name = '', modifier, word] = match;
    segments.push(
      modifier === ':-' || modifier === ':+'
        ? { kind: 'ref', name, index: i, modifier, word: word ?? '' }
        : { kind: 'ref', name, index: i },
    );
    i += whole.length;
  }
  flush();
  return segments;
}
