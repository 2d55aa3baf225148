import type { Segment } from './variable-refs.js';
import type { EscapeChar } from './text-checks.js';

/** Characters that mean nothing to any Dockerfile or BuildKit parser a bare token passes through. */
const TOKEN_TEXT = /^[A-Za-z0-9._:/@+-]*$/;

/** Why a character is not allowed in a bare token, or null when the text is fine. */
export function firstUnsafeChar(text: string): string | null {
  for (const ch of text) if (!TOKEN_TEXT.test(ch)) return ch;
  return null;
}

/**
 * The segments written without any quoting, or null when that is not safe: every literal character
 * is in the portable set (letters, digits, `. _ : / @ + -`), the token does not start with `-`
 * (flag parsing) and is not empty. References are written braced, so no following character can
 * extend the name.
 */
export function bareToken(segments: readonly Segment[]): string | null {
  let out = '';
  for (const s of segments) {
    if (s.kind === 'text') {
      if (!TOKEN_TEXT.test(s.text)) return null;
      out += s.text;
    } else {
      if (s.word !== undefined && !TOKEN_TEXT.test(s.word)) return null;
      out += `\${${s.name}${s.modifier ?? ''}${s.word ?? ''}}`;
    }
  }
  return out === '' || out.startsWith('-') ? null : out;
}

function escapeChars(text: string, special: readonly string[], escape: EscapeChar): string {
  let out = '';
  for (const ch of text) out += special.includes(ch) ? escape + ch : ch;
  return out;
}

/**
 * The segments as one double-quoted word of BuildKit's shell-like lexer (the one ENV, LABEL, ARG,
 * WORKDIR, USER and COPY paths go through). Inside double quotes the lexer only unescapes `"`, `$`
 * and the escape character, so exactly those are escaped in literal text; inside `${NAME:-text}`
 * quotes start a quoted string, so `'` is escaped there too.
 */
export function doubleQuoted(segments: readonly Segment[], escape: EscapeChar): string {
  let out = '"';
  for (const s of segments) {
    if (s.kind === 'text') {
      out += escapeChars(s.text, ['"', '$', escape], escape);
    } else {
      const word = s.word === undefined ? '' : escapeChars(s.word, ['"', "'", escape], escape);
      out += `\${${s.name}${s.modifier ?? ''}${word}}`;
    }
  }
  return `${out}"`;
}

/**
 * The segments as one unquoted word of BuildKit's word lexer, for a JSON-form path: only `"`,
 * `'`, `$` (literal) and the escape character are escaped, so a glob (`./conf/*.xml`) or a space
 * stays as written and tools that do not lex words see the path itself, not quote characters.
 * Text with `<<` (a heredoc marker to some readers) is double-quoted instead.
 */
export function escapedWord(segments: readonly Segment[], escape: EscapeChar): string {
  if (segments.some((s) => (s.kind === 'text' ? s.text : (s.word ?? '')).includes('<<'))) return doubleQuoted(segments, escape);
  let out = '';
  for (const s of segments) {
    if (s.kind === 'text') out += escapeChars(s.text, ['"', "'", '$', escape], escape);
    else {
      const word = s.word === undefined ? '' : escapeChars(s.word, ['"', "'", escape], escape);
      out += `\${${s.name}${s.modifier ?? ''}${word}}`;
    }
  }
  return out;
}
