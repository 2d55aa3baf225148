/**
 * Many image builds as one `docker buildx bake` run. Pure.
 *
 * Each image's build is first laid out as a `docker buildx build` argv (build-argv.ts), and the
 * runner may still change it (the digest label, an assembled context). So a batch is made from
 * those final argvs: {@link parseBuildArgv} reads back exactly the options build-argv.ts writes
 * and refuses anything else (options after `--`, `docker build` without buildx), and
 * {@link bakeBatch} turns them into one bake file. A parent built in the same batch is linked as a
 * `target:` context (its ARG names it, as in the exported bake file: see bake-file.ts), so BuildKit
 * hands the parent's result to the child within one session instead of through the image store;
 * a parent outside the batch stays the image reference the argv names.
 */
import { posix } from 'node:path';
import { bakeContextName, type BakeTarget } from './bake-file.js';
import type { BuildStep } from './build-plan.js';

/** One `docker buildx build` argv read back into its parts. */
export interface ParsedBuild {
  /** docker's global options before `buildx` (`--context NAME`). */
  readonly globalArgs: readonly string[];
  readonly dockerfile: string;
  readonly context: string;
  readonly target?: string;
  readonly platforms: readonly string[];
  /** In order, `K=V` or `K` (the value then comes from the environment). */
  readonly buildArgs: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly tags: readonly string[];
  readonly cacheFrom: readonly string[];
  readonly cacheTo: readonly string[];
  readonly secrets: readonly string[];
  readonly ssh: readonly string[];
  readonly contexts: Readonly<Record<string, string>>;
  readonly builder?: string;
  readonly pull: boolean;
  readonly noCache: boolean;
  readonly load: boolean;
}

/** Options that take a value, as build-argv.ts writes them (`--flag value`). */
const VALUED = new Set([
  '-f',
  '--target',
  '--platform',
  '--build-arg',
  '--label',
  '-t',
  '--cache-from',
  '--cache-to',
  '--secret',
  '--ssh',
  '--build-context',
  '--builder',
]);
const SWITCHES = new Set(['--pull', '--no-cache', '--load', '--progress=plain']);

const keyValue = (kv: string): [string, string] => {
  const eq = kv.indexOf('=');
  return eq < 0 ? [kv, ''] : [kv.slice(0, eq), kv.slice(eq + 1)];
};

/** The parts of a `docker [--context X] buildx build … CONTEXT` argv; undefined for anything else. */
export function parseBuildArgv(argv: readonly string[]): ParsedBuild | undefined {
  const start = argv.indexOf('buildx');
  if (start < 0 || argv[start + 1] !== 'build') return undefined;
  const globalArgs = argv.slice(0, start);
  if (globalArgs.length > 0 && !(globalArgs.length === 2 && globalArgs[0] === '--context')) return undefined;
  const values = new Map<string, string[]>();
  const switches = new Set<string>();
  const rest = argv.slice(start + 2);
  const context = rest.at(-1);
  if (context === undefined || context.startsWith('-')) return undefined;
  for (let i = 0; i < rest.length - 1; i++) {
    const a = rest[i] as string;
    if (SWITCHES.has(a)) switches.add(a);
    else if (VALUED.has(a) && i + 1 < rest.length - 1) values.set(a, [...(values.get(a) ?? []), rest[++i] as string]);
    else return undefined;
  }
  const all = (flag: string): string[] => values.get(flag) ?? [];
  const one = (flag: string): string | undefined => all(flag).at(-1);
  const dockerfile = one('-f');
  if (dockerfile === undefined) return undefined;
  const target = one('--target');
  const builder = one('--builder');
  return {
    globalArgs,
    dockerfile,
    context,
    ...(target !== undefined ? { target } : {}),
    platforms: all('--platform')
      .flatMap((p) => p.split(','))
      .filter(Boolean),
    buildArgs: all('--build-arg'),
    labels: Object.fromEntries(all('--label').map(keyValue)),
    tags: all('-t'),
    cacheFrom: all('--cache-from'),
    cacheTo: all('--cache-to'),
    secrets: all('--secret'),
    ssh: all('--ssh'),
    contexts: Object.fromEntries(all('--build-context').map(keyValue)),
    ...(builder !== undefined ? { builder } : {}),
    pull: switches.has('--pull'),
    noCache: switches.has('--no-cache'),
    load: switches.has('--load'),
  };
}

/** One image of a batch: its plan step and the argv it would be built with on its own. */
export interface BatchEntry {
  readonly step: BuildStep;
  readonly argv: readonly string[];
}

/** A bake target as the exported file has it, with the options only a build run sets. */
export type BatchTarget = Omit<BakeTarget, 'target'> & {
  readonly target?: string;
  readonly 'cache-from'?: readonly string[];
  readonly 'cache-to'?: readonly string[];
  readonly pull?: boolean;
  readonly 'no-cache'?: boolean;
};

