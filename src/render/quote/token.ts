import { QuoteError } from './quote-error.js';
import { bareToken, firstUnsafeChar } from './shell-word.js';
import { assertOneLine } from './text-checks.js';
import { splitVariables, type Segment } from './variable-refs.js';

/** Options for bare tokens. */
export interface TokenOptions {
  /** `true`: `$NAME`, `${NAME}`, `${NAME:-text}`, `${NAME:+text}` are allowed and left for the builder to expand. */
  readonly expand?: boolean;
}

const FLAG_NAME = /^[a-z][a-z0-9-]*$/;
const PORTABLE = 'letters, digits and ". _ : / @ + -", not starting with "-"';

/** `U+0024` for `$`: how messages name a refused character. */
export function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function unsafe(subject: string, value: string, segments: readonly Segment[], expand: boolean): QuoteError {
  const texts = segments.flatMap((s) => (s.kind === 'text' ? [s.text] : [s.word ?? '']));
  const ch = texts.map(firstUnsafeChar).find((c) => c !== null);
  const problem = ch == null ? 'starts with "-"' : `contains ${JSON.stringify(ch)} (${codePoint(ch)})`;
  const refs = expand ? ' and ${NAME} references' : '';
  return new QuoteError('DW_QUOTE_UNSAFE_CHAR', subject, value, problem, `${PORTABLE}${refs}`);
}

/**
 * A bare token: image reference, stage name, platform, port, flag or mount option value. It is
 * written unquoted, so it may only hold letters, digits and `. _ : / @ + -` (not starting with
 * `-`), plus variable references when `expand` is set. Everything else is rejected rather than
 * quoted: these values pass through several parsers (BuildKit's flag lexer, which reads bytes and
 * garbles non-ASCII; the CSV reader of `--mount`; the word lexer) and no quoting survives all of
 * them the same way in every BuildKit version, nor in other tools reading the Dockerfile.
 */
export function token(value: string, opts: TokenOptions = {}): string {
  return tokenFor('token', value, opts);
}

function tokenFor(subject: string, value: string, opts: TokenOptions): string {
  assertOneLine(subject, value);
  if (value === '') throw new QuoteError('DW_QUOTE_EMPTY', subject, value, 'is empty', 'a non-empty value');
  const expand = opts.expand ?? false;
  const segments = splitVariables(subject, value, expand);
  const bare = bareToken(segments);
  if (bare === null) throw unsafe(subject, value, segments, expand);
  return bare;
}

/** A flag or mount option name, checked: lowercase letters, digits and `-`, starting with a letter. */
export function flagName(name: string, subject: string): string {
  if (!FLAG_NAME.test(name)) {
    throw new QuoteError(
      'DW_QUOTE_BAD_NAME',
      subject,
      name,
      'is not a flag name',
      'lowercase letters, digits and "-", starting with a letter',
    );
  }
  return name;
}

/** `--name=value` (or `--name` without a value) for instruction flags such as `--from`, `--chown`, `--platform`, `--interval`; the value is a {@link token}. */
export function flag(name: string, value?: string, opts: TokenOptions = {}): string {
  const n = flagName(name, 'flag name');
  return value === undefined ? `--${n}` : `--${n}=${tokenFor(`--${n} value`, value, opts)}`;
}

/** `--mount=type=cache,target=/root/.cache,id=x` from options in the order given; each value is a {@link token}. */
export function mountFlag(options: Readonly<Record<string, string>>, opts: TokenOptions = {}): string {
  const entries = Object.entries(options);
  if (entries.length === 0) throw new QuoteError('DW_QUOTE_EMPTY', '--mount options', '', 'are empty', 'at least type=…');
  const fields = entries.map(([key, value]) => `${flagName(key, 'mount option name')}=${tokenFor(`mount option ${key}`, value, opts)}`);
  return `--mount=${fields.join(',')}`;
}
