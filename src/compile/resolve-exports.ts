/**
 * Which exported values are images: an `image()` value, the images of a `variants()` value, and
 * arrays of those. Anything else a definition file exports (stages, helpers, constants) is ignored.
 */
import { isImageDef } from '../model/refs.js';

const isVariantsDef = (v: unknown): v is { kind: 'variants'; images: readonly unknown[] } =>
  typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'variants' && Array.isArray((v as { images?: unknown }).images);

/** The image-like objects among `values`, in order, each object once. */
export function collectImageDefs(values: readonly unknown[]): object[] {
  const found = new Set<object>();
  const visit = (v: unknown, depth: number): void => {
    if (isImageDef(v)) found.add(v);
    else if (isVariantsDef(v)) v.images.forEach((img) => visit(img, depth));
    else if (Array.isArray(v) && depth < 3) v.forEach((item) => visit(item, depth + 1));
  };
  values.forEach((v) => visit(v, 0));
  return [...found];
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Exported objects that look like an image spec (`name` plus `stages`, or `from` and `steps`) but
 * were not made with `image()`: without this they would be ignored and nothing rendered, silently.
 */
export function imageLookalikes(exports: readonly (readonly [string, unknown])[]): { exportName: string; name: string }[] {
  return exports.flatMap(([exportName, v]) => {
    if (!isPlain(v) || 'kind' in v || typeof v.name !== 'string') return [];
    const shaped = Array.isArray(v.stages) || ('from' in v && Array.isArray(v.steps));
    return shaped ? [{ exportName, name: v.name }] : [];
  });
}
