/**
 * `generated/docker-bake.json`: the build graph as a `docker buildx bake` file. Pure. One target
 * per image (named after its folder), a group per image group and `default` with every target.
 *
 * Paths follow bake's rules for a local file: `context` is relative to the working directory bake
 * runs in, `dockerfile` is relative to the `context`. The file is meant to be run from the project
 * root: `docker buildx bake -f generated/docker-bake.json [targets…]`.
 *
 * Image-on-image edges: a generated Dockerfile reaches a parent through a global ARG
 * (`ARG PYTHON_IMAGE=<ref>` + `FROM ${PYTHON_IMAGE}`, see `imageArgName`). Here that ARG is set to
 * a name that only this file uses (`dockwright-target/python`), and `contexts` maps that name to
 * `target:python`, so bake builds the parent first and hands its result to the child.
 */
import { isAbsolute, posix, relative, sep } from 'node:path';
import { imageArgName } from '../compile/lower-source.js';
import type { ImageModel } from '../model/resolved.js';
import type { Settings } from '../model/settings.js';
import { ociLabels } from './build-plan.js';
import { secretSpec } from './image-build.js';
import { buildGraph } from './graph.js';
import { imageTags } from './tags.js';

/** The file's name in the output folder. */
export const BAKE_FILE = 'docker-bake.json';

export interface BakeTarget {
  readonly context: string;
  readonly dockerfile: string;
  readonly target: string;
  readonly tags: readonly string[];
  readonly args?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly platforms?: readonly string[];
  readonly contexts?: Readonly<Record<string, string>>;
  readonly secret?: readonly string[];
  readonly ssh?: readonly string[];
}

export interface BakeFile {
  readonly group: Readonly<Record<string, { readonly targets: readonly string[] }>>;
  readonly target: Readonly<Record<string, BakeTarget>>;
}

export interface BakeOptions {
  /** The project root: an absolute output folder under it is written relative to it (paths stay portable). */
  readonly root?: string;
  /** Labels of an image; default: the OCI labels a build adds that do not change between runs (title, version). */
  readonly labels?: (image: ImageModel) => Readonly<Record<string, string>>;
}

/** The name a child's FROM uses for a parent that bake builds: a valid image name no registry serves. */
export const bakeContextName = (dir: string): string => `dockwright-target/${dir}`;

/** A group whose name is also a target's name is written as `<name>-group` (bake would not tell them apart). */
export const bakeGroupName = (group: string, targets: ReadonlySet<string>): string => (targets.has(group) ? `${group}-group` : group);

const toPosix = (p: string): string => p.split(sep).join('/');

const nonEmpty = <T extends object>(key: string, value: T | undefined): Record<string, T> =>
  value !== undefined && Object.keys(value).length > 0 ? { [key]: value } : {};

export function bakeFile(images: readonly ImageModel[], settings: Settings, options: BakeOptions = {}): BakeFile {
  const graph = buildGraph(images);
  const labelsOf = options.labels ?? ((image: ImageModel) => ociLabels(image, settings, { engine: { buildx: true } }));
  const target: Record<string, BakeTarget> = {};
  const outputDir = toPosix(
    options.root && isAbsolute(settings.outputDir) ? relative(options.root, settings.outputDir) : settings.outputDir,
  );
  for (const id of graph.order) {
    const image = graph.images.get(id) as ImageModel;
    const parents = (graph.parents.get(id) ?? []).map((p) => graph.images.get(p) as ImageModel);
    const context = posix.normalize(image.context);
    const generated = posix.join(outputDir, image.dir, 'Dockerfile');
    const dockerfile = posix.isAbsolute(generated) ? generated : posix.relative(context, generated);
    target[image.dir] = {
      context,
      dockerfile,
      target: image.target,
      tags: imageTags(image, settings),
      ...nonEmpty('args', Object.fromEntries(parents.map((p) => [imageArgName(p.id), bakeContextName(p.dir)]))),
      ...nonEmpty('labels', labelsOf(image)),
      ...(image.platforms?.length ? { platforms: image.platforms } : {}),
      ...nonEmpty('contexts', {
        ...image.buildContexts,
        ...Object.fromEntries(parents.map((p) => [bakeContextName(p.dir), `target:${p.dir}`])),
      }),
      ...(image.secrets.length > 0 ? { secret: image.secrets.map(secretSpec) } : {}),
      ...(image.ssh.length > 0 ? { ssh: image.ssh } : {}),
    };
  }
  const names = new Set(Object.keys(target));
  const group: Record<string, { targets: string[] }> = { default: { targets: [...names] } };
  for (const id of graph.order) {
    const image = graph.images.get(id) as ImageModel;
    for (const g of image.groups) {
      if (g === 'default') continue;
      (group[bakeGroupName(g, names)] ??= { targets: [] }).targets.push(image.dir);
    }
  }
  return { group, target };
}

/** The file's text: stable key order (as built), two-space indent, a final newline. */
export const renderBakeFile = (file: BakeFile): string => `${JSON.stringify(file, null, 2)}\n`;
