/**
 * Where each image of a spread build builds (the `engines` setting). Pure and deterministic:
 * 1. an image that names an engine (`engine: 'arm'`) builds there;
 * 2. else the candidates are the engines that build every platform of the image (an engine that
 *    lists no `platforms` builds any; an image without `platforms` fits every engine);
 * 3. of the candidates, the one at FNV-1a(image id) modulo their count, in the order the setting
 *    lists them — the same image lands on the same engine on every run and every machine, as long
 *    as the list stays the same.
 */
import { didYouMean } from '../compile/did-you-mean.js';
import type { Problem } from '../errors/definition-error.js';
import { ConfigError } from '../errors/index.js';
import type { ImageModel } from '../model/resolved.js';
import type { EngineSpec } from '../model/settings.js';

/** FNV-1a, 32 bits: a stable spread of image ids (the same on every machine and Node version). */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The engines that build every one of `platforms`. */
export const enginesFor = (engines: readonly EngineSpec[], platforms: readonly string[]): EngineSpec[] =>
  engines.filter((e) => e.platforms === undefined || platforms.every((p) => e.platforms?.includes(p)));

/** An image's `engine:` that the settings do not list: one problem naming file, image and field, with did-you-mean. */
export function placementProblems(image: ImageModel, engines: readonly EngineSpec[]): Problem[] {
  if (image.engine === undefined) return [];
  const names = engines.map((e) => e.name);
  if (names.includes(image.engine)) return [];
  const best = didYouMean(image.engine, names);
  const message =
    names.length === 0
      ? `engine "${image.engine}" is not in the engines setting, which lists none`
      : `engine "${image.engine}" is not in the engines setting;${best ? ` did you mean "${best}"?` : ''} the engines are: ${names.join(', ')}`;
  return [{ file: image.file, image: image.id, path: ['engine'], message }];
}

/**
 * The engine an image builds on, by name; undefined when the settings list no engines (the run's
 * own engine). `platforms`: the build's (`--platform` replaces the image's own).
 */
export function placeImage(
  image: Pick<ImageModel, 'id' | 'engine'>,
  platforms: readonly string[],
  engines: readonly EngineSpec[],
): string | undefined {
  if (engines.length === 0) return undefined;
  if (image.engine !== undefined) return image.engine;
  const candidates = enginesFor(engines, platforms);
  if (candidates.length === 0)
    throw new ConfigError(
      `${image.id}: no engine of the engines setting builds all of ${platforms.join(', ')}; ` +
        `name one with \`engine:\` on the image, or list these platforms on one engine`,
    );
  return (candidates[stableHash(image.id) % candidates.length] as EngineSpec).name;
}

/** The engines a plan's builds use, by name, each once, in the order of the setting. */
export const enginesUsed = (builds: readonly { readonly engine?: string }[], engines: readonly EngineSpec[]): EngineSpec[] =>
  engines.filter((e) => builds.some((b) => b.engine === e.name));
