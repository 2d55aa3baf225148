/** One model instruction (a stage step) → one IR node. Values stay raw. */
import type { InstructionNode, ModelPath, MountOption, MountSpec, OnbuildTrigger } from '../ir/index.js';
import type { InstructionModel, MountModel, SourceModel } from '../model/resolved.js';

/** Names a COPY --from / mount from= source (see lower-source.ts). */
export type SourceNamer = (source: SourceModel, path: ModelPath) => string;

export interface StepNames {
  /** For the stage's own COPY --from and mounts. */
  readonly source: SourceNamer;
  /**
   * For ONBUILD triggers, which run in a child build where this file's stages and aliases do not
   * exist: an image is named by its reference.
   */
  readonly trigger: SourceNamer;
}

type StepOf<K extends InstructionModel['kind']> = Extract<InstructionModel, { kind: K }>;
type Lower<K extends InstructionModel['kind']> = (step: StepOf<K>, at: ModelPath, names: StepNames) => InstructionNode;

const opt = (key: string, value: string | number | undefined, field = key): MountOption[] =>
  value === undefined ? [] : [{ key, value: String(value), field }];
const flag = (key: string, on: boolean | undefined): MountOption[] => (on ? [{ key, value: 'true', field: key }] : []);
const bool = (key: string, value: boolean | undefined): MountOption[] => opt(key, value === undefined ? undefined : String(value));

/** Mount options in a fixed order: what is mounted, where from, then access and ownership. */
function lowerMount(m: MountModel, at: ModelPath, name: SourceNamer): MountSpec {
  const from = (source: SourceModel | undefined): MountOption[] => (source ? opt('from', name(source, [...at, 'from'])) : []);
  const owner = (o: { mode?: string | undefined; uid?: number | undefined; gid?: number | undefined }): MountOption[] => [
    ...opt('mode', o.mode),
    ...opt('uid', o.uid),
    ...opt('gid', o.gid),
  ];
  switch (m.type) {
    case 'cache':
      return {
        type: m.type,
        options: [
          ...opt('target', m.target),
          ...opt('id', m.id),
          ...opt('sharing', m.sharing),
          ...from(m.from),
          ...opt('source', m.source),
          ...flag('readonly', m.readonly),
          ...owner(m),
        ],
      };
    case 'bind':
      return {
        type: m.type,
        options: [...opt('target', m.target), ...from(m.from), ...opt('source', m.source), ...flag('readwrite', m.readwrite)],
      };
    case 'secret':
      return {
        type: m.type,
        options: [...opt('id', m.id), ...opt('target', m.target), ...opt('env', m.env), ...bool('required', m.required), ...owner(m)],
      };
    case 'ssh':
      return { type: m.type, options: [...opt('id', m.id), ...opt('target', m.target), ...bool('required', m.required), ...owner(m)] };
    case 'tmpfs':
      return { type: m.type, options: [...opt('target', m.target), ...opt('size', m.size)] };
  }
}

const table: { [K in InstructionModel['kind']]: Lower<K> } = {
  run: (s, at, names) => ({
    kind: 'run',
    body: s.body,
    mounts: s.mounts.map((m, i) => lowerMount(m, [...at, 'mounts', i], names.source)),
    network: s.network,
    security: s.security,
    modelPath: at,
  }),
  copy: (s, at, names) => ({
    kind: 'copy',
    sources: s.sources,
    dest: s.dest,
    from: s.from ? names.source(s.from, [...at, 'from']) : undefined,
    chown: s.chown,
    chmod: s.chmod,
    link: s.link,
    parents: s.parents,
    exclude: s.exclude,
    modelPath: at,
  }),
  add: (s, at) => ({
    kind: 'add',
    sources: s.sources,
    dest: s.dest,
    checksum: s.checksum,
    keepGitDir: s.keepGitDir,
    chown: s.chown,
    chmod: s.chmod,
    link: s.link,
    exclude: s.exclude,
    modelPath: at,
  }),
  env: (s, at) => ({ kind: 'env', vars: Object.entries(s.vars), modelPath: at }),
  arg: (s, at) => ({ kind: 'arg', name: s.name, default: s.default, modelPath: at }),
  workdir: (s, at) => ({ kind: 'workdir', dir: s.path, modelPath: at, fieldPaths: { dir: [...at, 'path'] } }),
  user: (s, at) => ({ kind: 'user', user: s.user, group: s.group, modelPath: at }),
  expose: (s, at) => ({ kind: 'expose', ports: s.ports, modelPath: at }),
  volume: (s, at) => ({ kind: 'volume', paths: s.paths, modelPath: at }),
  label: (s, at) => ({ kind: 'label', labels: Object.entries(s.labels), modelPath: at }),
  entrypoint: (s, at) => ({ kind: 'entrypoint', command: s.command, modelPath: at }),
  cmd: (s, at) => ({ kind: 'cmd', command: s.command, modelPath: at }),
  healthcheck: (s, at) => ({ kind: 'healthcheck', check: s.check, modelPath: at }),
  shell: (s, at) => ({ kind: 'shell', argv: s.argv, modelPath: at }),
  stopsignal: (s, at) => ({ kind: 'stopsignal', signal: s.signal, modelPath: at }),
  onbuild: (s, at, names) => ({
    kind: 'onbuild',
    modelPath: at,
    trigger: lowerStep(s.trigger, [...at, 'trigger'], { source: names.trigger, trigger: names.trigger }) as OnbuildTrigger,
  }),
  comment: (s, at) => ({ kind: 'comment', text: s.text, modelPath: at }),
  raw: (s, at) => ({ kind: 'raw', text: s.text, modelPath: at }),
};

/** Lowers one step found at `at` (`['stages', 1, 'steps', 3]`). */
export const lowerStep = (step: InstructionModel, at: ModelPath, names: StepNames): InstructionNode =>
  (table[step.kind] as Lower<InstructionModel['kind']>)(step, at, names);
