/**
 * The value BuildKit's word lexer gives for one word of COPY/ADD paths, ENV/LABEL/ARG values,
 * WORKDIR, USER, EXPOSE, VOLUME: quotes removed, escapes applied, variable references kept but
 * written one way (`$X` → `${X}`). Written for the round-trip tests, independently of src/.
 */
export function unquoteWord(text: string, escape: string): string {
  let out = '';
  let i = 0;
  const variable = (): void => {
    // at text[i] === '$'
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}/.exec(text.slice(i));
    const bare = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i));
    const m = braced ?? bare;
    if (!m) {
      out += '$';
      i += 1;
      return;
    }
    out += `\${${m[1]}${braced?.[2] ?? ''}}`;
    i += m[0].length;
  };
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      out += text.slice(i + 1, end < 0 ? text.length : end).replace(/\$/g, '\\$');
      i = end < 0 ? text.length : end + 1;
    } else if (c === '"') {
      i += 1;
      while (i < text.length && text[i] !== '"') {
        const d = text[i] ?? '';
        if (d === escape && ['"', '$', escape].includes(text[i + 1] ?? '')) {
          out += text[i + 1] === '$' ? '\\$' : text[i + 1];
          i += 2;
        } else if (d === '$') variable();
        else {
          out += d;
          i += 1;
        }
      }
      i += 1;
    } else if (c === escape) {
      const next = text[i + 1];
      if (next !== undefined) out += next === '$' ? '\\$' : next;
      i += 2;
    } else if (c === '$') variable();
    else {
      out += c;
      i += 1;
    }
  }
  return out;
}
