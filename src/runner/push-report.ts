/** How a push ends, for `dockwright push` and `build --push`: the report table, the advice, the error when a tag failed. */
import { isInRegistry } from '../incremental/skipper.js';
import type { Settings } from '../model/settings.js';
import type { ImageModel } from '../model/resolved.js';
import { imageTags } from '../plan/tags.js';
import type { Engine } from '../engine/engine.js';
import { pushImages, type PushItem, type PushReport } from './push.js';
import { PushFailedError } from './ship-error.js';
import type { Output } from './progress/output.js';
import { formatTable } from './progress/format-table.js';

/** Where a command writes, and its interrupt. */
export interface Streams {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly signal?: AbortSignal;
}

export const pushItems = (images: readonly ImageModel[], settings: Settings): PushItem[] =>
  images.map((image) => ({ id: image.id, tags: imageTags(image, settings), push: image.push }));

const statusText = {
  pushed: 'pushed',
  failed: 'FAILED',
  'not-built': 'not built (skipped)',
  'never-pushed': 'push: false (skipped)',
} as const;

export function formatPushReport(report: PushReport): string {
  const rows = report.images.flatMap((img) =>
    img.tags.length === 0
      ? [[img.id, statusText[img.status], '-', '-']]
      : img.tags.map((t) => [
          img.id,
          t.status === 'pushed' ? 'pushed' : t.status === 'failed' ? 'FAILED' : 'not tried',
          t.ref,
          t.status === 'pushed' ? (t.digest ?? '?') : t.reason,
        ]),
  );
  return formatTable(['IMAGE', 'STATUS', 'TAG', 'DIGEST / REASON'], rows);
}

/** Pushes, prints the report, and throws when a tag failed or nothing could be pushed. */
export async function pushAndReport(
  ctx: Streams,
  target: Engine,
  items: readonly PushItem[],
  o: { retries: number; parallel: number },
): Promise<PushReport> {
  const report = await pushImages(items, {
    ...target,
    attempts: o.retries + 1,
    parallel: o.parallel,
    log: (line) => ctx.stderr.write(`${line}\n`),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  ctx.stdout.write(formatPushReport(report));
  const notBuilt = report.images.filter((i) => i.status === 'not-built').map((i) => i.id);
  if (notBuilt.length > 0) ctx.stderr.write(`not built, not pushed: ${notBuilt.join(', ')} (build them with \`dockwright build\`)\n`);
  if (!report.ok) {
    const failed = report.images.filter((i) => i.status === 'failed').map((i) => i.id);
    throw new PushFailedError(`could not push ${failed.join(', ')}${report.advice.map((a) => `\n  ${a}`).join('')}`);
  }
  if (!report.images.some((i) => i.status === 'pushed') && report.images.some((i) => i.status === 'not-built')) {
    throw new PushFailedError('nothing was pushed: none of the selected images is built');
  }
  return report;
}

/** `dockwright build --push`: once every image built, push the built ones (those not marked `push: false`), `parallel` at once. */
export async function pushBuilt(
  ctx: Streams,
  target: Engine,
  images: readonly ImageModel[],
  results: readonly { readonly id: string; readonly status: string; readonly tags: readonly string[]; readonly reason?: string }[],
  parallel: number,
): Promise<void> {
  const byId = new Map(images.map((i) => [i.id, i]));
  const items = results
    // up to date *in the registry* (input digests): already pushed, and maybe not in the local store
    .filter((r) => r.status === 'built' || (r.status === 'up-to-date' && !isInRegistry(r.reason)))
    .map((r) => ({ id: r.id, tags: r.tags, push: byId.get(r.id)?.push ?? false }));
  await pushAndReport(ctx, target, items, { retries: 3, parallel });
}
