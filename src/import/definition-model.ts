/**
 * The importer's intermediate "definition model": what a Dockerfile becomes before it is written
 * as TypeScript. Values are a small expression tree (helper calls, literals, references to
 * stages and images by name), so mapping stays pure and emitting is a walk over it.
 */

/** Helpers of 'dockwright' an imported step may call. */
export type Helper =
  | 'run'
  | 'runExec'
  | 'runScript'
  | 'copy'
  | 'add'
  | 'env'
  | 'arg'
  | 'workdir'
  | 'user'
  | 'expose'
  | 'volume'
  | 'label'
  | 'entrypoint'
  | 'cmd'
  | 'healthcheck'
  | 'shell'
  | 'stopsignal'
  | 'onbuild'
  | 'comment'
  | 'raw'
  | 'cacheMount'
  | 'bindMount'
  | 'secretMount'
  | 'sshMount'
  | 'tmpfsMount'
  | 'externalImage'
  | 'namedContext'
  | 'literal';

export interface ObjectEntry {
  readonly key: string;
  readonly value: Expr;
  /** Written as `//` lines above the entry. */
  readonly comments?: readonly string[] | undefined;
}

export type Expr =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'array'; readonly items: readonly Expr[] }
  | { readonly kind: 'object'; readonly entries: readonly ObjectEntry[] }
  /** A stage of the same image, by its (docker) name. */
  | { readonly kind: 'stage-ref'; readonly stage: string }
  /** Another image imported in the same run, by its image name. */
  | { readonly kind: 'image-ref'; readonly image: string }
  | { readonly kind: 'call'; readonly helper: Helper; readonly args: readonly Expr[] };

export interface ImportedStep {
  readonly expr: Expr;
  /** 1-based line of the instruction in the Dockerfile. */
  readonly line: number;
  /** Comments written inside the instruction (continuation lines), kept as `//` lines. */
  readonly comments: readonly string[];
  /** Set when `expr` is a `raw(…)` standing in for something the API cannot express. */
  readonly notModelled?: string | undefined;
  /** The instruction as written, kept to fall back to `raw(…)` (not set for comments). */
  readonly source?: string | undefined;
}

export interface ImportedStage {
  readonly name: string;
  /** An external reference (string), a `stage-ref` or an `image-ref`. */
  readonly from: Expr;
  readonly platform?: string | undefined;
  /** Comments written right above the FROM line. */
  readonly comments: readonly string[];
  readonly steps: readonly ImportedStep[];
}

export interface ImportedArg {
  readonly name: string;
  readonly default?: string | undefined;
  readonly comments: readonly string[];
  /** A stage redeclares it without using it: its RUNs read it from their environment. */
  readonly forRun?: boolean;
}

export interface ImportedImage {
  readonly name: string;
  /** The Dockerfile it came from, as given (for messages and the file header). */
  readonly source: string;
  readonly syntax?: string | undefined;
  readonly escape?: '`' | undefined;
  readonly args: readonly ImportedArg[];
  readonly stages: readonly ImportedStage[];
  /** Build context folder relative to the project root, when it is not `.`. */
  readonly context?: string | undefined;
  readonly copyList: readonly { readonly src: string; readonly dest: string }[];
  /** Named build contexts the Dockerfile reads from (`--build-context NAME=DIR`). */
  readonly buildContexts?: Readonly<Record<string, string>>;
  /** Comments before the first FROM that belong to no ARG. */
  readonly headerComments: readonly string[];
}

/** Something the importer could not carry over as written; always names the file and, when known, the line. */
export interface ImportWarning {
  readonly file: string;
  readonly line?: number | undefined;
  readonly message: string;
}

export const formatWarning = (w: ImportWarning): string => `${w.file}${w.line === undefined ? '' : `:${w.line}`}: ${w.message}`;

/** Small constructors so mappers read like the code they produce. */
export const ex = {
  str: (value: string): Expr => ({ kind: 'string', value }),
  num: (value: number): Expr => ({ kind: 'number', value }),
  bool: (value: boolean): Expr => ({ kind: 'boolean', value }),
  arr: (items: readonly Expr[]): Expr => ({ kind: 'array', items }),
  strs: (values: readonly string[]): Expr => ({ kind: 'array', items: values.map((value) => ({ kind: 'string', value })) }),
  call: (helper: Helper, ...args: readonly Expr[]): Expr => ({ kind: 'call', helper, args }),
  /** An object literal from the defined entries only (`undefined` values are left out). */
  obj: (entries: Readonly<Record<string, Expr | undefined>>): Expr => ({
    kind: 'object',
    entries: Object.entries(entries).flatMap(([key, value]) => (value === undefined ? [] : [{ key, value }])),
  }),
  /**
   * A value Docker expands, as the model spells it (`$$` a literal `$`, see lex-word.ts): written
   * `literal('…')` when all its `$` are literal, else as the string.
   */
  value: (model: string): Expr =>
    model.includes('$$') && model.replaceAll('$$', '').indexOf('$') < 0
      ? { kind: 'call', helper: 'literal', args: [{ kind: 'string', value: model.replaceAll('$$', '$') }] }
      : { kind: 'string', value: model },
  /** `obj` that returns nothing when no entry is defined (an options argument that can be left out). */
  opts: (entries: Readonly<Record<string, Expr | undefined>>): Expr[] => {
    const o = ex.obj(entries);
    return o.kind === 'object' && o.entries.length > 0 ? [o] : [];
  },
};
