/**
 * One Dockerfile instruction (inside a stage) → one call of a 'dockwright' helper. A mapper throws
 * `NotModelled` when the API cannot say the same thing; `mapStep` then keeps the line as `raw(…)`.
 * FROM and stage-level ARG are handled by map-dockerfile.ts.
 */
import { ex, type Expr } from './definition-model.js';
import { mapMount } from './map-mount.js';
import { notModelled } from './not-modelled.js';
import { readFlags } from './read-flags.js';
import { splitCommands } from './split-commands.js';
import { jsonArray, type ParsedInstruction } from './parse-dockerfile.js';
import { lexWord } from './lex-word.js';

export interface MapContext {
  /** A `--from=` / `from=` value → a stage-ref, an image-ref, `namedContext('…')` or `externalImage('…')`. */
  source(ref: string): Expr;
  /** The Dockerfile's escape character. */
  readonly escape: string;
}

type Mapper = (ins: ParsedInstruction, ctx: MapContext) => Expr;

const shellText = (ins: ParsedInstruction): string => ins.pieces.join(' ');

/** The argument text as one word BuildKit lexes (WORKDIR, USER, STOPSIGNAL), as the model spells it. */
const oneWord = (ins: ParsedInstruction, ctx: MapContext): string => lexWord(ins.joined.trim(), ctx.escape);

/** Paths (COPY, ADD, VOLUME): JSON elements or words, each lexed as BuildKit does. */
const pathWords = (ins: ParsedInstruction, ctx: MapContext): string[] => (ins.json ?? ins.rawWords).map((w) => lexWord(w, ctx.escape));

/** CMD/ENTRYPOINT/HEALTHCHECK CMD: a JSON array is exec form, anything else shell form. */
const command = (json: readonly string[] | undefined, shell: string): Expr =>
  json ? ex.strs(json) : ex.obj({ form: ex.str('shell'), command: ex.str(shell || notModelled('an empty command')) });

const sourcesAndDest = (ins: ParsedInstruction, ctx: MapContext): [Expr, Expr] => {
  if (ins.heredocs.length > 0) notModelled(`${ins.keyword} with a heredoc`);
  const list = pathWords(ins, ctx);
  const dest = list.at(-1);
  if (list.length < 2 || dest === undefined) return notModelled(`${ins.keyword} needs a source and a destination`);
  const sources = list.slice(0, -1).map(ex.value);
  return [sources.length === 1 ? (sources[0] ?? ex.str('')) : ex.arr(sources), ex.value(dest)];
};

const copyFlags = (
  ins: ParsedInstruction,
  extra: readonly string[],
): { f: ReturnType<typeof readFlags>; common: Record<string, Expr | undefined> } => {
  const f = readFlags(ins.flags, ['chown', 'chmod', 'link', 'exclude', ...extra]);
  const str = (v: string | undefined): Expr | undefined => (v === undefined ? undefined : ex.str(v));
  const link = f.bool('link');
  const exclude = f.all('exclude');
  return {
    f,
    common: {
      chown: str(f.one('chown')),
      chmod: str(f.one('chmod')),
      link: link === undefined ? undefined : ex.bool(link),
      exclude: exclude.length ? ex.strs(exclude) : undefined,
    },
  };
};

/** A property's value as BuildKit lexes it, as the model spells it (null: no value). */
export const propertyValue = (p: ParsedInstruction['properties'][number], escape: string): string | null =>
  p.value === null ? null : p.rawValue === undefined ? p.value : lexWord(p.rawValue, escape);

const properties = (ins: ParsedInstruction, ctx: MapContext): Expr => {
  const seen = new Set<string>();
  return {
    kind: 'object',
    entries: ins.properties.map((p) => {
      if (seen.has(p.name)) notModelled(`${p.name} set twice in one ${ins.keyword}`);
      seen.add(p.name);
      const value = propertyValue(p, ctx.escape) ?? notModelled(`${ins.keyword} ${p.name} without a value`);
      return { key: p.name, value: ex.value(value) };
    }),
  };
};

const HEALTHCHECK_OPTIONS: Readonly<Record<string, string>> = {
  interval: 'interval',
  timeout: 'timeout',
  'start-period': 'startPeriod',
  'start-interval': 'startInterval',
};

