/**
 * Which images a changed file affects (`dockwright watch`). Pure: the places each image reads
 * from ({@link imageWatch}: its context and copy-list layers with the ignore rules docker applies,
 * its local named contexts, its prerequisites' input globs, its ignore files) and the project's
 * own files (definitions, templates, config) come in as values, the changed paths as absolute
 * paths. The answer only narrows what a run looks at: the input digests still decide what is out
 * of date (skipper.ts).
 */
import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { ImageModel } from '../model/resolved.js';
import { dockerignoreMatcher, parseDockerignore, type IgnoreMatcher } from './dockerignore.js';
import { DOCKER_IMAGE_SCHEME } from './external-refs.js';

/** A place an image reads files from; every path absolute, `/` separators. */
export type WatchRoot =
  /** A layer of the build context: a folder (or a file) placed at `dest`, after the ignore rules. */
  | { readonly kind: 'layer'; readonly path: string; readonly dest: string; readonly ignore: IgnoreMatcher }
  /** Everything below a folder, or one file (a named context, an ignore file). */
  | { readonly kind: 'tree'; readonly path: string }
  /** Files under `base` matching a glob relative to it (a prerequisite's inputs). */
  | { readonly kind: 'glob'; readonly base: string; readonly matches: (rel: string) => boolean; readonly within: readonly string[] };

export interface ImageWatch {
  readonly id: string;
  readonly roots: readonly WatchRoot[];
}

export interface WatchSet {
  readonly images: readonly ImageWatch[];
  /** Image id → the images built on it or copying from it (the build graph's children). */
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** Folders and files whose change means loading the project again: definitions, templates, config. */
  readonly project: readonly string[];
  /** Folders nothing in counts (dockwright's output, cache and logs; `.git`): the watch writes there itself. */
  readonly skip: readonly string[];
}

/** What a burst of changes asks for: load the project again (then every image is a candidate), or these images. */
export type Affected = { readonly reload: true } | { readonly reload: false; readonly ids: readonly string[] };

const isUrl = (v: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(v) || v.startsWith('git@') || v.startsWith('target:');

/** `path` itself or something below it. */
export const isUnder = (path: string, dir: string): boolean => path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

/**
 * Where `image` reads from. `ignoreText`: the ignore file docker applies to its context (see
 * image-inputs.ts, `ignoreFileOf`); its own path and the context's root `.dockerignore` always count.
 */
export function imageWatch(
  image: ImageModel,
  o: { readonly root: string; readonly outputDir: string; readonly ignoreText?: string },
): ImageWatch {
  const abs = (p: string): string => posix.resolve(o.root, p);
  const ignore = dockerignoreMatcher(parseDockerignore(o.ignoreText ?? ''));
  const layers: WatchRoot[] = [
    { kind: 'layer', path: abs(image.context), dest: '', ignore },
    ...image.inputs.copyList.map((e): WatchRoot => ({ kind: 'layer', path: abs(e.src), dest: e.dest, ignore })),
  ];
  const files: WatchRoot[] = [
    { kind: 'tree', path: posix.join(abs(image.context), '.dockerignore') },
    { kind: 'tree', path: posix.join(abs(o.outputDir), image.dir, 'Dockerfile.dockerignore') },
  ];
  const contexts = Object.values(image.buildContexts)
    .filter((v) => !v.startsWith(DOCKER_IMAGE_SCHEME) && !isUrl(v))
    .map((v): WatchRoot => ({ kind: 'tree', path: abs(v) }));
  const globs = image.inputs.prerequisites.map((p): WatchRoot => ({
    kind: 'glob',
    base: o.root,
    matches: picomatch(p.inputs, { dot: true }),
    // the folders the globs can match in: what is watched
    within: p.inputs.map((g) => abs(picomatch.scan(g).base || '.')),
  }));
  return { id: image.id, roots: [...layers, ...files, ...contexts, ...globs] };
}

/** Whether a change at `path` reaches what the root gives the build. */
function reaches(root: WatchRoot, path: string): boolean {
  if (root.kind === 'tree') return isUnder(path, root.path);
  if (root.kind === 'glob') return isUnder(path, root.base) && root.matches(posix.relative(root.base, path));
  if (!isUnder(path, root.path)) return false;
  const inside = posix.relative(root.path, path);
  const rel = posix.join(root.dest || '.', inside).replace(/^\.\/?/, '');
  // the context's root itself (a folder created or removed) always counts
  return rel === '' || !root.ignore.ignores(rel);
}

/** The ids and every image built on them, in no particular order. */
function withDependents(ids: Iterable<string>, children: ReadonlyMap<string, readonly string[]>): Set<string> {
  const out = new Set<string>();
  const stack = [...ids];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** The changed paths outside the folders that never count. */
export const countedPaths = (changed: readonly string[], set: WatchSet): string[] =>
  changed.filter((p) => !set.skip.some((d) => isUnder(p, d)));

/** What the changed paths (absolute) ask for; `{ reload: false, ids: [] }` when none of them counts. */
export function affectedImages(changed: readonly string[], set: WatchSet): Affected {
  const counted = countedPaths(changed, set);
  if (counted.some((p) => set.project.some((f) => isUnder(p, f)))) return { reload: true };
  const direct = set.images.filter((img) => counted.some((p) => img.roots.some((r) => reaches(r, p)))).map((img) => img.id);
  const all = withDependents(direct, set.children);
  // in the order the images were given (parents first when they come from a plan)
  return { reload: false, ids: set.images.map((i) => i.id).filter((id) => all.has(id)) };
}

/**
 * What to watch for a set: the project's own files, then every root's folder or file (a glob's
 * static folders); not what never counts (the generated ignore files: a missing output folder
 * would have its nearest existing folder, the project root, watched with everything below it).
 */
export function watchedPaths(set: WatchSet): string[] {
  const roots = set.images.flatMap((img) => img.roots.flatMap((r) => (r.kind === 'glob' ? r.within : [r.path])));
  return [...new Set([...set.project, ...roots])].filter((p) => !set.skip.some((d) => isUnder(p, d)));
}
