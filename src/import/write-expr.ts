/**
 * Writes the importer's expressions as TypeScript through ts-morph's code writer: single-quoted
 * strings (template literals for multi-line text), short calls and literals on one line, long
 * ones one element per line, comments as `//` lines.
 */
import type { CodeBlockWriter } from 'ts-morph';
import type { Expr, ObjectEntry } from './definition-model.js';

/** How references are spelled in this file: the variable of a stage, the const of an image. */
export interface Names {
  stage(name: string): string;
  image(name: string): string;
}

const escapeChar = (c: string): string => {
  const code = c.codePointAt(0) ?? 0;
  if (c === '\t') return '\\t';
  if (c === '\r') return '\\r';
  if (c === '\n') return '\\n';
  return `\\u${code.toString(16).padStart(4, '0')}`;
};

/** A string literal: `'…'` on one line, a template literal when the text has several lines. */
export const stringLiteral = (s: string): string =>
  s.includes('\n')
    ? `\`${s
        .replace(/\\/g, '\\\\')
        .replace(/`/g, '\\`')
        .replace(/\$\{/g, '\\${')
        .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g, escapeChar)}\``
    : quoted(s, s.includes("'") && !s.includes('"') ? '"' : "'");

/** One-line literal in the quote that needs no escaping when possible (`"it's"`, `'say "hi"'`). */
const quoted = (s: string, q: '"' | "'"): string =>
  `${q}${s
    .replace(/\\/g, '\\\\')
    .replace(q === '"' ? /"/g : /'/g, `\\${q}`)
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, escapeChar)}${q}`;

export const propertyKey = (key: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : stringLiteral(key));

const MAX_INLINE = 88;

/** The expression on one line, or undefined when it must span lines (comments, multi-line text, too long). */
function inline(e: Expr, names: Names): string | undefined {
  switch (e.kind) {
    case 'string':
      return e.value.includes('\n') ? undefined : stringLiteral(e.value);
    case 'number':
    case 'boolean':
      return String(e.value);
    case 'stage-ref':
      return names.stage(e.stage);
    case 'image-ref':
      return names.image(e.image);
    case 'array':
    case 'call': {
      const parts = (e.kind === 'array' ? e.items : e.args).map((x) => inline(x, names));
      if (parts.some((p) => p === undefined)) return undefined;
      const text = e.kind === 'array' ? `[${parts.join(', ')}]` : `${e.helper}(${parts.join(', ')})`;
      return text.length <= MAX_INLINE ? text : undefined;
    }
    case 'object': {
      if (e.entries.length === 0) return '{}';
      if (e.entries.some((en) => en.comments?.length)) return undefined;
      const parts = e.entries.map((en) => {
        const v = inline(en.value, names);
        return v === undefined ? undefined : `${propertyKey(en.key)}: ${v}`;
      });
      if (parts.some((p) => p === undefined)) return undefined;
      const text = `{ ${parts.join(', ')} }`;
      return text.length <= MAX_INLINE ? text : undefined;
    }
  }
}

export const writeComments = (w: CodeBlockWriter, comments: readonly string[] | undefined): void => {
  for (const c of comments ?? []) w.writeLine(c === '' ? '//' : `// ${c}`);
};

/** Writes elements one per line, each optionally preceded by comments, inside `open`/`close`. */
export function writeList<T>(w: CodeBlockWriter, open: string, close: string, items: readonly T[], each: (item: T) => void): void {
  w.write(open).newLine();
  w.indent(() => {
    for (const item of items) {
      each(item);
      w.write(',').newLine();
    }
  });
  w.write(close);
}

export function writeEntry(w: CodeBlockWriter, entry: ObjectEntry, names: Names): void {
  writeComments(w, entry.comments);
  w.write(`${propertyKey(entry.key)}: `);
  writeExpr(w, entry.value, names);
}

export function writeExpr(w: CodeBlockWriter, e: Expr, names: Names): void {
  const one = inline(e, names);
  if (one !== undefined) return void w.write(one);
  switch (e.kind) {
    case 'array':
      return writeList(w, '[', ']', e.items, (x) => writeExpr(w, x, names));
    case 'object':
      return writeList(w, '{', '}', e.entries, (en) => writeEntry(w, en, names));
    case 'call': {
      const [first, ...rest] = e.args;
      // `run([...], { mounts })`: write the leading arguments inline when they fit, the last one spread out.
      if (e.args.length === 1 && first) {
        w.write(`${e.helper}(`);
        writeExpr(w, first, names);
        return void w.write(')');
      }
      if (rest.length > 0 && first && e.args.slice(0, -1).every((a) => inline(a, names) !== undefined)) {
        w.write(
          `${e.helper}(${e.args
            .slice(0, -1)
            .map((a) => inline(a, names))
            .join(', ')}, `,
        );
        writeExpr(w, e.args.at(-1) ?? first, names);
        return void w.write(')');
      }
      return writeList(w, `${e.helper}(`, ')', e.args, (x) => writeExpr(w, x, names));
    }
    case 'string':
      return void w.write(stringLiteral(e.value));
    default:
      throw new Error(`unreachable: ${e.kind} is always written inline`);
  }
}