const MAPPERS: Readonly<Record<string, Mapper>> = {
  RUN: (ins, ctx) => {
    const f = readFlags(ins.flags, ['mount', 'network', 'security']);
    const mounts = f.named('mount').map((m) => mapMount(m, (ref) => ctx.source(ref)));
    const network = f.one('network');
    const security = f.one('security');
    const opts = ex.opts({
      mounts: mounts.length ? ex.arr(mounts) : undefined,
      network: network === undefined ? undefined : ex.str(network),
      security: security === undefined ? undefined : ex.str(security),
    });
    if (ins.heredocs.length > 0) {
      const [doc, ...more] = ins.heredocs;
      if (!doc || more.length > 0 || !/^<<-?(["']?)[A-Za-z0-9_]+\1$/.test(ins.pieces[0] ?? '')) {
        return notModelled('a heredoc RUN with a command or several heredocs (only `RUN <<EOF` with a script is modelled)');
      }
      return ex.call('runScript', ex.str(doc.content), ...opts);
    }
    if (ins.json) return ex.call('runExec', ex.strs(ins.json), ...opts);
    const commands = splitCommands(ins.pieces);
    if (commands.length === 0) return notModelled('an empty RUN');
    return ex.call('run', commands.length === 1 ? ex.str(commands[0] ?? '') : ex.strs(commands), ...opts);
  },
  COPY: (ins, ctx) => {
    const { f, common } = copyFlags(ins, ['from', 'parents']);
    const from = f.one('from');
    const parents = f.bool('parents');
    return ex.call(
      'copy',
      ...sourcesAndDest(ins, ctx),
      ...ex.opts({
        from: from === undefined ? undefined : ctx.source(from),
        ...common,
        parents: parents === undefined ? undefined : ex.bool(parents),
      }),
    );
  },
  ADD: (ins, ctx) => {
    const { f, common } = copyFlags(ins, ['checksum', 'keep-git-dir']);
    const checksum = f.one('checksum');
    const keep = f.bool('keep-git-dir');
    return ex.call(
      'add',
      ...sourcesAndDest(ins, ctx),
      ...ex.opts({
        ...common,
        checksum: checksum === undefined ? undefined : ex.str(checksum),
        keepGitDir: keep === undefined ? undefined : ex.bool(keep),
      }),
    );
  },
  ENV: (ins, ctx) => ex.call('env', properties(ins, ctx)),
  LABEL: (ins, ctx) => ex.call('label', properties(ins, ctx)),
  ARG: (ins, ctx) => {
    const [p, ...more] = ins.properties;
    if (!p || more.length > 0) return notModelled('ARG with several variables in ONBUILD');
    const value = propertyValue(p, ctx.escape);
    return ex.call('arg', ex.str(p.name), ...(value === null ? [] : [ex.value(value)]));
  },
  WORKDIR: (ins, ctx) => ex.call('workdir', ex.value(oneWord(ins, ctx))),
  USER: (ins, ctx) => {
    const [name, group, ...rest] = oneWord(ins, ctx).split(':');
    if (!name || rest.length > 0) return notModelled('a USER that is not user[:group]');
    return ex.call('user', ex.value(name), ...(group ? [ex.value(group)] : []));
  },
  EXPOSE: (ins) =>
    ex.call(
      'expose',
      ...ins.words.map((w) => {
        const m = /^(\d+)(?:\/(tcp|udp))?$/i.exec(w);
        if (!m) return notModelled(`EXPOSE ${w} (only a port number with /tcp or /udp is modelled)`);
        const port = ex.num(Number(m[1]));
        return m[2]?.toLowerCase() === 'udp' ? ex.obj({ port, protocol: ex.str('udp') }) : port;
      }),
    ),
  VOLUME: (ins, ctx) => ex.call('volume', ...pathWords(ins, ctx).map(ex.value)),
  CMD: (ins) => ex.call('cmd', command(ins.json, shellText(ins))),
  ENTRYPOINT: (ins) => ex.call('entrypoint', command(ins.json, shellText(ins))),
  HEALTHCHECK: (ins) => {
    const f = readFlags(ins.flags, [...Object.keys(HEALTHCHECK_OPTIONS), 'retries']);
    const sub = ins.words[0]?.toUpperCase();
    if (sub === 'NONE' && ins.flags.length === 0 && ins.words.length === 1) return ex.call('healthcheck', ex.str('none'));
    if (sub !== 'CMD') return notModelled('HEALTHCHECK that is neither NONE nor CMD');
    const options = Object.fromEntries(
      Object.entries(HEALTHCHECK_OPTIONS).map(([flag, key]) => {
        const v = f.one(flag);
        return [key, v === undefined ? undefined : ex.str(v)];
      }),
    );
    const retries = f.one('retries');
    if (retries !== undefined && !/^\d+$/.test(retries)) notModelled(`--retries=${retries} is not a whole number`);
    const rest = ins.joined.replace(/^\s*CMD\s*/i, '');
    const test = command(jsonArray(rest), shellText(ins).replace(/^CMD\s*/i, ''));
    return ex.call('healthcheck', ex.obj({ test, ...options, retries: retries === undefined ? undefined : ex.num(Number(retries)) }));
  },
  SHELL: (ins) => ex.call('shell', ex.strs(ins.json ?? notModelled('SHELL that is not a JSON array'))),
  STOPSIGNAL: (ins, ctx) => ex.call('stopsignal', ex.value(oneWord(ins, ctx))),
  ONBUILD: (ins, ctx) => {
    const t = ins.trigger ?? notModelled('ONBUILD without an instruction');
    if (['ONBUILD', 'FROM', 'MAINTAINER'].includes(t.keyword)) notModelled(`ONBUILD ${t.keyword}`);
    return ex.call('onbuild', mapInstruction(t, ctx));
  },
  MAINTAINER: () => notModelled('MAINTAINER is deprecated (a label such as org.opencontainers.image.authors says the same)'),
};

/** The helper call for one instruction; throws `NotModelled` when there is none. */
export function mapInstruction(ins: ParsedInstruction, ctx: MapContext): Expr {
  const mapper = MAPPERS[ins.keyword] ?? notModelled(`${ins.keyword} is not an instruction dockwright knows`);
  return mapper(ins, ctx);
}
