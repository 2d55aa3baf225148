/**
 * The `docker buildx build` argv of one {@link ImageBuild}. Pure, and the only place that lays one
 * out. Paths stay relative to the project root: the runner runs docker there. Secret values never
 * appear: `--secret id=…,env=VAR` names the variable, and the value reaches docker through the
 * child's environment only.
 */
import { UsageError } from '../errors/index.js';
import {
  attestSpec,
  buildArgSpec,
  cacheFromSpec,
  cacheToSpec,
  labelsOf,
  outputSpecs,
  secretSpec,
  type BuildPlan,
  type EngineInfo,
  type ImageBuild,
} from './image-build.js';
import { seatOf } from './build-engine.js';

export interface DockerCommand {
  /** Arguments of the `docker` binary. */
  readonly argv: readonly string[];
  /** Environment the runner adds for this command (never a secret value). */
  readonly env: Readonly<Record<string, string>>;
}

/** docker's global options (before the subcommand) every docker call of a run must carry. */
export const globalArgsOf = (options: BuildPlan['options']): string[] => (options.context ? ['--context', options.context] : []);

const many = (flag: string, values: readonly string[]): string[] => values.flatMap((v) => [flag, v]);

/** What only buildx can do; a client without buildx is told which of these the plan asks for. */
function needsBuildx(build: ImageBuild, options: BuildPlan['options']): string[] {
  return [
    build.cacheTo.length > 0 || build.registryCache ? '--cache-to' : '',
    build.output !== 'load' ? `--push of ${build.id} by the build (several platforms)` : '',
    build.attest.length > 0 ? `attestations (${build.id})` : '',
    options.builder ? '--builder' : '',
    Object.keys(build.namedContexts).length > 0 ? `named build contexts (${build.id})` : '',
  ].filter(Boolean);
}

/** Where the build's result goes ({@link ImageBuild.output}): `--load` (the local store), else its exporters. */
const outputArgs = (build: ImageBuild, engine: EngineInfo): string[] =>
  build.output === 'load' ? ['--load'] : many('--output', outputSpecs(build.output, engine));

/** `plan.engines`: the build runs on its engine (build-engine.ts): its context, builder and DOCKER_HOST. */
export function buildxArgv(build: ImageBuild, plan: Pick<BuildPlan, 'engine' | 'options' | 'engines'>): DockerCommand {
  const { engine } = plan;
  const seat = seatOf(build, plan);
  const { options } = seat;
  const missing = engine.buildx ? [] : needsBuildx(build, options);
  if (missing.length > 0) throw new UsageError(`${missing.join(', ')} need docker buildx, which this docker client does not have`);
  const argv = [
    ...globalArgsOf(options),
    ...(engine.buildx ? ['buildx', 'build'] : ['build']),
    '--progress=plain',
    '-f',
    build.dockerfile,
    '--target',
    build.target,
    ...(build.platforms.length > 0 ? ['--platform', build.platforms.join(',')] : []),
    ...many(
      '--build-arg',
      build.parentRefs.map((p) => `${p.arg}=${p.ref}`),
    ),
    ...many('--build-arg', build.buildArgs.map(buildArgSpec)),
    ...many(
      '--label',
      Object.entries(labelsOf(build, options)).map(([k, v]) => `${k}=${v}`),
    ),
    ...many('-t', build.tags),
    ...many('--cache-from', [...build.cacheFrom, ...(build.registryCache ? [cacheFromSpec(build.registryCache)] : [])]),
    ...many('--cache-to', [...build.cacheTo, ...(build.registryCache ? [cacheToSpec(build.registryCache)] : [])]),
    ...many('--secret', build.secrets.map(secretSpec)),
    ...many('--ssh', build.ssh),
    ...many('--attest', build.attest.map(attestSpec)),
    ...many(
      '--build-context',
      Object.entries(build.namedContexts).map(([name, path]) => `${name}=${path}`),
    ),
    ...(options.builder ? ['--builder', options.builder] : []),
    ...(options.pull ? ['--pull'] : []),
    ...(options.noCache ? ['--no-cache'] : []),
    // the image must land in the local store for its children and for `docker image inspect`;
    // with the default `docker` driver this is free, with any other builder it is required
    ...(engine.buildx ? outputArgs(build, engine) : []),
    ...options.extra,
    build.context,
  ];
  return { argv, env: { ...seat.env, ...(engine.buildx ? {} : { DOCKER_BUILDKIT: '1' }) } };
}
