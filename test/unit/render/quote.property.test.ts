/**
 * Property tests: every quoting function, fed random and hostile strings, either throws a
 * QuoteError whose code the input explains, or yields text that an independent parser
 * (dockerfile-ast) reads as exactly the intended instructions. Where dockerfile-ast does not decode
 * a value the way BuildKit does, the raw text it delimits is decoded with `buildkitWord`, a port of
 * BuildKit's word lexer (frontend/dockerfile/shell/lex.go); instruction flags are also read with
 * `buildkitFlags`, a port of BuildKit's flag lexer (frontend/dockerfile/parser/split_command.go).
 */
import { DockerfileParser, type Copy, type Dockerfile, type Instruction, type Property, type Run } from 'dockerfile-ast';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as q from '../../../src/render/quote.js';

type Escape = q.EscapeChar;
type Outcome<T> = { ok: true; value: T } | { ok: false; code: q.QuoteErrorCode };
type Range = ReturnType<Instruction['getRange']>;

const RUNS = { numRuns: 500 };
const ENV: Readonly<Record<string, string>> = { X: 'xv', X_1: 'x1', EMPTY: '' };

// ---- generators -------------------------------------------------------------------------------
const hostile = fc.constantFrom(
  '\n',
  '\r',
  '\r\n',
  '\\',
  '`',
  '"',
  "'",
  '$',
  '{',
  '}',
  '[',
  ']',
  '#',
  ',',
  '=',
  ' ',
  '\t',
  '\v',
  '\f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\uFEFF',
  '<<',
  '<<EOF',
  'EOF',
  '--',
  '-',
  '${X}',
  '$X',
  '${X:-a}',
  '[]',
  '\0',
  '\uD800',
  'é',
);
const unit = fc.oneof(
  { weight: 4, arbitrary: hostile },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const text = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit, maxLength: 14 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
);
const tokenish = fc.stringMatching(/^[A-Za-z0-9._:/@+-]{1,12}$/);
const escapeArb = fc.constantFrom<Escape>('\\', '`');
/** A value for `expand: true` and what BuildKit expands it to with ENV. */
const literal = text.map((t) => t.replaceAll('$', '¤'));
const modWord = literal.map((t) => t.replace(/[{}]/g, '_'));
const expandable = fc
  .array(
    fc.oneof(
      literal.map((t) => [t, t]),
      fc.constantFrom('X', 'X_1', 'UNSET').map((n) => [`\${${n}}`, ENV[n] ?? '']),
      fc.constantFrom('X', 'X_1', 'UNSET').map((n) => [`$${n}/`, `${ENV[n] ?? ''}/`]),
      fc.tuple(fc.constantFrom('X', 'EMPTY', 'UNSET'), fc.constantFrom(':-', ':+'), modWord).map(([n, m, w]) => {
        const v = ENV[n] ?? '';
        return [`\${${n}${m}${w}}`, m === ':-' ? (v === '' ? w : v) : v === '' ? v : w];
      }),
      fc.constantFrom('$ ', '$.', '$-').map((t) => [t, t]),
    ),
    { maxLength: 5 },
  )
  .map((parts) => ({ value: parts.map((p) => p[0]).join(''), expanded: parts.map((p) => p[1]).join('') }));

