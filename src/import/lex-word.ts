/**
 * One word of a Dockerfile value read the way BuildKit's word lexer reads it
 * (moby/buildkit frontend/dockerfile/shell/lex.go): quotes removed, escapes applied, single-quoted
 * text literal; and written the way the definition API reads values Docker expands: a literal `$`
 * as `$$` (what `literal()` writes), a variable reference as written (`$X`, `${X}`, `${X:-w}`).
 * Used for paths, ENV/LABEL/ARG values, WORKDIR, USER, VOLUME and STOPSIGNAL.
 */

const REF = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*(?::?[-+?][^}]*)?\})/;

/** `raw` as the model string; `escape` is the Dockerfile's escape character. */
export function lexWord(raw: string, escape: string): string {
  let out = '';
  let i = 0;
  const literal = (ch: string): void => void (out += ch === '$' ? '$$' : ch);
  const dollar = (): void => {
    const ref = REF.exec(raw.slice(i));
    if (ref === null) {
      literal('$');
      i += 1;
    } else {
      out += ref[0];
      i += ref[0].length;
    }
  };
  while (i < raw.length) {
    const c = raw[i] ?? '';
    if (c === "'") {
      const end = raw.indexOf("'", i + 1);
      const stop = end < 0 ? raw.length : end;
      for (const ch of raw.slice(i + 1, stop)) literal(ch);
      i = stop + 1;
    } else if (c === '"') {
      i += 1;
      while (i < raw.length && raw[i] !== '"') {
        const d = raw[i] ?? '';
        if (d === escape && ['"', '$', escape].includes(raw[i + 1] ?? '')) {
          literal(raw[i + 1] ?? '');
          i += 2;
        } else if (d === '$') dollar();
        else {
          literal(d);
          i += 1;
        }
      }
      i += 1;
    } else if (c === escape) {
      if (i + 1 < raw.length) literal(raw[i + 1] ?? '');
      i += 2;
    } else if (c === '$') dollar();
    else {
      literal(c);
      i += 1;
    }
  }
  return out;
}
