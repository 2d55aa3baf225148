/**
 * What "the same instructions" means for the import round trip, computed with dockerfile-ast
 * directly (not through src/import):
 * - parser directives `syntax` and `escape` are equal;
 * - the same stages: FROM compared by image reference with global ARG defaults substituted and by
 *   the variables it uses, platform, and `AS` name when the original has one (unnamed stages get
 *   a name); a FROM naming another image imported with it only has to name that image;
 * - per stage, the same instructions other than ARG, in order, each as keyword + flags (as a set;
 *   mount options as a map, aliases unified) + arguments: exec form as the JSON strings, shell
 *   form as its physical lines trimmed and joined by one space (comment lines dropped), heredoc
 *   bodies exactly (delimiter and its quoting ignored), words that BuildKit lexes (paths, ENV and
 *   LABEL values, WORKDIR, USER…) by their lexed value, `$X` and `${X}` alike, EXPOSE `80` as `80/tcp`;
 * - ARG: per stage, which variables the stage declares and their effective default (its own, else
 *   the global one it redeclares); where in the stage they are declared is not compared, nor are
 *   global ARGs that no FROM uses (they live in the definition's `args`).
 */
import { DockerfileParser, type Flag, type Instruction } from 'dockerfile-ast';
import { unquoteWord } from './shell-word.js';

interface Span {
  readonly start: { line: number; character: number };
  readonly end: { line: number; character: number };
}

export interface NormalStage {
  readonly image: string;
  readonly fromVars: readonly string[];
  readonly platform: string | null;
  readonly name: string | null;
  readonly args: Readonly<Record<string, string | null>>;
  readonly instructions: readonly string[];
}

export interface NormalDockerfile {
  readonly directives: Readonly<Record<string, string>>;
  readonly stages: readonly NormalStage[];
}

type Ast = Instruction & {
  getFlags?: () => Flag[];
  getHeredocs?: () => { getStartRange(): Span; getContentRange(): Span | null }[];
  getProperties?: () => { getName(): string; getValueRange(): Span | null }[];
  getTriggerInstruction?: () => Instruction | null;
  getImage?: () => string | null;
  getBuildStage?: () => string | null;
};

const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
const canonVars = (s: string): string => s.replace(VAR, (m, a?: string, b?: string) => (b ? `\${${b}}` : m));
const ALIASES: Record<string, string> = { dst: 'target', destination: 'target', src: 'source', ro: 'readonly', rw: 'readwrite' };