export interface BakeBatch {
  /** The bake file, given to bake on its standard input (`-f -`). */
  readonly file: {
    readonly target: Readonly<Record<string, BatchTarget>>;
    readonly group: { readonly default: { readonly targets: readonly string[] } };
  };
  /** `docker` argv of the bake run. */
  readonly argv: readonly string[];
  /** Bake target name → step id. */
  readonly targets: ReadonlyMap<string, string>;
  /** Bake target name → its Dockerfile, absolute. */
  readonly dockerfiles: ReadonlyMap<string, string>;
}

/** Why a batch cannot be made (then each image builds on its own). */
export interface NotBakeable {
  readonly notBakeable: string;
}

const nonEmpty = <T extends object>(key: string, value: T): Record<string, T> => (Object.keys(value).length > 0 ? { [key]: value } : {});
const listed = (key: string, value: readonly string[]): Record<string, readonly string[]> => (value.length > 0 ? { [key]: value } : {});

/**
 * The bake run that builds every entry at once. Entries whose parents are also entries get those
 * parents as `target:` contexts. Every entry must share the run-wide options (docker context,
 * builder, `--load`): they come from one plan, so they do. `root`: the absolute project root, where
 * bake runs (the argvs' paths are relative to it).
 */
export function bakeBatch(entries: readonly BatchEntry[], root: string, parentArg: (parentId: string) => string): BakeBatch | NotBakeable {
  const parsed = entries.map((e) => ({ ...e, build: parseBuildArgv(e.argv) }));
  const odd = parsed.find((p) => p.build === undefined);
  if (odd) return { notBakeable: `the docker command of ${odd.step.id} has options a bake file cannot carry` };
  // `--build-arg K` takes K's value from docker's environment; a bake file has no way to say that
  const fromEnv = parsed.find((p) => p.build?.buildArgs.some((a) => !a.includes('=')));
  if (fromEnv) return { notBakeable: `${fromEnv.step.id} takes a build arg from the environment` };
  const builds = parsed as (BatchEntry & { build: ParsedBuild })[];
  const first = (builds[0] as (typeof builds)[number]).build;
  const shared = (b: ParsedBuild): string => JSON.stringify([b.globalArgs, b.builder, b.load]);
  if (builds.some((b) => shared(b.build) !== shared(first)))
    return { notBakeable: 'the images do not share one docker context, builder and output' };

  const dirOf = new Map(builds.map((b) => [b.step.id, b.step.dir]));
  const target: Record<string, BatchTarget> = {};
  const dockerfiles = new Map<string, string>();
  for (const { step, build } of builds) {
    const linked = step.parents.filter((p) => dirOf.has(p));
    const linkedArgs = new Map(linked.map((p) => [parentArg(p), p]));
    const args: Record<string, string> = {};
    for (const a of build.buildArgs) {
      const [k, v] = keyValue(a);
      const parent = linkedArgs.get(k);
      args[k] = parent !== undefined ? bakeContextName(dirOf.get(parent) as string) : v;
    }
    const context = posix.isAbsolute(build.context) ? build.context : posix.join(root, build.context);
    const dockerfile = posix.isAbsolute(build.dockerfile) ? build.dockerfile : posix.join(root, build.dockerfile);
    dockerfiles.set(step.dir, dockerfile);
    target[step.dir] = {
      context: build.context,
      // bake reads the Dockerfile's path relative to the context
      dockerfile: posix.isAbsolute(build.dockerfile) ? build.dockerfile : posix.relative(context, dockerfile),
      ...(build.target !== undefined ? { target: build.target } : {}),
      tags: build.tags,
      ...nonEmpty('args', args),
      ...nonEmpty('labels', build.labels),
      ...listed('platforms', build.platforms),
      ...nonEmpty('contexts', {
        ...build.contexts,
        ...Object.fromEntries(linked.map((p) => [bakeContextName(dirOf.get(p) as string), `target:${dirOf.get(p) as string}`])),
      }),
      ...listed('secret', build.secrets),
      ...listed('ssh', build.ssh),
      ...listed('cache-from', build.cacheFrom),
      ...listed('cache-to', build.cacheTo),
      ...(build.pull ? { pull: true } : {}),
      ...(build.noCache ? { 'no-cache': true } : {}),
    };
  }
  const names = builds.map((b) => b.step.dir);
  return {
    file: { target, group: { default: { targets: names } } },
    argv: [
      ...first.globalArgs,
      'buildx',
      'bake',
      '-f',
      '-',
      '--progress=plain',
      ...(first.builder !== undefined ? ['--builder', first.builder] : []),
      ...(first.load ? ['--load'] : []),
      ...names,
    ],
    targets: new Map(builds.map((b) => [b.step.dir, b.step.id])),
    dockerfiles,
  };
}
