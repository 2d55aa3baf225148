/**
 * The plan of a `dockwright build`: which images, in which order, each build as an
 * {@link ImageBuild} value. Pure: what needs the outside world (buildx available? git revision?
 * the time?) comes in as options, so the same plan is printed by `--dry-run`, emitted by `--json`
 * and run by the runner.
 */
import { posix } from 'node:path';
import { imageArgName } from '../compile/lower-source.js';
import { UsageError } from '../errors/index.js';
import { baseImageId, type ImageModel } from '../model/resolved.js';
import type { Settings } from '../model/settings.js';
import { argsFor, declaredArgs, parseBuildArg } from './build-args.js';
import { buildGraph } from './graph.js';
import { variantKey } from '../api/image.js';
import type { Attestation, BuildOutput, BuildPlan, EngineInfo, ImageBuild, RegistryCache } from './image-build.js';
import { selectImages, type Selection } from './select.js';
import { placeImage } from './engine-placement.js';
import { imageTags, primaryRef, repository } from './tags.js';

/** The options of a whole `dockwright build` run, as the command line gives them. */
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

export interface PlanOptions {
  readonly engine: EngineInfo;
  readonly flags?: BuildFlags;
  /** `--push`: builds of images that are pushable get `push: true`. */
  readonly push?: boolean;
  /** OCI label values; a label whose value is not given is left out. */
  readonly revision?: string;
  readonly source?: string;
  /**
   * `org.opencontainers.image.created`. It changes on every run, so the final image config (and
   * its id) changes too even when every layer comes from the cache: pass SOURCE_DATE_EPOCH's
   * time for reproducible images.
   */
  readonly created?: string;
}

export function planBuild(images: readonly ImageModel[], settings: Settings, selection: Selection, options: PlanOptions): BuildPlan {
  const graph = buildGraph(images);
  const selected = selectImages(graph, selection);
  const chosen = selected.ids.map((id) => graph.images.get(id) as ImageModel);
  const flags = options.flags ?? {};
  const buildArgs = (flags.buildArgs ?? []).map(parseBuildArg);
  checkBuildArgs(
    chosen,
    buildArgs.map((a) => a.name),
  );
  const parents = (image: ImageModel): readonly string[] => graph.parents.get(image.id) ?? [];
  const refOf = (id: string): string => primaryRef(graph.images.get(id) as ImageModel, settings);
  // `--context` / `--builder` on the command line send every build to that engine; else the engines setting places them
  const engines = flags.context || flags.builder ? [] : settings.engines;
  const placed = new Map(
    chosen.map((image) => [image.id, placeImage(image, flags.platforms?.length ? flags.platforms : (image.platforms ?? []), engines)]),
  );
  // several engines: every build pushes itself, so that a child elsewhere starts from its parent's pushed digest
  const spread = new Set(placed.values()).size > 1;
  const builds = chosen.map((image): ImageBuild => {
    const base = baseImageId(image);
    const perImage = (v: string): string => v.replaceAll('{dir}', image.dir);
    const platforms = flags.platforms?.length ? flags.platforms : (image.platforms ?? []);
    const push = options.push === true && image.push;
    const cache = registryCacheOf(image, settings);
    const engine = placed.get(image.id);
    return {
      id: image.id,
      dir: image.dir,
      dockerfile: posix.join(settings.outputDir, image.dir, 'Dockerfile'),
      context: image.context,
      target: image.target,
      platforms,
      parents: parents(image),
      // the compiler declares one global ARG per parent image (FROM, COPY --from, mount from=)
      parentRefs: parents(image).map((p) => ({ id: p, arg: imageArgName(p), ref: refOf(p) })),
      ...(base !== undefined ? { base } : {}),
      buildArgs: argsFor(image, buildArgs),
      labels: ociLabels(image, settings, options),
      stampCreated: !('org.opencontainers.image.created' in (image.labels ?? {})),
      tags: imageTags(image, settings),
      namedContexts: image.buildContexts,
      secrets: image.secrets.map((s) => ({ id: s.id, ...(s.env ? { env: s.env } : {}), ...(s.src ? { src: s.src } : {}) })),
      ssh: image.ssh,
      attest: attestationsOf(image, settings),
      cacheFrom: (flags.cacheFrom ?? []).map(perImage),
      cacheTo: (flags.cacheTo ?? []).map(perImage),
      ...(cache ? { registryCache: cache } : {}),
      push,
      output:
        spread && push && outputOf(platforms, push, options.engine) === 'load'
          ? 'load-and-push'
          : outputOf(platforms, push, options.engine),
      ...(engine !== undefined ? { engine } : {}),
    };
  });
  return {
    engine: options.engine,
    options: {
      ...(flags.context ? { context: flags.context } : {}),
      ...(flags.builder ? { builder: flags.builder } : {}),
      pull: flags.pull === true,
      noCache: flags.noCache === true,
      extra: flags.extra ?? [],
      ...(options.created !== undefined ? { created: options.created } : {}),
    },
    builds,
    order: selected.ids,
    external: selected.external.map((id) => ({ id, ref: refOf(id) })),
    ...(engines.length > 0 ? { engines } : {}),
  };
}

