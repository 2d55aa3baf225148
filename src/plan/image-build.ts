/**
 * The build plan's values. Pure types: one {@link ImageBuild} per image says everything docker is
 * told about that image's build, as data. Turning it into something a tool reads is done at the
 * edge, one function each: `docker buildx build` argv (buildx-argv.ts), a bake target
 * (bake-session.ts), a snapshot (JSON as it is). Nothing reads an argv back.
 */

import type { EngineSpec } from '../model/settings.js';

/**
 * The engine's image store: `classic` (graph drivers: one platform per image, no registry cache
 * export with the `docker` driver) or `containerd` (the containerd image store: an image holds
 * several platforms, and the `docker` driver exports cache).
 */
export type ImageStore = 'classic' | 'containerd';

/** What the local docker client can do (probed once per run; assumed for dry runs too). */
export interface EngineInfo {
  /** `docker buildx` works; else `docker build` with `DOCKER_BUILDKIT=1`. */
  readonly buildx: boolean;
  /** The engine's image store, when the plan needed to know (several platforms, a registry cache). */
  readonly store?: ImageStore;
  /** The buildx builder's driver (`docker`, `docker-container`, `remote`, `kubernetes`), when the store was asked. */
  readonly driver?: string;
}

/**
 * Where a build's result goes. `load`: the local image store (`--load`; with `build --push`,
 * `docker push` follows once every image is built). `push`: the registry only, by buildx itself
 * (one image index for several platforms; a builder that cannot load them). `load-and-push`: both,
 * in the same build (`--load --push`), so nothing is pushed twice.
 */
export type BuildOutput = 'load' | 'push' | 'load-and-push';

/** The per-image registry cache: imported from and exported to one ref (`mode=max`, export failures are warnings). */
export interface RegistryCache {
  readonly ref: string;
}

/** A build arg; without a value docker reads it from its own environment (so it stays off argv). */
export interface BuildArg {
  readonly name: string;
  readonly value?: string;
}

/** A build secret: its id and where docker reads the value (an environment variable or a file), never the value. */
export interface SecretSpec {
  readonly id: string;
  readonly env?: string;
  readonly src?: string;
}

/** A parent image the Dockerfile reaches through a global ARG (`ARG PYTHON_IMAGE=<ref>` + `FROM ${PYTHON_IMAGE}`). */
export interface ParentRef {
  readonly id: string;
  readonly arg: string;
  readonly ref: string;
}

/** A BuildKit attestation asked for: provenance (`mode`), or an SBOM (made by `generator`, else BuildKit's default scanner). */
export type Attestation =
  { readonly type: 'provenance'; readonly mode: 'min' | 'max' } | { readonly type: 'sbom'; readonly generator?: string };

/** One image's build. Paths are relative to the project root, where docker runs. */
export interface ImageBuild {
  readonly id: string;
  /** The image's folder name (generated/<dir>/, build-logs/<dir>.log, the bake target's name). */
  readonly dir: string;
  readonly dockerfile: string;
  readonly context: string;
  /** The target stage. */
  readonly target: string;
  readonly platforms: readonly string[];
  /** Every parent image (in this plan or outside it). */
  readonly parents: readonly string[];
  /** The parents the Dockerfile names through an ARG, with the ref this run builds FROM. */
  readonly parentRefs: readonly ParentRef[];
  /** The parent whose layers this image starts with (its target stage is FROM it), if any. */
  readonly base?: string;
  readonly buildArgs: readonly BuildArg[];
  readonly labels: Readonly<Record<string, string>>;
  /** Whether the run's `created` time is labelled (`org.opencontainers.image.created`, unless the image sets it itself). */
  readonly stampCreated: boolean;
  /** Full references, the primary one first. */
  readonly tags: readonly string[];
  readonly namedContexts: Readonly<Record<string, string>>;
  readonly secrets: readonly SecretSpec[];
  readonly ssh: readonly string[];
  /** `--attest`: kept by a push or the containerd image store; the classic store refuses them (docs/ship.md). */
  readonly attest: readonly Attestation[];
  readonly cacheFrom: readonly string[];
  readonly cacheTo: readonly string[];
  /** The registry cache setting (`registryCache`, `--registry-cache`), when on. */
  readonly registryCache?: RegistryCache;
  /** `--push` asked for, and the image is pushable. */
  readonly push: boolean;
  readonly output: BuildOutput;
  /** The engine it builds on (a name of {@link BuildPlan.engines}); the run's own engine when absent. */
  readonly engine?: string;
}

/** Options every image build of a run shares. */
export interface RunOptions {
  /** docker's global `--context NAME`. */
  readonly context?: string;
  /** `docker buildx --builder NAME`. */
  readonly builder?: string;
  readonly pull: boolean;
  readonly noCache: boolean;
  /** What followed `--` on the command line: docker options, given after every other option. */
  readonly extra: readonly string[];
  /** `org.opencontainers.image.created` of this run (SOURCE_DATE_EPOCH's time for reproducible images). */
  readonly created?: string;
}

export interface BuildPlan {
  readonly engine: EngineInfo;
  readonly options: RunOptions;
  readonly builds: readonly ImageBuild[];
  /** Image ids, parents before children. */
  readonly order: readonly string[];
  /** Parents that are not built by this plan (`--no-deps`, `--skip`): they must already exist. */
  readonly external: readonly { readonly id: string; readonly ref: string }[];
  /** The `engines` setting, when it lists any: how to reach each engine a build names (build-engine.ts). */
  readonly engines?: readonly EngineSpec[];
}

export const CREATED_LABEL = 'org.opencontainers.image.created';

/** The labels docker is given for a build: its own, the run's `created` time when stamped. */
export const labelsOf = (build: ImageBuild, options: RunOptions): Readonly<Record<string, string>> =>
  build.stampCreated && options.created !== undefined ? { ...build.labels, [CREATED_LABEL]: options.created } : build.labels;

/** `--secret` as docker takes it: the id and where the value is read. */
export const secretSpec = (s: SecretSpec): string =>
  [`id=${s.id}`, s.env ? `env=${s.env}` : '', s.src ? `src=${s.src}` : ''].filter(Boolean).join(',');

/**
 * The exporters (`--output` values) of a build's {@link BuildOutput}. With the `docker` driver the
 * image exporter both stores the image in the engine and pushes it (`type=docker` next to
 * `type=registry` would name the image twice); other drivers load with `type=docker`.
 */
export function outputSpecs(output: BuildOutput, engine: EngineInfo): readonly string[] {
  if (output === 'load') return ['type=docker'];
  if (output === 'push') return ['type=registry'];
  return engine.driver === undefined || engine.driver === 'docker' ? ['type=image,push=true'] : ['type=docker', 'type=registry'];
}

/** `--cache-from` of a registry cache. */
export const cacheFromSpec = (c: RegistryCache): string => `type=registry,ref=${c.ref}`;

/** `--cache-to` of a registry cache: every step (`mode=max`), and a failed export is a warning, not a failed build. */
export const cacheToSpec = (c: RegistryCache): string => `type=registry,ref=${c.ref},mode=max,ignore-error=true`;
/** `--attest` as docker takes it (and bake's `attest` entries). */
export const attestSpec = (a: Attestation): string =>
  a.type === 'provenance' ? `type=provenance,mode=${a.mode}` : a.generator ? `type=sbom,generator=${a.generator}` : 'type=sbom';

/** `--build-arg` as docker takes it: `K=V`, or `K` alone (docker reads the value from its environment). */
export const buildArgSpec = (a: BuildArg): string => (a.value === undefined ? a.name : `${a.name}=${a.value}`);
