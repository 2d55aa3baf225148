/**
 * Handing a parent to a child that builds on another engine (a plan over several engines): the
 * parent's build pushed it, and the child is built FROM the parent's pushed image **by digest**
 * (`<registry>/<ns>/<parent>@sha256:…`), through the parent ARG its Dockerfile already declares
 * ({@link ImageBuild.parentRefs}). The digest is the one the registry holds for the parent's
 * primary tag once the parent is done (built and pushed, or up to date there), asked once.
 */
import type { Engine } from '../engine/engine.js';
import { registryManifest } from '../engine/registry-tags.js';
import { spansEngines } from '../plan/build-engine.js';
import type { BuildPlan, ImageBuild } from '../plan/image-build.js';
import type { ImageResult } from './result.js';

export interface Handover {
  /** `build` with every parent that builds on another engine named by its pushed digest. */
  apply(build: ImageBuild, signal?: AbortSignal): Promise<ImageBuild>;
  /** The manifest digest the registry holds for an image's primary tag (asked once), or undefined when it has none. */
  digest(id: string, signal?: AbortSignal): Promise<string | undefined>;
}

/** `reg/ns/app:1` → `reg/ns/app` (a registry port stays: only a `:` after the last `/` is a tag). */
export const repositoryOf = (ref: string): string => {
  const bare = ref.split('@')[0] as string;
  const slash = bare.lastIndexOf('/');
  const colon = bare.lastIndexOf(':');
  return colon > slash ? bare.slice(0, colon) : bare;
};

/** The handover of a plan that spans engines; undefined for a plan on one engine (parents stay tags there). */
export function createHandover(plan: BuildPlan, engine: Engine): Handover | undefined {
  if (!spansEngines(plan)) return undefined;
  const builds = new Map(plan.builds.map((b) => [b.id, b]));
  const digests = new Map<string, Promise<string | undefined>>();
  const digest = (id: string, signal?: AbortSignal): Promise<string | undefined> => {
    const build = builds.get(id);
    const ref = build?.tags[0];
    // an image never pushed has no digest of this run in the registry
    if (ref === undefined || build?.push !== true) return Promise.resolve(undefined);
    let known = digests.get(id);
    if (known === undefined) {
      known = registryManifest(engine, ref, signal).then((m) => (m.found ? m.digest : undefined));
      digests.set(id, known);
    }
    return known;
  };
  const apply = async (build: ImageBuild, signal?: AbortSignal): Promise<ImageBuild> => {
    const parentRefs = await Promise.all(
      build.parentRefs.map(async (p) => {
        const parent = builds.get(p.id);
        if (parent === undefined || parent.engine === build.engine) return p;
        const d = await digest(p.id, signal);
        if (d === undefined)
          throw new Error(
            `${p.id} (built on ${parent.engine ?? 'the run engine'}) is not in its registry as ${parent.tags[0] ?? p.ref}: nothing to hand to ${build.id}`,
          );
        return { ...p, ref: `${repositoryOf(parent.tags[0] ?? p.ref)}@${d}` };
      }),
    );
    return { ...build, parentRefs };
  };
  return { apply, digest };
}

/** The results of a run over several engines with `pushed` (the registry's digest of each built or up-to-date image). */
export async function withPushedDigests(results: readonly ImageResult[], handover: Handover | undefined): Promise<ImageResult[]> {
  if (handover === undefined) return [...results];
  return Promise.all(
    results.map(async (r) => {
      const primary = r.tags[0];
      if (primary === undefined || (r.status !== 'built' && r.status !== 'up-to-date')) return r;
      const d = await handover.digest(r.id);
      return d === undefined ? r : { ...r, pushed: `${repositoryOf(primary)}@${d}` };
    }),
  );
}
