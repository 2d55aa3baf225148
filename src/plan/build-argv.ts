/**
 * The docker argv of one image build. Pure: every value is decided by the caller (tags, labels,
 * parent refs); this only lays them out. Paths stay relative to the project root: the runner runs
 * docker there. Secret values never appear: `--secret id=…,env=VAR` names the variable, and the
 * value reaches docker through the child's environment only.
 */
import { posix } from 'node:path';
import { isAmbientArg } from '../compile/predefined-args.js';
import { UsageError } from '../errors/index.js';
import type { ImageModel } from '../model/resolved.js';

/** What the local docker client can do (probed once by the runner; assumed for dry runs too). */
export interface EngineInfo {
  /** `docker buildx` works; else `docker build` with `DOCKER_BUILDKIT=1`. */
  readonly buildx: boolean;
}

/** Options of a whole `dockwright build` run, shared by every image. */
export interface BuildFlags {
  /** `K=V`, or `K` alone (docker then reads the value from the environment, so it stays off argv). */
  readonly buildArgs?: readonly string[];
  /** Replaces the images' own `platforms`. */
  readonly platforms?: readonly string[];
  /** May contain `{dir}`, replaced by the image's folder name (`type=registry,ref=r/cache:{dir}`). */
  readonly cacheFrom?: readonly string[];
  readonly cacheTo?: readonly string[];
  /** `docker buildx --builder NAME`. */
  readonly builder?: string;
  /** docker's global `--context NAME`, placed before the subcommand. */
  readonly context?: string;
  readonly pull?: boolean;
  readonly noCache?: boolean;
  /** Passed through as they are, after every other option (what follows `--`). */
  readonly extra?: readonly string[];
}

/** What is decided per image before its argv is laid out. */
export interface StepInputs {
  readonly image: ImageModel;
  readonly outputDir: string;
  /** Full references; the first is the primary one. */
  readonly tags: readonly string[];
  /** `[ARG name, ref]` for every parent image the Dockerfile declares an ARG for. */
  readonly parentArgs: readonly (readonly [string, string])[];
  /** CLI build args that apply to this image (see {@link argsFor}). */
  readonly buildArgs: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

export interface StepCommand {
  /** Arguments of the `docker` binary. */
  readonly argv: readonly string[];
  /** Environment the runner adds for this command (never a secret value). */
  readonly env: Readonly<Record<string, string>>;
}

/** The ARG names an image declares: image-level args and every `arg` step of every stage. */
export const declaredArgs = (image: ImageModel): Set<string> =>
  new Set([...Object.keys(image.args), ...image.stages.flatMap((s) => s.steps.flatMap((st) => (st.kind === 'arg' ? [st.name] : [])))]);

export const buildArgName = (arg: string): string => arg.split('=', 1)[0] ?? arg;

/** The CLI build args an image takes: those it declares and those docker defines itself (proxies, BUILDKIT_*). */
export const argsFor = (image: ImageModel, buildArgs: readonly string[]): string[] => {
  const declared = declaredArgs(image);
  return buildArgs.filter((a) => declared.has(buildArgName(a)) || isAmbientArg(buildArgName(a)));
};

/** docker's global options (before the subcommand) every docker call of a run must carry. */
export const dockerGlobalArgs = (flags: Pick<BuildFlags, 'context'>): string[] => (flags.context ? ['--context', flags.context] : []);

const many = (flag: string, values: readonly string[]): string[] => values.flatMap((v) => [flag, v]);

export function buildArgv(step: StepInputs, flags: BuildFlags, engine: EngineInfo): StepCommand {
  const { image } = step;
  const needsBuildx = [
    flags.cacheTo?.length ? '--cache-to' : '',
    flags.builder ? '--builder' : '',
    Object.keys(image.buildContexts).length > 0 ? `named build contexts (${image.id})` : '',
  ].filter(Boolean);
  if (!engine.buildx && needsBuildx.length > 0) {
    throw new UsageError(`${needsBuildx.join(', ')} need docker buildx, which this docker client does not have`);
  }
  const platforms = flags.platforms?.length ? flags.platforms : (image.platforms ?? []);
  const perImage = (v: string): string => v.replaceAll('{dir}', image.dir);
  const secret = (s: ImageModel['secrets'][number]): string =>
    [`id=${s.id}`, s.env ? `env=${s.env}` : '', s.src ? `src=${s.src}` : ''].filter(Boolean).join(',');
  const argv = [
    ...dockerGlobalArgs(flags),
    ...(engine.buildx ? ['buildx', 'build'] : ['build']),
    '--progress=plain',
    '-f',
    posix.join(step.outputDir, image.dir, 'Dockerfile'),
    '--target',
    image.target,
    ...(platforms.length > 0 ? ['--platform', platforms.join(',')] : []),
    ...many(
      '--build-arg',
      step.parentArgs.map(([name, ref]) => `${name}=${ref}`),
    ),
    ...many('--build-arg', step.buildArgs),
    ...many(
      '--label',
      Object.entries(step.labels).map(([k, v]) => `${k}=${v}`),
    ),
    ...many('-t', step.tags),
    ...many('--cache-from', (flags.cacheFrom ?? []).map(perImage)),
    ...many('--cache-to', (flags.cacheTo ?? []).map(perImage)),
    ...many('--secret', image.secrets.map(secret)),
    ...many('--ssh', image.ssh),
    ...many(
      '--build-context',
      Object.entries(image.buildContexts).map(([name, path]) => `${name}=${path}`),
    ),
    ...(flags.builder ? ['--builder', flags.builder] : []),
    ...(flags.pull ? ['--pull'] : []),
    ...(flags.noCache ? ['--no-cache'] : []),
    // the image must land in the local store for its children and for `docker image inspect`;
    // with the default `docker` driver this is free, with any other builder it is required
    ...(engine.buildx ? ['--load'] : []),
    ...(flags.extra ?? []),
    image.context,
  ];
  return { argv, env: engine.buildx ? {} : { DOCKER_BUILDKIT: '1' } };
}

/** The same command with another build context (the last argument): for an assembled context. */
export const withContext = (argv: readonly string[], context: string): string[] => [...argv.slice(0, -1), context];
