/** `RUN --mount=type=…,…` → `cacheMount(…)`, `bindMount(…)`, `secretMount(…)`, `sshMount(…)`, `tmpfsMount(…)`. */
import { ex, type Expr } from './definition-model.js';
import { notModelled } from './not-modelled.js';
import { parseBool } from './read-flags.js';
import type { ParsedFlag } from './parse-dockerfile.js';

/** Option spellings BuildKit accepts for the same thing. */
const ALIASES: Readonly<Record<string, string>> = {
  dst: 'target',
  destination: 'target',
  src: 'source',
  ro: 'readonly',
  rw: 'readwrite',
};

const KNOWN: Readonly<Record<string, readonly string[]>> = {
  cache: ['target', 'id', 'sharing', 'from', 'source', 'readonly', 'mode', 'uid', 'gid'],
  bind: ['target', 'source', 'from', 'readwrite'],
  secret: ['id', 'target', 'env', 'required', 'mode', 'uid', 'gid'],
  ssh: ['id', 'target', 'required', 'mode', 'uid', 'gid'],
  tmpfs: ['target', 'size'],
};

export function mapMount(flag: ParsedFlag, source: (ref: string) => Expr): Expr {
  const opts = new Map<string, string | null>();
  for (const o of flag.options) {
    const name = ALIASES[o.name.toLowerCase()] ?? o.name.toLowerCase();
    if (opts.has(name)) notModelled(`--mount option ${o.name} given twice`);
    opts.set(name, o.value);
  }
  const type = opts.get('type') ?? 'bind';
  opts.delete('type');
  const known = KNOWN[type] ?? notModelled(`--mount type=${type}`);
  for (const name of opts.keys()) if (!known.includes(name)) notModelled(`--mount option ${name} for type=${type}`);

  const text = (name: string): Expr | undefined => {
    if (!opts.has(name)) return undefined;
    const v = opts.get(name);
    return v === null || v === undefined ? notModelled(`--mount option ${name} without a value`) : ex.str(v);
  };
  const value = (name: string): string | undefined => {
    const e = text(name);
    return e?.kind === 'string' ? e.value : undefined;
  };
  const bool = (name: string): Expr | undefined => (opts.has(name) ? ex.bool(parseBool(name, opts.get(name) ?? null)) : undefined);
  const int = (name: string): Expr | undefined => {
    const v = value(name);
    if (v === undefined) return undefined;
    return /^\d+$/.test(v) ? ex.num(Number(v)) : notModelled(`--mount ${name}=${v} is not a whole number`);
  };
  const from = (): Expr | undefined => {
    const v = value('from');
    return v === undefined ? undefined : source(v);
  };
  const owner = { mode: text('mode'), uid: int('uid'), gid: int('gid') };

  switch (type) {
    case 'cache':
      return ex.call(
        'cacheMount',
        text('target') ?? notModelled('cache mount without target'),
        ...ex.opts({
          id: text('id'),
          sharing: text('sharing'),
          from: from(),
          source: text('source'),
          readonly: bool('readonly'),
          ...owner,
        }),
      );
    case 'bind':
      return ex.call(
        'bindMount',
        text('target') ?? notModelled('bind mount without target'),
        ...ex.opts({
          source: text('source'),
          from: from(),
          readwrite: bool('readwrite'),
        }),
      );
    case 'secret':
      return ex.call(
        'secretMount',
        text('id') ?? notModelled('secret mount without id'),
        ...ex.opts({
          target: text('target'),
          env: text('env'),
          required: bool('required'),
          ...owner,
        }),
      );
    case 'ssh':
      return ex.call('sshMount', ...ex.opts({ id: text('id'), target: text('target'), required: bool('required'), ...owner }));
    default:
      return ex.call('tmpfsMount', text('target') ?? notModelled('tmpfs mount without target'), ...ex.opts({ size: int('size') }));
  }
}
