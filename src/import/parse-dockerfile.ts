/**
 * Reads a Dockerfile with `dockerfile-ast` into plain records the mapper works on: flags with
 * their options, arguments per physical line (continuations and in-instruction comments removed,
 * as the builder does), exec form when the arguments are a JSON array, heredoc bodies.
 */
import { DockerfileParser } from 'dockerfile-ast';
import type { Flag, Instruction } from 'dockerfile-ast';

interface Pos {
  readonly line: number;
  readonly character: number;
}
interface Span {
  readonly start: Pos;
  readonly end: Pos;
}

export interface ParsedFlag {
  readonly name: string;
  readonly value: string | null;
  readonly options: readonly { readonly name: string; readonly value: string | null }[];
}

export interface ParsedHeredoc {
  readonly name: string;
  /** `<<-EOF`: leading tabs are stripped from the body. */
  readonly chomp: boolean;
  /** The body, without the delimiter lines and without a final newline (tabs already stripped for `<<-`). */
  readonly content: string;
}

export interface ParsedInstruction {
  /** Upper-case keyword (`RUN`). */
  readonly keyword: string;
  /** 1-based first and last line. */
  readonly line: number;
  readonly endLine: number;
  /** The instruction exactly as written, continuation lines and heredocs included. */
  readonly text: string;
  readonly flags: readonly ParsedFlag[];
  /** Argument words after the flags, as dockerfile-ast splits them (quotes kept). */
  readonly words: readonly string[];
  /** The same words exactly as written (quotes and escapes as in the file; continuations removed). */
  readonly rawWords: readonly string[];
  /** Argument text per physical line after the flags: continuation removed, trimmed; comment and blank lines dropped. */
  readonly pieces: readonly string[];
  /** The arguments as the builder joins them (continuations removed, nothing trimmed). */
  readonly joined: string;
  /** The arguments parsed as a JSON array of strings, when they are one (exec form). */
  readonly json: readonly string[] | undefined;
  readonly heredocs: readonly ParsedHeredoc[];
  /** ENV, LABEL, ARG: name/value pairs, values with quotes and escapes processed, `$VAR` kept. */
  readonly properties: readonly { readonly name: string; readonly value: string | null; readonly rawValue?: string | undefined }[];
  /** `# …` lines inside the instruction's continuation lines (the builder ignores them). */
  readonly innerComments: readonly string[];
  /** ONBUILD: the instruction it triggers. */
  readonly trigger?: ParsedInstruction | undefined;
  /** FROM: the image reference and the `AS` name. */
  readonly from?: { readonly image: string; readonly stage?: string | undefined } | undefined;
}

export interface ParsedDockerfile {
  readonly escape: '\\' | '`';
  readonly directives: readonly { readonly name: string; readonly value: string; readonly line: number }[];
  readonly instructions: readonly ParsedInstruction[];
  /** Comment lines outside instructions, 1-based, in order. */
  readonly comments: readonly { readonly line: number; readonly text: string }[];
}

/** The text as a JSON array of strings (exec form), or undefined (shell form), as the builder decides. */
export const jsonArray = (text: string): string[] | undefined => {
  if (!text.trimStart().startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : undefined;
  } catch {
    return undefined;
  }
};

type Ast = Instruction & {
  getFlags?: () => Flag[];
  getHeredocs?: () => { getName(): string; getStartRange(): Span; getContentRange(): Span | null }[];
  getProperties?: () => { getName(): string; getValue(): string | null; getValueRange(): Span | null }[];
  getTriggerInstruction?: () => Instruction | null;
  getImage?: () => string | null;
  getBuildStage?: () => string | null;
};

export function parseDockerfile(content: string): ParsedDockerfile {
  const df = DockerfileParser.parse(content);
  const lines = content.split(/\r?\n/);
  const escape = df.getEscapeCharacter() === '`' ? '`' : '\\';
  const slice = (r: Span): string =>
    r.start.line === r.end.line
      ? (lines[r.start.line] ?? '').slice(r.start.character, r.end.character)
      : [
          (lines[r.start.line] ?? '').slice(r.start.character),
          ...lines.slice(r.start.line + 1, r.end.line),
          (lines[r.end.line] ?? '').slice(0, r.end.character),
        ].join('\n');
  const continuation = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);
  /** Raw text without its line continuations (escape + newline). */
  const unwrap = (text: string): string =>
    text
      .split('\n')
      .map((l) => l.replace(continuation, ''))
      .join('');

  const parse = (ins: Ast): ParsedInstruction => {
    const range = ins.getRange();
    const argRanges = ins.getArgumentsRanges();
    const argStart = argRanges[0]?.start;
    const physical = argStart ? slice({ start: argStart, end: range.end }).split('\n') : [];
    const pieces: string[] = [];
    const raw: string[] = [];
    const innerComments: string[] = [];
    physical.forEach((line, i) => {
      if (i > 0 && /^\s*#/.test(line)) return void innerComments.push(line.trim().replace(/^#\s?/, ''));
      if (i > 0 && line.trim() === '') return;
      const body = line.replace(continuation, '');
      raw.push(body);
      if (body.trim() !== '') pieces.push(body.trim());
    });
    const joined = raw.join('');
    const heredocs = (ins.getHeredocs?.() ?? []).map((h) => {
      const chomp = slice(h.getStartRange()).startsWith('<<-');
      const body = h.getContentRange();
      const text = body ? slice(body) : '';
      return { name: h.getName(), chomp, content: chomp ? text.replace(/^\t+/gm, '') : text };
    });
    const trigger = ins.getTriggerInstruction?.();
    const image = ins.getImage?.();
    return {
      keyword: ins.getKeyword().toUpperCase(),
      line: range.start.line + 1,
      endLine: range.end.line + 1,
      text: slice(range),
      flags: (ins.getFlags?.() ?? []).map((f) => ({
        name: f.getName(),
        value: f.getValue(),
        options: f.getOptions().map((o) => ({ name: o.getName(), value: o.getValue() })),
      })),
      words: ins.getArguments().map((a) => a.getValue()),
      rawWords: ins.getArguments().map((a) => unwrap(slice(a.getRange()))),
      pieces,
      joined,
      json: heredocs.length === 0 ? jsonArray(joined) : undefined,
      heredocs,
      properties: (ins.getProperties?.() ?? []).map((p) => {
        const range = p.getValueRange();
        return { name: p.getName(), value: p.getValue(), rawValue: range ? unwrap(slice(range)) : undefined };
      }),
      innerComments: heredocs.length === 0 ? innerComments : [],
      ...(trigger ? { trigger: parse(trigger as Ast) } : {}),
      ...(image ? { from: { image, stage: ins.getBuildStage?.() ?? undefined } } : {}),
    };
  };

  const instructions = df.getInstructions().map((i) => parse(i as Ast));
  const inside = (line: number): boolean => instructions.some((i) => line > i.line && line <= i.endLine);
  return {
    escape,
    directives: df
      .getDirectives()
      .map((d) => ({ name: d.getName().toLowerCase(), value: d.getValue(), line: d.getRange().start.line + 1 })),
    instructions,
    comments: df
      .getComments()
      .map((c) => ({ line: c.getRange().start.line + 1, text: c.getContent() }))
      .filter((c) => !inside(c.line)),
  };
}
