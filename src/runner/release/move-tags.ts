/**
 * The final step of a release (and of a promotion): every user tag moves to its new digest.
 * A registry has no transactions, so "all or none" is made of three parts:
 * 1. before anything moves, every tag's current digest is read (this also proves each registry
 *    answers): if one cannot be read, nothing moves;
 * 2. all tags move at once (per image: its first tag from the source, its other tags from the first,
 *    up to `parallel` images at a time); this step is not stopped by an interrupt: it is short,
 *    and stopping it would leave a mix;
 * 3. if a move failed (a registry lost midway), every tag that did move is moved back to the digest
 *    it had; then every tag is read again, so the report says where each one points, not where it
 *    should. A tag that did not exist before cannot be taken back (deleting a manifest would delete
 *    the release's other tags): it is reported as such.
 */
import pLimit from 'p-limit';
import type { Engine } from '../../engine/engine.js';
import { copyToTags, isNotFound, registryManifest } from '../../engine/registry-tags.js';
import { digestRef } from '../registry-ref.js';

export interface TagMove {
  readonly id: string;
  /** The manifest the tags move to. */
  readonly digest: string;
  /** A reference with that digest's repository (`REPO@…` is made from it). */
  readonly source: string;
  readonly tags: readonly string[];
}

/**
 * Where one tag ended: `moved` to its target; `already` there before; `kept` its old digest (its
 * move never happened); `rolled-back` (moved, then put back); `new-left` (a new tag that moved while
 * others failed, and cannot be taken back); `unknown` (the registry did not answer afterwards).
 */
export type TagOutcome = 'moved' | 'already' | 'kept' | 'rolled-back' | 'new-left' | 'unknown';

export interface TagState {
  readonly id: string;
  readonly ref: string;
  readonly target: string;
  /** The digest it had before; undefined for a new tag. */
  readonly before?: string;
  /** The digest it has now, as read from the registry; undefined when absent or unreadable. */
  readonly now?: string;
  readonly outcome: TagOutcome;
  readonly reason?: string;
}

export interface MoveReport {
  /** Every tag points at its target. */
  readonly ok: boolean;
  /** The tags were read but none moved (a registry did not answer before the step). */
  readonly preflightFailed: boolean;
  readonly tags: readonly TagState[];
}

type Read = { digest?: string; error?: string };

async function read(e: Engine, ref: string): Promise<Read> {
  const m = await registryManifest(e, ref);
  if (m.found) return { digest: m.digest };
  return isNotFound(m.reason) ? {} : { error: m.reason };
}

export async function moveTags(moves: readonly TagMove[], e: Engine, o: { parallel?: number } = {}): Promise<MoveReport> {
  const limit = pLimit(Math.max(1, o.parallel ?? 4));
  const all = moves.flatMap((m) => m.tags.map((ref) => ({ id: m.id, ref, target: m.digest, move: m })));
  const before = await Promise.all(all.map((t) => limit(() => read(e, t.ref))));
  const unreadable = before.findIndex((b) => b.error !== undefined);
  if (unreadable >= 0) {
    const why = `${all[unreadable]?.ref}: ${before[unreadable]?.error}`;
    const tags = all.map((t, i) => state(t, before[i]?.digest, before[i]?.digest, 'kept', `not moved: could not read ${why}`));
    return { ok: false, preflightFailed: true, tags };
  }
  const failed = new Map<string, string>();
  await Promise.all(
    moves.map((m) =>
      limit(async () => {
        const pending = m.tags.filter((ref) => before[all.findIndex((t) => t.ref === ref && t.move === m)]?.digest !== m.digest);
        const [first, ...rest] = pending;
        if (first === undefined) return;
        // the first tag gets the manifest from the source (maybe another registry); the others from
        // that first tag's repository: buildx copying one index to two tags at once from another
        // registry can fail the second PUT (400)
        const r = await copyToTags(e, digestRef(m.source, m.digest), [first]);
        const then = r.ok && rest.length > 0 ? await copyToTags(e, digestRef(first, m.digest), rest) : r;
        if (!then.ok) failed.set(m.id, then.reason);
      }),
    ),
  );
  if (failed.size === 0) {
    const tags = all.map((t, i) => state(t, before[i]?.digest, t.target, before[i]?.digest === t.target ? 'already' : 'moved'));
    return { ok: true, preflightFailed: false, tags };
  }
  // some move failed: put back what moved, then read where every tag points now
  const afterMove = await Promise.all(all.map((t) => limit(() => read(e, t.ref))));
  await Promise.all(
    all.map((t, i) =>
      limit(async () => {
        const was = before[i]?.digest;
        if (afterMove[i]?.digest === t.target && was !== undefined && was !== t.target) await copyToTags(e, digestRef(t.ref, was), [t.ref]);
      }),
    ),
  );
  const end = await Promise.all(all.map((t) => limit(() => read(e, t.ref))));
  const tags = all.map((t, i): TagState => {
    const was = before[i]?.digest;
    const now = end[i];
    const reason = failed.get(t.id);
    if (now?.error !== undefined) return state(t, was, undefined, 'unknown', `could not read it after the step: ${now.error}`);
    if (was === t.target) return state(t, was, now?.digest, 'already');
    if (now?.digest === t.target) return state(t, was, now.digest, was === undefined ? 'new-left' : 'moved', reason);
    const movedBack = afterMove[i]?.digest === t.target;
    return state(t, was, now?.digest, movedBack ? 'rolled-back' : 'kept', reason);
  });
  return { ok: false, preflightFailed: false, tags };
}

function state(
  t: { id: string; ref: string; target: string },
  before: string | undefined,
  now: string | undefined,
  outcome: TagOutcome,
  reason?: string,
): TagState {
  return {
    id: t.id,
    ref: t.ref,
    target: t.target,
    ...(before !== undefined ? { before } : {}),
    ...(now !== undefined ? { now } : {}),
    outcome,
    ...(reason !== undefined ? { reason } : {}),
  };
}
