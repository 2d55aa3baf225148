/**
 * How the build runner uses the inputs: `runBuild(plan, { …, prepare: inputsPreparer(images, …) })`
 * prepares each image's context right before its docker build (the build then uses the assembled
 * context in place of the static one) and removes it right after, built or not.
 */
import { resolve } from 'node:path';
import type { ImageModel } from '../../model/resolved.js';
import type { ImageBuild } from '../../plan/image-build.js';
import type { Prepared, RunBuildOptions } from '../run-build.js';
import { hasInputs, prepareInputs, type PrepareOptions } from './prepare-inputs.js';

/** Builds whose image has pre-build inputs: their context is prepared right before their own build. */
export function hasOwnInputs(images: readonly ImageModel[]): (build: ImageBuild) => boolean {
  const byId = new Map(images.map((img) => [img.id, img]));
  return (build) => {
    const image = byId.get(build.id);
    return image !== undefined && hasInputs(image);
  };
}

export function inputsPreparer(
  images: readonly ImageModel[],
  opts: Omit<PrepareOptions, 'signal' | 'onLine'>,
): NonNullable<RunBuildOptions['prepare']> {
  const byId = new Map(images.map((img) => [img.id, img]));
  return async (build: ImageBuild, log: (line: string) => void, signal: AbortSignal): Promise<Prepared | undefined> => {
    const image = byId.get(build.id);
    if (!image || !hasInputs(image)) return undefined;
    const prepared = await prepareInputs(image, { ...opts, signal, onLine: log });
    if (prepared.contextDir === resolve(opts.root, image.context)) return { cleanup: prepared.cleanup };
    return { context: prepared.contextDir, cleanup: prepared.cleanup };
  };
}
