/**
 * `build --target STAGE`: the selected images (those named, of a group, kept by `--only`; not the
 * ancestors added for them) built to another stage of their Dockerfile. Pure. The result is what
 * the plan and the input digest see (docker's `--target`, the digest's `target`); the Dockerfile
 * stays the one the definition describes, so the images given to `gen` are the original ones.
 */
import { UsageError } from '../errors/index.js';
import type { ImageModel } from '../model/resolved.js';
import { buildGraph } from './graph.js';
import { selectImages, type Selection } from './select.js';

/** The images with `target` set to `stage` for the selected ones; a selected image without that stage is a UsageError. */
export function retargetImages(images: readonly ImageModel[], selection: Selection, stage: string): ImageModel[] {
  const selected = new Set(selectImages(buildGraph(images), { ...selection, deps: false }).ids);
  const lacking = images.filter((img) => selected.has(img.id) && !img.stages.some((s) => s.name === stage));
  if (lacking.length > 0) {
    const list = lacking.map((img) => `${img.id} (stages: ${img.stages.map((s) => s.name).join(', ')})`).join('; ');
    throw new UsageError(`--target "${stage}" is not a stage of ${lacking.length === 1 ? 'image' : 'images'} ${list}`);
  }
  return images.map((img) => (selected.has(img.id) ? { ...img, target: stage } : img));
}
