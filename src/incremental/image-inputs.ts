/**
 * Gathers the {@link DigestInputs} of one image: reads and hashes its build context (after the
 * ignore rules, with its copy-list laid over it and its fetched files placed, as the runner will
 * assemble it), its named build contexts and its prerequisites' inputs. What needs docker (the ids
 * of external images) and the parents' digests are handed in by the caller.
 */
import { posix, resolve, sep } from 'node:path';
import type { ImageModel } from '../model/resolved.js';
import { globFiles } from '../io/glob-files.js';
import { contextLayers, rootIgnoreFile } from '../io/context-ignore-file.js';
import { hashTree, type FixedEntry, type Layer } from './context-tree.js';
import { nodeDigestFs, sha256, type DigestFs } from '../io/digest-fs.js';
import { dockerignoreMatcher, parseDockerignore } from './dockerignore.js';
import { DOCKER_IMAGE_SCHEME, argValues, externalRefs } from './external-refs.js';
import type { HashCache } from '../io/hash-cache.js';
import { DIGEST_VERSION, canonicalJson, type DigestInputs } from './input-record.js';

/** Labels whose value changes on every run or every commit: left out of the digest. */
export const VOLATILE_LABELS: ReadonlySet<string> = new Set(['org.opencontainers.image.created', 'org.opencontainers.image.revision']);

/** Build args BuildKit leaves out of its own cache keys: they change how, not what, is fetched. */
const isProxyArg = (name: string): boolean => /_proxy$/i.test(name);

export interface ImageDigestRequest {
  readonly image: ImageModel;
  /** Absolute project root; the image's paths are relative to it. */
  readonly root: string;
  /** The output folder (relative to the root, or absolute). */
  readonly outputDir: string;
  /** Folders (relative to the root, or absolute) whose files never count: dockwright's cache and logs. */
  readonly ownDirs: readonly string[];
  /** The Dockerfile text docker will read. */
  readonly dockerfile: string;
  /** `K=V` or `K` (value from `env`): the build args passed to this image. */
  readonly buildArgs: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platforms: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly extra: readonly string[];
  /**
   * Parent id → its digest (input digest when dockwright builds it, else its image id). It and
   * `imageIds` may still be on their way (they wait for the engine's answer): they are awaited
   * once the context is hashed, so that walking the context does not wait for the engine.
   */
  readonly parents: Readonly<Record<string, string>> | PromiseLike<Readonly<Record<string, string>>>;
  /** Image id of every ref {@link imageRefs} returned; a ref not in the local store is absent. */
  readonly imageIds: ReadonlyMap<string, string> | PromiseLike<ReadonlyMap<string, string>>;
  readonly version?: string | undefined;
}

export interface DigestIo {
  readonly cache: HashCache;
  readonly fs?: DigestFs;
}

/** The external refs whose image ids {@link collectInputs} needs. */
export const imageRefs = (req: Pick<ImageDigestRequest, 'image' | 'buildArgs' | 'env' | 'version'>): string[] =>
  externalRefs(req.image, argValues(req.image, req.buildArgs, req.env, req.version));

const toPosix = (p: string): string => p.split(sep).join('/');
const isUrl = (v: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(v) || v.startsWith('git@') || v.startsWith('target:');

export async function collectInputs(req: ImageDigestRequest, io: DigestIo): Promise<DigestInputs> {
  const fs = io.fs ?? nodeDigestFs;
  const { image, root } = req;
  const abs = (p: string): string => resolve(root, p);
  const own = req.ownDirs.map(abs);
  const skip = (path: string): boolean => own.some((d) => path === d || path.startsWith(`${d}${sep}`));
  const tree = { fs, cache: io.cache, skip };

  const layers: Layer[] = contextLayers(root, image);
  const fixed: FixedEntry[] = image.inputs.fetch.map((f) => ({ dest: f.dest, value: `fetched ${f.sha256}` }));
  const ignoreText = contextIgnoreText(image, root, req.outputDir, fs);
  const files = await hashTree(layers, { ...tree, fixed, ignore: dockerignoreMatcher(parseDockerignore(ignoreText ?? '')) });
  const [parents, imageIds] = await Promise.all([req.parents, req.imageIds]);

  const contexts: Record<string, string> = {};
  for (const [name, value] of Object.entries(image.buildContexts)) {
    if (value.startsWith(DOCKER_IMAGE_SCHEME)) contexts[name] = imageIds.get(value.slice(DOCKER_IMAGE_SCHEME.length)) ?? `absent ${value}`;
    else if (isUrl(value)) contexts[name] = value;
    else contexts[name] = `sha256:${sha256(canonicalJson(await hashTree([{ src: abs(value), dest: '' }], tree)))}`;
  }

  const prerequisites: Record<string, string> = {};
  for (const p of image.inputs.prerequisites) {
    const { files: matched, unmatched } = await globFiles(root, p.inputs, (path) => skip(path) || path.endsWith(`${sep}.git`));
    const hashed = await hashTree(
      matched.map((f) => ({ src: abs(f), dest: f })),
      tree,
    );
    prerequisites[p.name] =
      `sha256:${sha256(canonicalJson({ command: p.command, cwd: p.cwd ?? '.', outputs: p.outputs, files: hashed, unmatched }))}`;
  }

  const args: Record<string, string> = {};
  for (const arg of req.buildArgs) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (isProxyArg(name)) continue;
    const value = eq < 0 ? req.env[arg] : arg.slice(eq + 1);
    args[name] = value === undefined ? 'unset' : sha256(value);
  }
  const bases = Object.fromEntries(imageRefs(req).map((r) => [r, imageIds.get(r) ?? 'absent']));

  return {
    version: DIGEST_VERSION,
    dockerfile: sha256(req.dockerfile),
    target: image.target,
    platforms: [...req.platforms],
    args,
    labels: Object.fromEntries(Object.entries(req.labels).filter(([k]) => !VOLATILE_LABELS.has(k))),
    extra: [...req.extra],
    files,
    contexts,
    secrets: image.secrets.map((s) => s.id).sort(),
    ssh: [...image.ssh].sort(),
    prerequisites,
    parents: { ...parents },
    bases,
  };
}

/**
 * The ignore rules docker applies to an image's context: `generated/<dir>/Dockerfile.dockerignore`
 * when there is one, else the `.dockerignore` at the root of the assembled context.
 */
export const contextIgnoreText = (image: ImageModel, root: string, outputDir: string, fs: DigestFs = nodeDigestFs): string | undefined =>
  fs.readText(posix.join(toPosix(resolve(root, outputDir)), image.dir, 'Dockerfile.dockerignore')) ??
  rootIgnoreFile(contextLayers(root, image), fs);