/**
 * Where a build goes. One platform: the local store, and `build --push` pushes with `docker push`
 * afterwards (as `dockwright push` does). Several platforms: one build makes them all, and with
 * `--push` buildx pushes the image index itself; loaded too unless the engine's store cannot hold
 * them (a classic store with a builder of another driver, which can push them).
 */
export function outputOf(platforms: readonly string[], push: boolean, engine: EngineInfo): BuildOutput {
  if (platforms.length < 2 || !push) return 'load';
  return engine.store === 'classic' && engine.driver !== undefined && engine.driver !== 'docker' ? 'push' : 'load-and-push';
}

/** `<registry>/<namespace>/<name>:<registryCache>[-<variant>]`: the image's registry cache, when the setting is on. */
export function registryCacheOf(image: ImageModel, settings: Settings): RegistryCache | undefined {
  if (settings.registryCache === undefined) return undefined;
  const tag = image.variant ? `${settings.registryCache}-${variantKey(image.variant)}` : settings.registryCache;
  return { ref: `${repository(image, settings)}:${tag}` };
}
/** The attestations an image asks for, its own or the settings'. */
function attestationsOf(image: ImageModel, settings: Settings): Attestation[] {
  const provenance = image.provenance ?? settings.provenance;
  const sbom = image.sbom ?? settings.sbom;
  return [
    ...(provenance !== undefined ? [{ type: 'provenance', mode: provenance } as const] : []),
    ...(sbom === true ? [{ type: 'sbom' } as const] : typeof sbom === 'string' ? [{ type: 'sbom', generator: sbom } as const] : []),
  ];
}

/** The labels naming an image's definition file and its id there (the input digest is in `dev.dockwright.input-digest`). */
export const DEFINITION_LABEL = 'dev.dockwright.definition';
export const IMAGE_ID_LABEL = 'dev.dockwright.image';

/** The OCI labels of an image's build, but for `created`, which changes every run (see {@link PlanOptions.created}). */
export function ociLabels(image: ImageModel, settings: Settings, options: Omit<PlanOptions, 'created'>): Record<string, string> {
  const entries: [string, string | undefined][] = [
    ['org.opencontainers.image.title', image.name],
    ['org.opencontainers.image.version', image.version ?? settings.version],
    ['org.opencontainers.image.revision', options.revision],
    ['org.opencontainers.image.source', options.source],
    // where the image is defined, so that an image can be traced back to its definition
    [DEFINITION_LABEL, image.file],
    [IMAGE_ID_LABEL, image.id],
  ];
  // a label the definition sets itself (in its Dockerfile) wins over the one derived here
  const own = image.labels ?? {};
  return Object.fromEntries(entries.filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '' && !(e[0] in own)));
}

/** A `--build-arg` that no selected image declares is a typo more often than not. */
function checkBuildArgs(images: readonly ImageModel[], names: readonly string[]): void {
  const unused = names.filter((name) => images.every((img) => argsFor(img, [{ name }]).length === 0));
  if (unused.length === 0) return;
  const known = [...new Set(images.flatMap((img) => [...declaredArgs(img)]))].sort().join(', ') || '(none)';
  throw new UsageError(`--build-arg ${unused.join(', ')}: no selected image declares it; their ARGs are: ${known}`);
}
