/**
 * The plan of a `dockwright build`: which images, in which order, with which docker argv. Pure:
 * what needs the outside world (buildx available? git revision? the time?) comes in as options,
 * so the same plan is printed by `--dry-run`, emitted by `--json` and run by the runner.
 */
import { imageArgName } from '../compile/lower-source.js';
import { UsageError } from '../errors/index.js';
import { baseImageId, type ImageModel } from '../model/resolved.js';
import type { Settings } from '../model/settings.js';
import { argsFor, buildArgName, buildArgv, declaredArgs, type BuildFlags, type EngineInfo } from './build-argv.js';
import { buildGraph } from './graph.js';
import { selectImages, type Selection } from './select.js';
import { imageTags, primaryRef } from './tags.js';

export interface PlanOptions {
  readonly engine: EngineInfo;
  readonly flags?: BuildFlags;
  /** `--push`: steps of images that are pushable get `push: true`. */
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

export interface BuildStep {
  readonly id: string;
  readonly dir: string;
  /** Arguments of the `docker` binary, run in the project root. */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Full references, the primary one first. */
  readonly tags: readonly string[];
  /** Every parent image (in this plan or external). */
  readonly parents: readonly string[];
  /** The parent whose layers this image starts with (its target stage is FROM it), if any. */
  readonly base?: string;
  readonly push: boolean;
}

export interface BuildPlan {
  readonly engine: EngineInfo;
  readonly steps: readonly BuildStep[];
  /** Step ids, parents before children. */
  readonly order: readonly string[];
  /** Parents that are not built by this plan (`--no-deps`, `--skip`): they must already exist. */
  readonly external: readonly { readonly id: string; readonly ref: string }[];
}

export function planBuild(images: readonly ImageModel[], settings: Settings, selection: Selection, options: PlanOptions): BuildPlan {
  const graph = buildGraph(images);
  const selected = selectImages(graph, selection);
  const chosen = selected.ids.map((id) => graph.images.get(id) as ImageModel);
  const flags = options.flags ?? {};
  checkBuildArgs(chosen, flags.buildArgs ?? []);
  const parents = (image: ImageModel): readonly string[] => graph.parents.get(image.id) ?? [];
  const refOf = (id: string): string => primaryRef(graph.images.get(id) as ImageModel, settings);
  const steps = chosen.map((image): BuildStep => {
    const tags = imageTags(image, settings);
    const { argv, env } = buildArgv(
      {
        image,
        outputDir: settings.outputDir,
        tags,
        // the compiler declares one global ARG per parent image (FROM, COPY --from, mount from=)
        parentArgs: parents(image).map((p) => [imageArgName(p), refOf(p)] as const),
        buildArgs: argsFor(image, flags.buildArgs ?? []),
        labels: ociLabels(image, settings, options),
      },
      flags,
      options.engine,
    );
    const base = baseImageId(image);
    return {
      id: image.id,
      dir: image.dir,
      argv,
      env,
      tags,
      parents: parents(image),
      ...(base !== undefined ? { base } : {}),
      push: options.push === true && image.push,
    };
  });
  return {
    engine: options.engine,
    steps,
    order: selected.ids,
    external: selected.external.map((id) => ({ id, ref: refOf(id) })),
  };
}

export function ociLabels(image: ImageModel, settings: Settings, options: PlanOptions): Record<string, string> {
  const entries: [string, string | undefined][] = [
    ['org.opencontainers.image.title', image.name],
    ['org.opencontainers.image.version', image.version ?? settings.version],
    ['org.opencontainers.image.revision', options.revision],
    ['org.opencontainers.image.created', options.created],
    ['org.opencontainers.image.source', options.source],
  ];
  // a label the definition sets itself (in its Dockerfile) wins over the one derived here
  const own = image.labels ?? {};
  return Object.fromEntries(entries.filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '' && !(e[0] in own)));
}

/** A `--build-arg` that no selected image declares is a typo more often than not. */
function checkBuildArgs(images: readonly ImageModel[], buildArgs: readonly string[]): void {
  const unused = buildArgs.filter((a) => images.every((img) => argsFor(img, [a]).length === 0));
  if (unused.length === 0) return;
  const known = [...new Set(images.flatMap((img) => [...declaredArgs(img)]))].sort().join(', ') || '(none)';
  throw new UsageError(`--build-arg ${unused.map(buildArgName).join(', ')}: no selected image declares it; their ARGs are: ${known}`);
}
