/**
 * Promotion: the digest each source reference names now is given the destination tags, in one
 * final step (move-tags.ts). Every source is read before anything moves; a source that is missing
 * or unreadable moves nothing. An index keeps its digest; a single manifest becomes a one-entry
 * index around it (buildx 0.13 cannot copy it as it is).
 */
import pLimit from 'p-limit';
import type { Engine } from '../../engine/engine.js';
import { registryManifest } from '../../engine/registry-tags.js';
import { moveTags, type MoveReport } from './move-tags.js';

export interface Promotion {
  readonly id: string;
  /** The reference the image has now (its primary tag in the source registry/namespace). */
  readonly source: string;
  /** The tags it gets. */
  readonly tags: readonly string[];
}

export type PromoteReport =
  | { readonly ok: false; readonly missing: readonly { readonly id: string; readonly source: string; readonly reason: string }[] }
  | { readonly ok: boolean; readonly moves: MoveReport };

export async function promoteImages(items: readonly Promotion[], e: Engine, o: { parallel?: number } = {}): Promise<PromoteReport> {
  const limit = pLimit(Math.max(1, o.parallel ?? 4));
  const read = await Promise.all(items.map((item) => limit(async () => ({ item, m: await registryManifest(e, item.source) }))));
  const missing = read.flatMap(({ item, m }) => (m.found ? [] : [{ id: item.id, source: item.source, reason: m.reason }]));
  if (missing.length > 0) return { ok: false, missing };
  const moves = await moveTags(
    read.map(({ item, m }) => ({ id: item.id, source: item.source, digest: m.found ? m.digest : '', tags: item.tags })),
    e,
    o,
  );
  return { ok: moves.ok, moves };
}