export function normalizeDockerfile(text: string): NormalDockerfile {
  const df = DockerfileParser.parse(text);
  const escape = df.getEscapeCharacter();
  const lines = text.split(/\r?\n/);
  const slice = (r: Span): string =>
    r.start.line === r.end.line
      ? (lines[r.start.line] ?? '').slice(r.start.character, r.end.character)
      : [
          (lines[r.start.line] ?? '').slice(r.start.character),
          ...lines.slice(r.start.line + 1, r.end.line),
          (lines[r.end.line] ?? '').slice(0, r.end.character),
        ].join('\n');
  const noContinuation = (s: string): string =>
    s
      .split('\n')
      .map((l) => l.replace(new RegExp(`\\${escape}[ \\t]*$`), ''))
      .join('');
  const word = (s: string): string => unquoteWord(s, escape);

  /** Physical lines of the arguments, trimmed, comment and blank lines dropped. */
  const shellLines = (ins: Ast): string => {
    const ranges = ins.getArgumentsRanges();
    const first = ranges[0];
    const last = ranges.at(-1);
    if (!first || !last) return '';
    return slice({ start: first.start, end: last.end })
      .split('\n')
      .map((l, i) => (i > 0 && /^\s*#/.test(l) ? '' : l.replace(new RegExp(`\\${escape}[ \\t]*$`), '').trim()))
      .filter(Boolean)
      .join(' ');
  };
  const argsText = (ins: Ast): string => {
    const ranges = ins.getArgumentsRanges();
    const first = ranges[0];
    const last = ranges.at(-1);
    return first && last ? noContinuation(slice({ start: first.start, end: last.end })) : '';
  };
  const json = (s: string): string[] | undefined => {
    if (!s.trim().startsWith('[')) return undefined;
    try {
      const v: unknown = JSON.parse(s);
      return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
    } catch {
      return undefined;
    }
  };
  // `--from=build` and `--from=0` name the same stage: both become `<stage 0>`.
  const stageNames = df.getFROMs().map((f) => (f as unknown as Ast).getBuildStage?.()?.toLowerCase() ?? null);
  const source = (v: string): string => {
    const i = /^\d+$/.test(v) ? Number(v) : stageNames.indexOf(v.toLowerCase());
    return i >= 0 && i < stageNames.length ? `<stage ${i}>` : canonVars(v);
  };
  const flags = (ins: Ast): string[] =>
    (ins.getFlags?.() ?? [])
      .map((f) => {
        if (f.getName() === 'from') return `from=${source(f.getValue() ?? '')}`;
        if (f.getName() === 'mount') {
          const opts = Object.fromEntries(
            f.getOptions().map((o) => {
              const key = ALIASES[o.getName()] ?? o.getName();
              return [key, key === 'from' ? source(o.getValue() ?? '') : canonVars(o.getValue() ?? 'true')];
            }),
          );
          opts.type ??= 'bind';
          return `mount=${Object.entries(opts)
            .sort()
            .map(([k, v]) => `${k}=${v}`)
            .join(',')}`;
        }
        return `${f.getName()}=${canonVars(f.getValue() ?? 'true')}`;
      })
      .sort();
  const command = (ins: Ast, text: string, shell: string): unknown => {
    const docs = ins.getHeredocs?.() ?? [];
    if (docs.length > 0) {
      return {
        heredocs: docs.map((h) => {
          const body = h.getContentRange() ? slice(h.getContentRange() as Span) : '';
          return slice(h.getStartRange()).startsWith('<<-') ? body.replace(/^\t+/gm, '') : body;
        }),
        line: (lines[ins.getRange().start.line] ?? '').replace(/^.*?<<-?(["']?)[A-Za-z0-9_]+\1/, '').trim(),
      };
    }
    return json(text) ? { exec: json(text) } : { shell };
  };
  const paths = (ins: Ast): string[] => {
    const list = json(argsText(ins));
    return list ? list.map(word) : ins.getArguments().map((a) => word(a.getValue()));
  };
  const props = (ins: Ast): [string, string][] =>
    (ins.getProperties?.() ?? []).map((p) => [
      p.getName(),
      p.getValueRange() ? word(noContinuation(slice(p.getValueRange() as Span))) : '<none>',
    ]);

  const normalize = (ins: Ast): string => {
    const k = ins.getKeyword().toUpperCase();
    const f = flags(ins);
    let args: unknown;
    switch (k) {
      case 'RUN':
      case 'CMD':
      case 'ENTRYPOINT':
      case 'SHELL':
        args = command(ins, argsText(ins), shellLines(ins));
        break;
      case 'HEALTHCHECK': {
        const sub = ins.getArguments()[0]?.getValue().toUpperCase() ?? '';
        const rest = argsText(ins).replace(/^\s*\S+\s*/, '');
        args = sub === 'NONE' ? 'NONE' : { CMD: command(ins, rest, shellLines(ins).replace(/^\S+\s*/, '')) };
        break;
      }
      case 'COPY':
      case 'ADD':
        args = (ins.getHeredocs?.() ?? []).length > 0 ? { text: ins.getTextContent() } : paths(ins);
        break;
      case 'VOLUME':
        args = paths(ins);
        break;
      case 'ENV':
      case 'LABEL':
        args = props(ins);
        break;
      case 'EXPOSE':
        args = ins
          .getArguments()
          .map((a) => word(a.getValue()).toLowerCase())
          .map((p) => (p.includes('/') ? p : `${p}/tcp`));
        break;
      case 'WORKDIR':
      case 'USER':
      case 'STOPSIGNAL':
        args = word(argsText(ins).trim());
        break;
      case 'ONBUILD': {
        const t = ins.getTriggerInstruction?.();
        args = t ? normalize(t as Ast) : argsText(ins);
        break;
      }
      default:
        args = shellLines(ins);
    }
    return JSON.stringify([k, f, args]);
  };

  const globals = new Map<string, string | null>();
  const stages: {
    image: string;
    fromVars: string[];
    platform: string | null;
    name: string | null;
    args: Record<string, string | null>;
    instructions: string[];
  }[] = [];
  for (const raw of df.getInstructions()) {
    const ins = raw as Ast;
    const k = ins.getKeyword().toUpperCase();
    const current = stages.at(-1);
    if (k === 'ARG') {
      for (const [name, value] of props(ins)) {
        const v = value === '<none>' ? null : value;
        if (!current) globals.set(name, v);
        else current.args[name] = v ?? globals.get(name) ?? null;
      }
      continue;
    }
    if (k === 'FROM') {
      const image = ins.getImage?.() ?? '';
      const fromVars = [...image.matchAll(VAR)].map((m) => m[1] ?? m[2] ?? '').sort();
      const expanded = image.replace(VAR, (m, a?: string, b?: string) => globals.get(a ?? b ?? '') ?? m);
      const platform =
        ins
          .getFlags?.()
          .find((fl) => fl.getName() === 'platform')
          ?.getValue() ?? null;
      stages.push({
        image: canonVars(expanded),
        fromVars,
        platform: platform === null ? null : canonVars(platform),
        name: ins.getBuildStage?.()?.toLowerCase() ?? null,
        args: {},
        instructions: [],
      });
      continue;
    }
    current?.instructions.push(normalize(ins));
  }
  const directives = Object.fromEntries(df.getDirectives().map((d) => [d.getName().toLowerCase(), d.getValue()]));
  return { directives, stages };
}
