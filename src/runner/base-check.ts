/**
 * After a bake session, which images are not built on the parent image they name.
 *
 * In one bake session BuildKit solves a parent twice: as its own target (the image that gets
 * tagged) and as each child's `target:` context. Normally both solves share every vertex. When its
 * cache holds two results for a vertex, though (after a `--no-cache` build of the parent, for
 * example), the two solves can pick different ones, and the child ends up on other layers than the
 * tagged parent: equal in content at best, older packages at worst. Seen with docker 26.1 and
 * buildx 0.13. The layers tell: a child's first layers are its base's layers. The caller rebuilds
 * the images found here on their own, FROM the tagged parent.
 */
import type { ImageBuild } from '../plan/image-build.js';
import type { ImageInfo } from '../engine/engine-api.js';

/**
 * The image builds whose target stage is FROM a parent built in the same session but whose layers
 * do not start with that parent's, and every image built on one of those, each with the reason
 * (`builds` in plan order, parents first). `images`: what the engine says of the built images, by
 * primary tag; an image it does not know is left alone (nothing says it is wrong).
 */
export function offTheirBase(
  builds: readonly ImageBuild[],
  built: ReadonlySet<string>,
  images: ReadonlyMap<string, ImageInfo>,
): Map<string, string> {
  const byId = new Map(builds.map((s) => [s.id, s]));
  const layersOf = (id: string): readonly string[] | undefined => images.get(byId.get(id)?.tags[0] ?? '')?.layers;
  const off = new Map<string, string>();
  for (const build of builds) {
    if (!built.has(build.id)) continue;
    const again = build.parents.find((p) => off.has(p));
    if (again !== undefined) {
      off.set(build.id, `${again} is built again`);
      continue;
    }
    if (build.base === undefined || !built.has(build.base)) continue;
    const own = layersOf(build.id);
    const base = layersOf(build.base);
    if (own && base && base.some((layer, i) => own[i] !== layer)) {
      off.set(
        build.id,
        `bake built it on other layers than the ${build.base} image it tagged (BuildKit's cache held two results of one of its steps)`,
      );
    }
  }
  return off;
}