// ---- oracles and helpers ----------------------------------------------------------------------
/** BuildKit's ProcessWord: quotes, escapes, $NAME / ${NAME} / ${NAME:-w} / ${NAME:+w}. */
function buildkitWord(src: string, escape: Escape, env: Readonly<Record<string, string>> = ENV): string {
  let i = 0;
  const name = (): string => /^(?:\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i))?.[0] ?? '';
  const dollar = (): string => {
    i += 1;
    if (src[i] !== '{') {
      const n = name();
      i += n.length;
      return n === '' ? '$' : (env[n] ?? '');
    }
    i += 1;
    const n = name();
    i += n.length;
    const c = src[i++];
    if (c === '}') return env[n] ?? '';
    if (c !== ':') throw new Error(`bad substitution in ${src}`);
    const mod = src[i++];
    const w = stopOn('}');
    const v = env[n] ?? '';
    if (mod === '-') return v === '' ? w : v;
    if (mod === '+') return v === '' ? v : w;
    throw new Error(`bad modifier in ${src}`);
  };
  const quoted = (q: string): string => {
    let out = '';
    for (i += 1; ;) {
      if (i >= src.length) throw new Error(`unterminated ${q} in ${src}`);
      const ch = src[i] ?? '';
      if (ch === q) return ((i += 1), out);
      if (q === '"' && ch === '$') out += dollar();
      else if (q === '"' && ch === escape && ['"', '$', escape].includes(src[i + 1] ?? '')) ((out += src[i + 1]), (i += 2));
      else ((out += ch), (i += 1));
    }
  };
  function stopOn(stop: string | null): string {
    let out = '';
    while (i < src.length) {
      const ch = src[i] ?? '';
      if (ch === stop) return ((i += 1), out);
      if (ch === "'" || ch === '"') out += quoted(ch);
      else if (ch === '$') out += dollar();
      else if (ch === escape) ((out += src[i + 1] ?? ''), (i += 2));
      else ((out += ch), (i += 1));
    }
    if (stop !== null) throw new Error(`missing ${stop} in ${src}`);
    return out;
  }
  return stopOn(null);
}

/**
 * BuildKit's extractBuilderFlags + BFlags.Parse: the `--name=value` flags at the start of an
 * instruction's arguments, and the rest. It reads bytes (a non-ASCII character becomes several
 * Latin-1 ones, and Go's unicode.IsSpace holds for U+0085 and U+00A0), ends a flag at whitespace,
 * takes quotes out, and `\` (whatever the escape directive) escapes the next byte.
 */
