/**
 * Parent by image: how a child build starts from a parent that the same run builds. Pure.
 *
 * - `target`: in a bake session, the parent's result in the same solve (a `target:` context,
 *   bake-session.ts). Fast (one session, parent and child solved together), but BuildKit's cache
 *   keys of the child's steps then chain through the parent's own build steps.
 * - `image`: the parent's built image, by reference, once the parent is built: its tag (the ARG's
 *   default), or its pushed digest when the parent built on another engine
 *   (runner/parent-handover.ts). BuildKit keys an image source by its content (its layers), so the
 *   cache keys of the child's steps are the same on every machine: on one that built the parent,
 *   and on a fresh one that only finds the parent's pushed image in the registry.
 *
 * A child takes its parent by image when it has a registry cache (so that the cache one machine
 * exported is hit by another machine's build of the same steps) or when the parent builds on
 * another engine (a bake session runs on one engine). Such a child never shares a bake session
 * with that parent while the parent is out of date: it goes in a later session, once the parent is
 * built (run-plan.ts runs the sessions wave by wave), or is built on its own.
 */
import type { ImageBuild } from './image-build.js';

/** How a child build reaches a parent the run builds: its `target:` result in a bake session, or its built image. */
export type ParentLink = 'target' | 'image';

/** The one rule: by image with a registry cache or across engines, else by target. */
export const parentLinkOf = (child: ImageBuild, parent: ImageBuild): ParentLink =>
  child.registryCache !== undefined || child.engine !== parent.engine ? 'image' : 'target';

/**
 * The out-of-date builds that can go into the next bake session: none built on its own (`own`),
 * and for each out-of-date parent (one in `stale`) the parent goes too, linked by target; a child
 * that takes an out-of-date parent by image waits for a later session, once that parent is built
 * and out of `stale`. Plan order; the caller splits them by engine.
 */
export function nextSession(stale: ReadonlyMap<string, ImageBuild>, own: (build: ImageBuild) => boolean): ImageBuild[] {
  const memo = new Map<string, boolean>();
  const fits = (build: ImageBuild): boolean => {
    const known = memo.get(build.id);
    if (known !== undefined) return known;
    const waits = (p: string): boolean => {
      const parent = stale.get(p);
      return parent !== undefined && (parentLinkOf(build, parent) === 'image' || !fits(parent));
    };
    const ok = !own(build) && !build.parents.some(waits);
    memo.set(build.id, ok);
    return ok;
  };
  return [...stale.values()].filter(fits);
}
