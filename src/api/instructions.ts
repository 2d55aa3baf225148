/** One helper per Dockerfile instruction. Each returns a plain, frozen instruction node. */
import type { CommandInput } from '../model/command.js';
import type { HealthcheckSpec, InstructionInput, InstructionInputOf } from '../model/instruction.js';
import type { MountInput } from '../model/mount.js';
import type { SourceRef } from '../model/refs.js';

type Node<K extends InstructionInput['kind']> = Readonly<InstructionInputOf<K>>;

export interface RunOptions {
  mounts?: readonly MountInput[];
  network?: 'default' | 'none' | 'host';
  security?: 'sandbox' | 'insecure';
}

const runNode = (body: InstructionInputOf<'run'>['body'], opts: RunOptions = {}): Node<'run'> =>
  Object.freeze({
    kind: 'run',
    body,
    mounts: [...(opts.mounts ?? [])],
    ...(opts.network ? { network: opts.network } : {}),
    ...(opts.security ? { security: opts.security } : {}),
  });

/** Shell-form RUN. Several commands are joined with `&&`, one per continuation line. */
export const run = (commands: string | readonly string[], opts?: RunOptions): Node<'run'> =>
  runNode({ form: 'shell', commands: typeof commands === 'string' ? [commands] : [...commands] }, opts);

/** Exec-form RUN: `RUN ["prog", "arg"]`. */
export const runExec = (argv: readonly string[], opts?: RunOptions): Node<'run'> => runNode({ form: 'exec', argv: [...argv] }, opts);

/** A multi-line script as a heredoc (`RUN <<'EOF' … EOF`), run by the stage's shell. */
export const runScript = (script: string, opts?: RunOptions): Node<'run'> => runNode({ form: 'heredoc', script }, opts);

export interface CopyOptions {
  from?: SourceRef;
  chown?: string;
  chmod?: string;
  link?: boolean;
  parents?: boolean;
  exclude?: readonly string[];
}

const list = (v: string | readonly string[]): string[] => (typeof v === 'string' ? [v] : [...v]);

export const copy = (sources: string | readonly string[], dest: string, { exclude, ...opts }: CopyOptions = {}): Node<'copy'> =>
  Object.freeze({ kind: 'copy', sources: list(sources), dest, ...opts, ...(exclude ? { exclude: [...exclude] } : {}) });

export interface AddOptions extends Omit<CopyOptions, 'from' | 'parents'> {
  /** `sha256:<hex>` of a remote source. */
  checksum?: string;
  keepGitDir?: boolean;
}

export const add = (sources: string | readonly string[], dest: string, { exclude, ...opts }: AddOptions = {}): Node<'add'> =>
  Object.freeze({ kind: 'add', sources: list(sources), dest, ...opts, ...(exclude ? { exclude: [...exclude] } : {}) });

export const env = (vars: Readonly<Record<string, string>>): Node<'env'> => Object.freeze({ kind: 'env', vars: { ...vars } });
/** A stage-local ARG. Image-level ARGs go in `image({ args })` and are redeclared where used. */
export const arg = (name: string, defaultValue?: string): Node<'arg'> =>
  Object.freeze({ kind: 'arg', name, ...(defaultValue === undefined ? {} : { default: defaultValue }) });
export const workdir = (path: string): Node<'workdir'> => Object.freeze({ kind: 'workdir', path });
export const user = (name: string, group?: string): Node<'user'> =>
  Object.freeze({ kind: 'user', user: name, ...(group ? { group } : {}) });
export const expose = (...ports: (number | { port: number; protocol?: 'tcp' | 'udp' })[]): Node<'expose'> =>
  Object.freeze({ kind: 'expose', ports });
export const volume = (...paths: string[]): Node<'volume'> => Object.freeze({ kind: 'volume', paths });
export const label = (labels: Readonly<Record<string, string>>): Node<'label'> => Object.freeze({ kind: 'label', labels: { ...labels } });
/** A string array is exec form; `{ form: 'shell', command }` is shell form. */
export const entrypoint = (command: CommandInput): Node<'entrypoint'> => Object.freeze({ kind: 'entrypoint', command });
export const cmd = (command: CommandInput): Node<'cmd'> => Object.freeze({ kind: 'cmd', command });
export const healthcheck = (check: HealthcheckSpec | InstructionInputOf<'healthcheck'>['check']): Node<'healthcheck'> =>
  Object.freeze({ kind: 'healthcheck', check });
export const shell = (argv: readonly string[]): Node<'shell'> => Object.freeze({ kind: 'shell', argv: [...argv] });
export const stopsignal = (signal: string): Node<'stopsignal'> => Object.freeze({ kind: 'stopsignal', signal });
export const onbuild = (trigger: InstructionInputOf<'onbuild'>['trigger']): Node<'onbuild'> => Object.freeze({ kind: 'onbuild', trigger });
export const comment = (text: string): Node<'comment'> => Object.freeze({ kind: 'comment', text });
/** Text dockwright cannot model, rendered as written (lint flags it). Prefer the typed helpers. */
export const raw = (text: string): Node<'raw'> => Object.freeze({ kind: 'raw', text });
