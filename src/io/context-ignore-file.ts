/**
 * The `.dockerignore` BuildKit finds at the root of an image's context when no
 * `<Dockerfile>.dockerignore` is beside the Dockerfile: the context folder's own, or, for a context
 * assembled from several places, the one the last layer puts at the root.
 */
import { posix, resolve } from 'node:path';
import type { ImageModel } from '../model/resolved.js';
import { nodeDigestFs, type DigestFs } from './digest-fs.js';

/** A source (absolute; a file or a folder) placed at `dest` inside the context (`''`: the root). */
export interface ContextLayer {
  readonly src: string;
  readonly dest: string;
}

/** The image's context as layers: its folder, then its copy-list entries, paths resolved against `root`. */
export const contextLayers = (root: string, image: Pick<ImageModel, 'context' | 'inputs'>): ContextLayer[] => [
  { src: resolve(root, image.context), dest: '' },
  ...image.inputs.copyList.map((e) => ({ src: resolve(root, e.src), dest: e.dest })),
];

/** The text of the `.dockerignore` at the root of the assembled context; undefined when there is none. */
export function rootIgnoreFile(layers: readonly ContextLayer[], fs: DigestFs = nodeDigestFs): string | undefined {
  for (const layer of [...layers].reverse()) {
    const dest = posix.normalize(layer.dest || '.').replace(/\/+$/, '');
    if (dest === '.dockerignore') return fs.readText(layer.src);
    if (dest === '.' && fs.stat(layer.src)?.kind === 'dir') {
      const text = fs.readText(resolve(layer.src, '.dockerignore'));
      if (text !== undefined) return text;
    }
  }
  return undefined;
}
