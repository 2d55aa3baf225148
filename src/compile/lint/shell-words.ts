/**
 * A small, conservative POSIX-shell tokenizer for lint rules: words (with how each part was
 * quoted) and operators. It never throws; unterminated quotes run to the end of the text.
 * Comments are dropped, `\`-newline continuations are joined, and here-document bodies are
 * skipped (their text is data, not shell). Command substitutions and `${…}` stay inside their
 * word as one opaque `expansion` part: what runs inside them is not analysed.
 */

/** How a part of a word was written. */
export type Quote = 'none' | 'single' | 'double' | 'escaped' | 'expansion';

export interface WordPart {
  /** The part as written, quotes included. */
  readonly raw: string;
  readonly quote: Quote;
}

export interface ShellWord {
  readonly kind: 'word';
  /** The word with quotes removed and escapes resolved (expansions kept as written). */
  readonly value: string;
  readonly parts: readonly WordPart[];
}

export const CONTROL_OPS = ['&&', '||', '|&', ';;', '|', '&', ';', '(', ')', '\n'] as const;
export const REDIRECT_OPS = ['&>>', '&>', '<<<', '<<-', '<<', '>>', '>&', '<&', '>|', '<>', '<', '>'] as const;
export type ControlOp = (typeof CONTROL_OPS)[number];
export type RedirectOp = (typeof REDIRECT_OPS)[number];

export interface ShellOp {
  readonly kind: 'op';
  readonly op: ControlOp | RedirectOp;
}

export type ShellToken = ShellWord | ShellOp;

/** Longest first, so `||` wins over `|` and `>|` (a redirection) over `>` then `|`. */
const OPS: readonly (ControlOp | RedirectOp)[] = [...REDIRECT_OPS, ...CONTROL_OPS].sort((a, b) => b.length - a.length);
const OP_START = new Set(OPS.map((op) => op[0]));

export const isRedirect = (op: ShellOp['op']): op is RedirectOp => (REDIRECT_OPS as readonly string[]).includes(op);

/** Index just past the character that closes what opened at `start` (`$(`, `${`, backtick). */
function skipBalanced(text: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === "'" && open !== '`') i = skipUntil(text, i + 1, "'");
    else if (c === '"' && open !== '`') i = skipDouble(text, i + 1) - 1;
    else if (c === open && open !== close) depth++;
    else if (c === close && (open === close ? i > start : --depth === 0)) return i + 1;
  }
  return text.length;
}

/** Index of `end` at or after `from` (or the text's length). */
function skipUntil(text: string, from: number, end: string): number {
  const i = text.indexOf(end, from);
  return i < 0 ? text.length : i;
}

/** Index just past the closing `"` of a double-quoted string whose content starts at `from`. */
function skipDouble(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
    else if (c === '$' && text[i + 1] === '(') i = skipBalanced(text, i + 1, '(', ')') - 1;
    else if (c === '`') i = skipBalanced(text, i, '`', '`') - 1;
  }
  return text.length;
}

/** The value of a double-quoted string's content (`\` escapes only `$`, `` ` ``, `"`, `\`). */
const unescapeDouble = (s: string): string => s.replace(/\\([$`"\\])/g, '$1');

export function shellTokens(input: string): ShellToken[] {
  const text = input.replace(/\\\r?\n/g, '');
  const tokens: ShellToken[] = [];
  let parts: WordPart[] = [];
  let value = '';
  const pendingHeredocs: { delimiter: string; stripTabs: boolean }[] = [];
  let heredocOp: '<<' | '<<-' | undefined;

  const part = (raw: string, quote: Quote, val: string): void => {
    const last = parts[parts.length - 1];
    if (quote === 'none' && last?.quote === 'none') parts[parts.length - 1] = { raw: last.raw + raw, quote };
    else parts.push({ raw, quote });
    value += val;
  };
  const endWord = (): void => {
    if (parts.length === 0) return;
    tokens.push({ kind: 'word', value, parts });
    if (heredocOp) pendingHeredocs.push({ delimiter: value, stripTabs: heredocOp === '<<-' });
    heredocOp = undefined;
    parts = [];
    value = '';
  };
  /** After a newline: skip the bodies of the here-documents opened on the line. */
  const skipHeredocBodies = (from: number): number => {
    let i = from;
    for (const { delimiter, stripTabs } of pendingHeredocs.splice(0)) {
      while (i < text.length) {
        const eol = skipUntil(text, i, '\n');
        const line = text.slice(i, eol);
        i = eol + 1;
        if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter) break;
      }
    }
    return i;
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
    } else if (c === '#' && parts.length === 0) {
      i = skipUntil(text, i, '\n');
    } else if (c === '\\') {
      part(text.slice(i, i + 2), 'escaped', text.slice(i + 1, i + 2));
      i += 2;
    } else if (c === "'") {
      const end = skipUntil(text, i + 1, "'");
      part(text.slice(i, end + 1), 'single', text.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      const end = skipDouble(text, i + 1);
      part(text.slice(i, end), 'double', unescapeDouble(text.slice(i + 1, text[end - 1] === '"' && end - 1 > i ? end - 1 : end)));
      i = end;
    } else if (c === '$' && text[i + 1] === "'") {
      let end = i + 2;
      while (end < text.length && text[end] !== "'") end += text[end] === '\\' ? 2 : 1;
      part(text.slice(i, end + 1), 'single', text.slice(i + 2, end));
      i = end + 1;
    } else if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      const end = text[i + 1] === '(' ? skipBalanced(text, i + 1, '(', ')') : skipBalanced(text, i + 1, '{', '}');
      part(text.slice(i, end), 'expansion', text.slice(i, end));
      i = end;
    } else if (c === '`') {
      const end = skipBalanced(text, i, '`', '`');
      part(text.slice(i, end), 'expansion', text.slice(i, end));
      i = end;
    } else if (OP_START.has(c)) {
      const op = OPS.find((o) => text.startsWith(o, i)) as ShellOp['op'];
      // `2>&1`: digits right before a redirection are a file descriptor, not a word.
      if (isRedirect(op) && parts.length > 0 && parts.every((p) => p.quote === 'none') && /^\d+$/.test(value)) {
        parts = [];
        value = '';
      }
      endWord();
      tokens.push({ kind: 'op', op });
      i += op.length;
      if (op === '<<' || op === '<<-') heredocOp = op;
      if (op === '\n') i = skipHeredocBodies(i);
    } else {
      part(c, 'none', c);
      i++;
    }
  }
  endWord();
  return tokens;
}

/**
 * The word as written, with every part whose quote is not in `keep` replaced by `\u0001` (same
 * length), so patterns can look at what the shell sees unquoted without matching quoted text.
 */
export const wordShape = (word: ShellWord, keep: readonly Quote[] = ['none']): string =>
  word.parts.map((p) => (keep.includes(p.quote) ? p.raw : '\u0001'.repeat(p.raw.length))).join('');
