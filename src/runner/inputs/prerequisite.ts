/**
 * `inputs.prerequisites`: a command that produces an artifact before the build (PAI's binary). It
 * runs with an argv array (no shell) through execa, in `cwd` (relative to the project root), and
 * is skipped when nothing changed: the sha256 of its command, its cwd and the content of every
 * file its `inputs` globs match (sorted) equals the stamp in `<cacheDir>/prereq/<name>.json`, and
 * every `outputs` file exists. The stamp is written only after the command succeeded.
 */
import { createHash } from 'node:crypto';
import { readFile, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import type { BuildInputs } from '../../model/build-inputs.js';
import { globFiles } from '../../io/glob-files.js';
import { InputError } from './input-error.js';
import { inside, isUnder, uniqueName } from './paths.js';

export type Prerequisite = BuildInputs['prerequisites'][number];

export interface CommandOptions {
  readonly cwd: string;
  readonly signal?: AbortSignal;
  readonly onLine?: (line: string) => void;
}

/** Runs a prerequisite command; the seam unit tests replace. `output` is stdout and stderr interleaved. */
export type CommandExec = (argv: readonly string[], opts: CommandOptions) => Promise<{ exitCode: number; output: string }>;

export const execaCommand: CommandExec = async (argv, opts) => {
  const [file = '', ...args] = argv;
  const each = function* (line: unknown) {
    opts.onLine?.(String(line));
    yield line;
  };
  const result = await execa(file, args, {
    cwd: opts.cwd,
    reject: false,
    stdin: 'ignore',
    all: true,
    stdout: ['pipe', each],
    stderr: ['pipe', each],
    forceKillAfterDelay: 1_500,
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
  });
  const output = typeof result.all === 'string' ? result.all : '';
  return { exitCode: result.exitCode ?? 127, output: output || (result.exitCode === undefined ? (result.shortMessage ?? '') : '') };
};

export interface PrerequisiteOptions {
  readonly root: string;
  readonly cacheDir: string;
  readonly exec?: CommandExec;
  readonly signal?: AbortSignal;
  readonly onLine?: (line: string) => void;
}

export const stampFile = (cacheDir: string, name: string): string =>
  join(cacheDir, 'prereq', `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);

/** The digest that decides whether the command must run again. */
export async function prerequisiteStamp(imageId: string, p: Prerequisite, root: string, cacheDir: string): Promise<string> {
  const { files, unmatched } = await globFiles(root, p.inputs, (abs) => isUnder(cacheDir, abs) || abs.endsWith('/.git'));
  if (unmatched.length > 0)
    throw new InputError(imageId, `prerequisite "${p.name}": inputs ${unmatched.map((u) => `"${u}"`).join(', ')} match no file`);
  const hash = createHash('sha256').update(JSON.stringify({ command: p.command, cwd: p.cwd ?? '.' }));
  for (const file of files) {
    hash.update(`\0${file}\0`);
    hash.update(
      createHash('sha256')
        .update(await readFile(join(root, file)))
        .digest('hex'),
    );
  }
  return hash.digest('hex');
}

const readStamp = async (file: string): Promise<string | undefined> => {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as { stamp?: unknown };
    return typeof value.stamp === 'string' ? value.stamp : undefined;
  } catch {
    return undefined;
  }
};

const allExist = async (root: string, outputs: readonly string[]): Promise<boolean> => {
  for (const o of outputs) if (!(await stat(resolve(root, o)).catch(() => undefined))) return false;
  return true;
};

/** Prerequisites with the same name are run once at a time (two images may share one). */
const running = new Map<string, Promise<unknown>>();

export async function runPrerequisite(imageId: string, p: Prerequisite, opts: PrerequisiteOptions): Promise<'ran' | 'skipped'> {
  const key = stampFile(opts.cacheDir, p.name);
  const before = running.get(key) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(() => runOnce(imageId, p, opts));
  running.set(key, mine);
  try {
    return await mine;
  } finally {
    if (running.get(key) === mine) running.delete(key);
  }
}

async function runOnce(imageId: string, p: Prerequisite, opts: PrerequisiteOptions): Promise<'ran' | 'skipped'> {
  const cwd = inside(opts.root, p.cwd ?? '.');
  if (cwd === undefined) throw new InputError(imageId, `prerequisite "${p.name}": cwd "${p.cwd}" must be a folder inside the project`);
  const file = stampFile(opts.cacheDir, p.name);
  const stamp = await prerequisiteStamp(imageId, p, opts.root, opts.cacheDir);
  if ((await readStamp(file)) === stamp && (await allExist(opts.root, p.outputs))) return 'skipped';
  opts.onLine?.(`prerequisite ${p.name}: ${p.command.join(' ')}`);
  const result = await (opts.exec ?? execaCommand)(p.command, {
    cwd,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onLine ? { onLine: opts.onLine } : {}),
  });
  if (result.exitCode !== 0) {
    const tail = result.output.trim().split('\n').slice(-5).join(' / ');
    throw new InputError(
      imageId,
      `prerequisite "${p.name}" (${p.command.join(' ')}) exited with ${result.exitCode}${tail ? `: ${tail}` : ''}`,
    );
  }
  const missing = [];
  for (const o of p.outputs) if (!(await allExist(opts.root, [o]))) missing.push(o);
  if (missing.length > 0) throw new InputError(imageId, `prerequisite "${p.name}" succeeded but did not produce ${missing.join(', ')}`);
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${uniqueName('tmp')}`;
  await writeFile(temp, `${JSON.stringify({ name: p.name, command: p.command, stamp }, null, 2)}\n`);
  await rename(temp, file);
  return 'ran';
}
