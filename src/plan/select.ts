/**
 * Which images a command works on. Pure.
 *
 * 1. requested = images matching any `names` pattern, plus the members of any `groups`;
 *    neither given → every image.
 * 2. `only` patterns keep just the requested images that match one of them.
 * 3. `skip` patterns remove images (requested ones and ancestors alike).
 * 4. unless `deps` is false, the ancestors the requested images need are added.
 * Ancestors that are needed but not selected (`--no-deps`, `--skip`) are returned as `external`:
 * they must already exist (the CLI checks that up front).
 *
 * A pattern is an id (`fit-framework:alpine`), a name (every variant of it) or a picomatch glob
 * matched against both (`'*-nn'`, `'fit-*:alpine'`). A pattern or group that matches nothing is a
 * UsageError naming the closest one (did you mean …?) and listing what exists.
 */
import picomatch from 'picomatch';
import { UsageError } from '../errors/index.js';
import type { ImageModel } from '../model/resolved.js';
import { ancestorsOf, type BuildGraph } from './graph.js';
import { unknownGroupMessage, unknownImageMessage } from './unknown-name.js';

export interface Selection {
  readonly names?: readonly string[];
  readonly only?: readonly string[];
  readonly skip?: readonly string[];
  readonly groups?: readonly string[];
  /** Add the ancestors of the selected images (default true; `--no-deps` sets false). */
  readonly deps?: boolean;
}

export interface Selected {
  /** Selected ids in build order (parents first). */
  readonly ids: readonly string[];
  /** Ancestors of selected images that are not selected themselves, in build order. */
  readonly external: readonly string[];
}

export function selectImages(graph: BuildGraph, selection: Selection): Selected {
  const all = [...graph.images.values()];
  const names = selection.names ?? [];
  const groups = selection.groups ?? [];
  let requested = new Set<string>(names.length === 0 && groups.length === 0 ? graph.order : []);
  names.forEach((p) => matchOrThrow(all, p, '').forEach((id) => requested.add(id)));
  groups.forEach((g) => groupOrThrow(all, g).forEach((id) => requested.add(id)));
  if (selection.only && selection.only.length > 0) {
    const keep = new Set(selection.only.flatMap((p) => matchOrThrow(all, p, '--only')));
    requested = new Set([...requested].filter((id) => keep.has(id)));
  }
  const skipped = new Set((selection.skip ?? []).flatMap((p) => matchOrThrow(all, p, '--skip')));
  const needed = ancestorsOf(graph, requested);
  const chosen = new Set([...requested, ...(selection.deps === false ? [] : needed)].filter((id) => !skipped.has(id)));
  const required = ancestorsOf(graph, chosen);
  return {
    ids: graph.order.filter((id) => chosen.has(id)),
    external: graph.order.filter((id) => !chosen.has(id) && required.has(id)),
  };
}

const isGlob = (p: string): boolean => picomatch.scan(p).isGlob;

/** Ids an argument names: the id itself, every variant of a name, or everything a glob matches. */
export function matchImages(images: readonly ImageModel[], pattern: string): string[] {
  if (!isGlob(pattern)) return images.filter((img) => img.id === pattern || img.name === pattern).map((img) => img.id);
  const matches = picomatch(pattern, { dot: true });
  return images.filter((img) => matches(img.id) || matches(img.name)).map((img) => img.id);
}

function matchOrThrow(images: readonly ImageModel[], pattern: string, what: string): string[] {
  const ids = matchImages(images, pattern);
  if (ids.length > 0) return ids;
  throw new UsageError(unknownImageMessage(images, pattern, what));
}

function groupOrThrow(images: readonly ImageModel[], group: string): string[] {
  const ids = images.filter((img) => img.groups.includes(group)).map((img) => img.id);
  if (ids.length > 0) return ids;
  throw new UsageError(unknownGroupMessage(images, group));
}