function buildkitFlags(args: string): { flags: [string, string][]; rest: string } {
  const line = Buffer.from(args, 'utf8').toString('latin1');
  const space = (ch: string): boolean => /[\s\u0085]/.test(ch);
  const done = (words: readonly string[], pos: number) => ({
    flags: words.map((w): [string, string] =>
      w.includes('=') ? [w.slice(2, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w.slice(2), ''],
    ),
    rest: Buffer.from(line.slice(pos), 'latin1').toString('utf8').trim(),
  });
  const words: string[] = [];
  let word: string | null = null;
  let quote = '';
  for (let pos = 0; pos < line.length; pos += 1) {
    const ch = line[pos] ?? '';
    if (word === null) {
      if (space(ch)) continue;
      if (!line.startsWith('--', pos)) return done(words, pos);
      word = '';
    }
    if (quote === '' && space(ch)) {
      if (word === '--') return done(words, pos);
      words.push(word);
      word = null;
    } else if (quote === '' && (ch === "'" || ch === '"')) quote = ch;
    else if (quote !== '' && ch === quote) quote = '';
    else if (ch === '\\') word += line[(pos += 1)] ?? '';
    else word += ch;
  }
  if (word !== null && word !== '--') words.push(word);
  return done(words, line.length);
}

/** Runs a quoting function twice: same bytes both times (determinism), or the same QuoteError. */
function attempt<T>(fn: () => T): Outcome<T> {
  try {
    const value = fn();
    expect(fn()).toEqual(value);
    return { ok: true, value };
  } catch (error) {
    if (!(error instanceof q.QuoteError)) throw error;
    expect(error.message).toContain(error.subject);
    return { ok: false, code: error.code };
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Codes any function may give, with the input property that justifies each. */
function basicReason(code: q.QuoteErrorCode, values: readonly string[]): boolean {
  if (code === 'DW_QUOTE_NUL') return values.some((v) => v.includes('\0'));
  if (code === 'DW_QUOTE_ENCODING') return values.some((v) => LONE_SURROGATE.test(v));
  if (code === 'DW_QUOTE_NEWLINE') return values.some((v) => /[\r\n]/.test(v));
  if (code === 'DW_QUOTE_EMPTY') return values.some((v) => /^[\s\u0085]*$/u.test(v));
  return false;
}

/** Builds `FROM scratch`, the lines, and a sentinel LABEL; parses; checks keywords and the sentinel. */
function parse(escape: Escape, lines: readonly string[], keywords: readonly string[]): { df: Dockerfile; doc: string; at: Instruction[] } {
  const doc = `${escape === '`' ? '# escape=`\n' : ''}FROM scratch\n${lines.join('\n')}\nLABEL end="1"\n`;
  const df = DockerfileParser.parse(doc);
  const at = df.getInstructions();
  expect(at.map((i) => i.getKeyword())).toEqual(['FROM', ...keywords, 'LABEL']);
  expect(df.getEscapeCharacter()).toBe(escape);
  expect((at.at(-1) as unknown as { getProperties(): Property[] }).getProperties().map((p) => p.getValue())).toEqual(['1']);
  return { df, doc, at };
}

/** The document text in a range (line breaks as vscode counts them: LF, CRLF, CR). */
function slice(doc: string, range: Range): string {
  const starts = [0];
  for (let i = 0; i < doc.length; i += 1) {
    if (doc[i] === '\r' && doc[i + 1] === '\n') i += 1;
    if (doc[i] === '\r' || doc[i] === '\n') starts.push(i + 1);
  }
  const offset = (p: Range['start']): number => (starts[p.line] ?? 0) + p.character;
  return doc.slice(offset(range.start), offset(range.end));
}

const lineOf = (doc: string, prefix: string): string => doc.split('\n').find((l) => l.startsWith(prefix)) ?? '';
const propertiesOf = (i: Instruction | undefined): Property[] => (i as unknown as { getProperties(): Property[] }).getProperties();
const flagsOf = (i: Instruction | undefined): unknown[] => (i as unknown as { getFlags?(): unknown[] }).getFlags?.() ?? [];
const jsonStringsOf = (doc: string, i: Instruction | undefined): string[] =>
  (i as Run).getJSONStrings().map((s) => JSON.parse(`"${slice(doc, s.getJSONRange())}"`) as string);

// ---- properties -------------------------------------------------------------------------------
describe('quote module against dockerfile-ast (property)', () => {
  it('jsonArray: exec form round-trips any writable strings', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 4 }), escapeArb, fc.constantFrom('RUN', 'CMD', 'ENTRYPOINT'), (items, escape, keyword) => {
        const r = attempt(() => q.jsonArray(items));
        if (!r.ok) return void expect(basicReason(r.code, items)).toBe(true);
        const { doc, at } = parse(escape, [`${keyword} ${r.value}`], [keyword]);
        // dockerfile-ast reads `RUN ["-- --"]` as a flag `"]` and no JSON strings; BuildKit reads
        // flags only before the `[` and runs the executable `-- --` (checked on the engine): the
        // JSON line below is what BuildKit parses, so only this oracle is skipped then
        if (flagsOf(at[1]).length === 0) expect(jsonStringsOf(doc, at[1])).toEqual(items);
        expect(JSON.parse(lineOf(doc, `${keyword} `).slice(keyword.length + 1))).toEqual(items);
        expect(r.value).not.toMatch(/(^|\s)<</);
      }),
      // found by this property once: dockerfile-ast's misreading, see above
      { ...RUNS, examples: [[['-- --'], '\\', 'RUN']] },
    );
  });

  it('keyValue: ENV / LABEL / ARG values read back literally', () => {
    fc.assert(
      fc.property(
        text,
        fc.oneof(text, tokenish),
        fc.constantFrom('env', 'label', 'arg') as fc.Arbitrary<'env' | 'label' | 'arg'>,
        escapeArb,
        (value, labelKey, kind, escape) => {
          const key = kind === 'label' ? labelKey : 'K_1';
          const r = attempt(() => q.keyValue(key, value, { kind, escape }));
          if (!r.ok)
            return void expect(basicReason(r.code, [value, key]) || (r.code === 'DW_QUOTE_BAD_NAME' && key.includes('='))).toBe(true);
          const { doc, at } = parse(escape, [`${kind.toUpperCase()} ${r.value}`], [kind.toUpperCase()]);
          const props = propertiesOf(at[1]);
          // dockerfile-ast keeps the escape before `$` (BuildKit drops it): compare modulo that.
          expect(props.map((p) => p.getName())).toEqual([
            /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(key) ? key : key.replaceAll('$', `${escape}$`),
          ]);
          expect(props[0]?.getValue()).toBe(value.replaceAll('$', `${escape}$`));
          expect(buildkitWord(slice(doc, props[0]!.getValueRange()!), escape)).toBe(value);
          expect(buildkitWord(slice(doc, props[0]!.getNameRange()), escape)).toBe(key);
        },
      ),
      RUNS,
    );
  });

  it('keyValue / word with expand: references expand, everything else stays literal', () => {
    fc.assert(
      fc.property(expandable, escapeArb, ({ value, expanded }, escape) => {
        const kv = attempt(() => q.keyValue('V', value, { expand: true, escape }));
        const wd = attempt(() => q.word(value, { expand: true, escape }));
        if (!kv.ok) return void expect(basicReason(kv.code, [value])).toBe(true);
        if (!wd.ok) return void expect(basicReason(wd.code, [value])).toBe(true);
        const { doc, at } = parse(escape, [`ENV ${kv.value}`, `WORKDIR ${wd.value}`], ['ENV', 'WORKDIR']);
        expect(buildkitWord(slice(doc, propertiesOf(at[1])[0]!.getValueRange()!), escape)).toBe(expanded);
        expect(buildkitWord(lineOf(doc, 'WORKDIR ').slice(8), escape)).toBe(expanded);
      }),
      RUNS,
    );
  });

  it('word: WORKDIR / USER read back as one literal word', () => {
    fc.assert(
      fc.property(fc.oneof(text, tokenish), escapeArb, fc.constantFrom('WORKDIR', 'USER'), (value, escape, keyword) => {
        const r = attempt(() => q.word(value, { escape }));
        if (!r.ok) return void expect(basicReason(r.code, [value]) && r.code !== 'DW_QUOTE_EMPTY' ? true : value === '').toBe(true);
        const { doc } = parse(escape, [`${keyword} ${r.value}`], [keyword]);
        expect(buildkitWord(lineOf(doc, `${keyword} `).slice(keyword.length + 1), escape)).toBe(value);
      }),
      RUNS,
    );
  });

  it('pathArray: COPY paths survive JSON decoding, heredoc detection and the word lexer', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(text, tokenish), { minLength: 1, maxLength: 3 }), escapeArb, (paths, escape) => {
        const r = attempt(() => q.pathArray(paths, { escape }));
        if (!r.ok) return void expect(basicReason(r.code, paths) || paths.includes('')).toBe(true);
        // dockerfile-ast reads `COPY ["--…` as a flag (BuildKit does not: a flag is a word that starts
        // with `--`, and this word starts with `[`); such a first path is outside what the oracle can check
        fc.pre(!(paths[0] as string).startsWith('--'));
        const { doc, at } = parse(escape, [`COPY ${r.value}`], ['COPY']);
        const strings = jsonStringsOf(doc, at[1]);
        for (const s of strings) expect(/^(\d*)<<(-?)([^<]+)$/.test(s)).toBe(false);
        expect(strings.map((s) => buildkitWord(s, escape))).toEqual(paths);
      }),
      RUNS,
    );
  });

  it('mountFlag / flag: options read back as given, or rejected for a non-portable character', () => {
    const v = fc.oneof(tokenish, text);
    fc.assert(
      fc.property(v, v, v, (target, id, chown) => {
        const r = attempt(() => `RUN ${q.mountFlag({ type: 'cache', target, id })} true\nCOPY ${q.flag('chown', chown)} ["a", "b"]`);
        if (!r.ok) {
          const portable = (s: string): boolean => /^[A-Za-z0-9._:/@+-]+$/.test(s) && !s.startsWith('-');
          return void expect(
            basicReason(r.code, [target, id, chown]) || (r.code === 'DW_QUOTE_UNSAFE_CHAR' && ![target, id, chown].every(portable)),
          ).toBe(true);
        }
        const { at } = parse('\\', [r.value], ['RUN', 'COPY']);
        const [mount] = (at[1] as Run).getFlags();
        expect(mount?.getOptions().map((o) => [o.getName(), o.getValue()])).toEqual([
          ['type', 'cache'],
          ['target', target],
          ['id', id],
        ]);
        expect((at[2] as Run).getFlags().map((f) => [f.getName(), f.getValue()])).toEqual([['chown', chown]]);
      }),
      RUNS,
    );
  });

  it('globFlag: --exclude patterns reach BuildKit and dockerfile-ast as given, or are refused for a character that would not', () => {
    const globUnit = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('*', '**', '?', '[', ']', '[^', '!', '/', '.', '-', '_', ':', '@', '+', 'a', 'Z', '9') },
      { weight: 2, arbitrary: hostile },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
    );
    const pattern = fc.oneof({ weight: 4, arbitrary: fc.string({ unit: globUnit, maxLength: 10 }) }, { weight: 1, arbitrary: text });
    const allowed = /^[A-Za-z0-9._:/@+\-*?[\]^!]+$/;
    fc.assert(
      fc.property(pattern, pattern, escapeArb, fc.constantFrom('COPY', 'ADD'), (first, second, escape, keyword) => {
        const r = attempt(() => `${q.globFlag('exclude', first, { escape })} ${q.globFlag('exclude', second, { escape })}`);
        if (!r.ok) {
          const unsafe = r.code === 'DW_QUOTE_UNSAFE_CHAR' && ![first, second].every((p) => allowed.test(p));
          return void expect(basicReason(r.code, [first, second]) || unsafe).toBe(true);
        }
        // what could change a flag value never got through: whitespace, quotes, `\`, the escape character, `$`, `=`, `,`, non-ASCII
        for (const p of [first, second]) expect(p).not.toMatch(/[\s"'\\`$=,]|[^\x00-\x7f]/u);
        const args = `${r.value} ["src", "/dest/"]`;
        const { doc, at } = parse(escape, [`${keyword} ${args}`], [keyword]);
        const instruction = at[1] as Copy;
        expect(instruction.getFlags().map((f) => [f.getName(), f.getValue()])).toEqual([
          ['exclude', first],
          ['exclude', second],
        ]);
        expect(jsonStringsOf(doc, instruction)).toEqual(['src', '/dest/']);
        expect(buildkitFlags(args)).toEqual({
          flags: [
            ['exclude', first],
            ['exclude', second],
          ],
          rest: '["src", "/dest/"]',
        });
      }),
      RUNS,
    );
  });

  it('shellCommand: RUN stays one shell-form instruction with no flags, heredocs or exec form', () => {
    fc.assert(
      fc.property(text, escapeArb, (cmd, escape) => {
        const r = attempt(() => q.shellCommand(cmd, { escape }));
        if (!r.ok) return void expect(shellReason(r.code, cmd, escape)).toBe(true);
        expect(r.value).toBe(cmd);
        const { at } = parse(escape, [`RUN ${r.value}`], ['RUN']);
        const run = at[1] as Run;
        const line = escape === '`' ? 2 : 1;
        expect([run.getRange().start.line, run.getRange().end.line]).toEqual([line, line]);
        expect(run.getHeredocs()).toEqual([]);
        // BuildKit's own rule for flags; dockerfile-ast's view is not checked: it keeps looking for flags
        // after a first word containing "--", and reads an escaped blank before "--" as a flag (RUN `<tab>--)
        expect(buildkitFlags(r.value).flags).toEqual([]);
      }),
      { ...RUNS, examples: [['`\t--', '`']] },
    );
  });

  it('joinShellCommands: one RUN whose joined line is the commands and-ed together', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), escapeArb, (cmds, escape) => {
        const r = attempt(() => q.joinShellCommands(cmds, { escape }));
        if (!r.ok) {
          const joinReason =
            (r.code === 'DW_QUOTE_SHELL_COMMENT' && cmds.some((c) => c.includes('#'))) ||
            (r.code === 'DW_QUOTE_SHELL_QUOTE' && cmds.some((c) => /["']/.test(c)));
          return void expect(joinReason || cmds.some((c) => shellReason(r.code, c, escape))).toBe(true);
        }
        const { doc, at } = parse(escape, [`RUN ${r.value}`], ['RUN']);
        const first = escape === '`' ? 2 : 1;
        expect([at[1]?.getRange().start.line, at[1]?.getRange().end.line]).toEqual([first, first + cmds.length - 1]);
        expect((at[1] as Run).getHeredocs()).toEqual([]);
        // BuildKit's continuation rule: strip the escape (and trailing blanks) and join the lines.
        const e = escape === '`' ? '`' : '\\\\';
        const continued = new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`);
        const lines = doc.split('\n').slice(first, first + cmds.length);
        expect(lines.map((l) => l.replace(continued, '$1')).join('')).toBe(`RUN ${cmds.join(' ' + '    && ')}`);
      }),
      RUNS,
    );
  });

  it('heredoc: the body is exactly the script and ends only at the marker', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.oneof(unit, fc.constantFrom('\n', 'EOF\n', 'EOF_1', '\tEOF\n')), maxLength: 20 }),
        escapeArb,
        (script, escape) => {
          const r = attempt(() => q.heredoc(script));
          if (!r.ok)
            return void expect(
              r.code === 'DW_QUOTE_CARRIAGE_RETURN'
                ? script.includes('\r')
                : basicReason(r.code, [script]) && r.code !== 'DW_QUOTE_NEWLINE',
            ).toBe(true);
          const { marker, redirect, body } = r.value;
          const { doc, at } = parse(escape, [`RUN ${redirect}\n${body}`], ['RUN']);
          const [doc0] = (at[1] as Run).getHeredocs();
          expect(doc0?.getName()).toBe(marker);
          const content = doc0?.getContentRange();
          const full = script === '' || script.endsWith('\n') ? script : `${script}\n`;
          // dockerfile-ast's (experimental) content range applies escape processing inside the body and
          // takes a lone CR for a line break; BuildKit does neither.
          if (!full.includes(escape) && !/\r(?!\n)/.test(full))
            expect(content ? slice(doc, content) : '').toBe(full.replace(/(\r\n|\r|\n)$/, ''));
          // BuildKit: raw lines after the instruction until one equals the marker (trailing CR/LF trimmed).
          const after = doc.slice(doc.indexOf(`${redirect}\n`) + redirect.length + 1).split(/(?<=\n)/);
          const end = after.findIndex((l) => l.replace(/[\r\n]+$/, '') === marker);
          expect(after.slice(0, end).join('')).toBe(full);
        },
      ),
      RUNS,
    );
  });

  it('comment: never a parser directive, for BuildKit or dockerfile-ast, even at the top', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.oneof(unit, fc.constantFrom('syntax=x', 'escape=`', 'check=skip=all', ' = ')), maxLength: 12 }),
        fc.boolean(),
        (txt, afterDirective) => {
          const r = attempt(() => q.comment(txt));
          if (!r.ok) return void expect(basicReason(r.code, [txt])).toBe(true);
          const doc = `${afterDirective ? '# escape=\\\n' : ''}${r.value}\nFROM scratch\n`;
          const df = DockerfileParser.parse(doc);
          expect(df.getDirectives().map((d) => d.getName())).toEqual(afterDirective ? ['escape'] : []);
          expect(df.getInstructions().map((i) => i.getKeyword())).toEqual(['FROM']);
          expect(df.getComments()).toHaveLength(r.value.split('\n').length);
          expect(buildkitDirectives(doc)).toEqual(afterDirective ? ['escape'] : []);
        },
      ),
      RUNS,
    );
  });
});

/** The reason shellCommand gave is one the input really has. */
function shellReason(code: q.QuoteErrorCode, cmd: string, escape: Escape): boolean {
  const trimmed = cmd.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '');
  if (code === 'DW_QUOTE_TRAILING_ESCAPE') return trimmed.endsWith(escape);
  if (code === 'DW_QUOTE_FLAG_LIKE') return trimmed.replaceAll(escape, '').startsWith('--');
  if (code === 'DW_QUOTE_HEREDOC') return /<</.test(cmd);
  if (code === 'DW_QUOTE_JSON_LIKE') {
    try {
      return Array.isArray(JSON.parse(trimmed));
    } catch {
      return false;
    }
  }
  return basicReason(code, [cmd]);
}

/** BuildKit's DirectiveParser over the top of a file: names of the directives it would read. */
function buildkitDirectives(doc: string): string[] {
  const found: string[] = [];
  for (const line of doc.split('\n').map((l) => l.replace(/\r$/, ''))) {
    const m = /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/.exec(line);
    const name = m?.[1]?.toLowerCase() ?? '';
    if (!['syntax', 'escape', 'check'].includes(name)) break;
    found.push(name);
  }
  return found;
}
