import { QuoteError } from './quote-error.js';
import { bareToken, doubleQuoted, escapedWord } from './shell-word.js';
import { DEFAULT_ESCAPE, assertOneLine, assertWritable, type EscapeChar } from './text-checks.js';
import { splitVariables } from './variable-refs.js';
import { jsonArray } from './exec-form.js';

/** Options for values BuildKit runs through its word lexer (quotes, escapes, `$` expansion). */
export interface WordOptions {
  /** The Dockerfile's escape character (default `\`). */
  readonly escape?: EscapeChar;
  /**
   * `false` (default): the value is literal, every `$` is escaped. `true`: `$NAME`, `${NAME}`,
   * `${NAME:-text}`, `${NAME:+text}` are expanded by the builder; any other `$` stays literal.
   */
  readonly expand?: boolean;
}

export interface KeyValueOptions extends WordOptions {
  /** Which instruction the pair is for: decides the key grammar (default `env`). */
  readonly kind?: 'env' | 'arg' | 'label';
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BARE_LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/** A build-arg or environment variable name, checked: letters, digits, `_`, not starting with a digit. */
export function variableName(name: string): string {
  if (!VARIABLE_NAME.test(name)) {
    throw new QuoteError(
      'DW_QUOTE_BAD_NAME',
      'variable name',
      name,
      'is not a variable name',
      'letters, digits and "_", not starting with a digit',
    );
  }
  return name;
}

function labelKey(key: string, escape: EscapeChar): string {
  assertOneLine('LABEL key', key);
  if (key === '') throw new QuoteError('DW_QUOTE_EMPTY', 'LABEL key', key, 'is empty', 'a non-empty key');
  if (key.includes('=')) {
    throw new QuoteError(
      'DW_QUOTE_BAD_NAME',
      'LABEL key',
      key,
      'contains "=" (Docker splits a label at its first "=")',
      'a key without "="',
    );
  }
  return BARE_LABEL_KEY.test(key) ? key : doubleQuoted([{ kind: 'text', text: key }], escape);
}

/**
 * `KEY="value"` for ENV, ARG (with a default) and LABEL. The value is always double-quoted, with
 * `"`, the escape character and (unless `expand`) `$` escaped, so Docker's word rules give back
 * exactly the string. LABEL keys are quoted the same way when they hold anything but letters,
 * digits and `. _ / -`. Rejected: line breaks (Docker has no way to write one in these values),
 * NUL, lone surrogates, bad keys.
 */
export function keyValue(key: string, value: string, opts: KeyValueOptions = {}): string {
  const escape = opts.escape ?? DEFAULT_ESCAPE;
  const kind = opts.kind ?? 'env';
  const subject = `${kind.toUpperCase()} value`;
  const writtenKey = kind === 'label' ? labelKey(key, escape) : variableName(key);
  assertOneLine(subject, value, 'a single line (Docker cannot write a line break in ENV, ARG or LABEL values)');
  return `${writtenKey}=${doubleQuoted(splitVariables(subject, value, opts.expand ?? false), escape)}`;
}

/**
 * A single word for WORKDIR, USER or STOPSIGNAL (Docker reads the rest of the line as one word).
 * Written bare when it only holds letters, digits and `. _ : / @ + -` (and does not start with
 * `-`), otherwise double-quoted like {@link keyValue} values. Rejected: empty, line breaks, NUL,
 * lone surrogates.
 */
export function word(value: string, opts: WordOptions = {}): string {
  assertOneLine('word', value);
  if (value === '') throw new QuoteError('DW_QUOTE_EMPTY', 'word', value, 'is empty', 'a non-empty value');
  const segments = splitVariables('word', value, opts.expand ?? false);
  return bareToken(segments) ?? doubleQuoted(segments, opts.escape ?? DEFAULT_ESCAPE);
}

/**
 * The JSON form of COPY, ADD and VOLUME arguments, `["src", "dest"]`: safe for spaces and any
 * other character. BuildKit runs each decoded string through its word lexer (quotes and `$`
 * count), so each element is a word inside the JSON string, with only the characters that lexer
 * gives a meaning escaped (no quotes: `["./conf/*.xml", "/etc/"]`). Glob characters
 * (`* ? [`) in COPY/ADD sources are NOT neutralised: BuildKit matches them as patterns. Line breaks
 * are allowed (JSON escapes them). Rejected: an empty list or path, NUL, lone surrogates.
 */
export function pathArray(paths: readonly string[], opts: WordOptions = {}): string {
  if (paths.length === 0) throw new QuoteError('DW_QUOTE_EMPTY', 'path list', '', 'is empty', 'at least one path');
  const words = paths.map((path) => {
    assertWritable('path', path);
    if (path === '') throw new QuoteError('DW_QUOTE_EMPTY', 'path', path, 'is empty', 'a non-empty path');
    const segments = splitVariables('path', path, opts.expand ?? false);
    return bareToken(segments) ?? escapedWord(segments, opts.escape ?? DEFAULT_ESCAPE);
  });
  return jsonArray(words);
}
