/**
 * A release's first registry step: every image is pushed under a staging tag that no user pulls
 * (`REPO:dockwright-staging-<input digest>`), then wrapped in an index under the same tag, so that
 * the digest tested is the digest every user tag later gets, byte for byte (an index is copied as
 * it is by `imagetools create`). A staging tag already in the registry (a re-run after a fix) is
 * reused: the input digest in its name says it holds the same build.
 */
import { dockerRun, type Engine } from '../../engine/engine.js';
import { DIGEST_LABEL, inspectLocal } from '../../engine/images.js';
import { copyToTags, registryManifest } from '../../engine/registry-tags.js';
import { pushRef, type PushOptions } from '../push.js';
import { digestRef, registryAdvice, registryOf, repositoryOf } from '../registry-ref.js';

export interface ReleaseItem {
  readonly id: string;
  readonly dir: string;
  /** The user-visible tags, primary first: they move only in the final step. */
  readonly tags: readonly string[];
  /** `false` for images that are built and tested but never pushed. */
  readonly push: boolean;
}

export type Staged =
  | { readonly id: string; readonly status: 'staged'; readonly ref: string; readonly digest: string; readonly reused: boolean }
  | { readonly id: string; readonly status: 'failed' | 'not-tried'; readonly ref?: string; readonly reason: string };

/** The staging tag of a build: the repository of its primary tag, the input digest (else the image id) in the tag. */
export const stagingRef = (primary: string, key: string): string =>
  `${repositoryOf(primary)}:dockwright-staging-${key.replace(/^sha256:/, '').slice(0, 32)}`;

/** The digest under `ref`, made an index when it is a single manifest (so copies keep it). */
async function asIndex(e: Engine, ref: string, signal?: AbortSignal): Promise<{ digest: string } | { reason: string }> {
  const first = await registryManifest(e, ref, signal);
  if (!first.found) return { reason: first.reason };
  if (first.index) return { digest: first.digest };
  const wrapped = await copyToTags(e, digestRef(ref, first.digest), [ref], signal);
  if (!wrapped.ok) return { reason: wrapped.reason };
  const again = await registryManifest(e, ref, signal);
  return again.found ? { digest: again.digest } : { reason: again.reason };
}

export async function stageImage(item: ReleaseItem, opts: PushOptions): Promise<Staged> {
  const primary = item.tags[0] as string;
  const local = (await inspectLocal(opts, [primary])).get(primary);
  if (!local) return { id: item.id, status: 'failed', reason: `${primary} is not in the local store` };
  const ref = stagingRef(primary, local.labels[DIGEST_LABEL] ?? local.id);
  const there = await registryManifest(opts, ref, opts.signal);
  if (there.found && there.index) return { id: item.id, status: 'staged', ref, digest: there.digest, reused: true };
  if (!there.found) {
    const tagged = await dockerRun(opts, ['tag', primary, ref]);
    if (tagged.exitCode !== 0) return { id: item.id, status: 'failed', ref, reason: `docker tag: ${tagged.stderr.trim()}` };
    const pushed = await pushRef(ref, opts);
    await dockerRun(opts, ['image', 'rm', ref]); // the staging tag only, never the image
    if (pushed.status !== 'pushed') {
      const advice =
        pushed.status === 'failed'
          ? `${registryAdvice(registryOf(ref), pushed.kind, opts.attempts ?? 4)} (${pushed.reason})`
          : pushed.reason;
      return { id: item.id, status: 'failed', ref, reason: advice };
    }
  }
  const index = await asIndex(opts, ref, opts.signal);
  return 'digest' in index
    ? { id: item.id, status: 'staged', ref, digest: index.digest, reused: false }
    : { id: item.id, status: 'failed', ref, reason: index.reason };
}
