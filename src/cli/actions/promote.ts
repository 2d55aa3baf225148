/** What `dockwright promote` does (the command and its options: ../promote.ts). */
import type { Command } from 'commander';
import * as z from 'zod';
import { UsageError } from '../../errors/index.js';
import type { DockerExec } from '../../engine/docker-exec.js';
import { requireRegistry } from '../../plan/registry-check.js';
import { imageTags } from '../../plan/tags.js';
import { loadProject } from '../../project.js';
import { promoteImages } from '../../runner/release/promote.js';
import { formatMoves } from '../../runner/release/release-report.js';
import { ReleaseFailedError } from '../../runner/ship-error.js';
import type { CliContext } from '../context.js';
import { parallelOf } from '../parallel.js';
import { projectRequest } from '../project-request.js';
import { SelectionOptions, engineOf, selectedImages } from '../ship-selection.js';

const PromoteOptions = SelectionOptions.extend({
  fromRegistry: z.string().min(1).optional(),
  fromNamespace: z.string().min(1).optional(),
  fromTag: z.string().min(1).optional(),
  parallel: z.coerce.number().int().positive().optional(),
});

export async function promoteAction(
  ctx: CliContext,
  docker: DockerExec | undefined,
  names: string[],
  rawOptions: unknown,
  command: Command,
): Promise<void> {
  const o = PromoteOptions.parse(rawOptions);
  const { settings, images } = await loadProject(projectRequest(ctx, command));
  const from = {
    ...settings,
    ...(o.fromRegistry ? { registry: o.fromRegistry } : {}),
    ...(o.fromNamespace ? { namespace: o.fromNamespace } : {}),
    ...(o.fromTag ? { tag: o.fromTag } : {}),
  };
  const pushable = selectedImages(images, names, o).filter((i) => i.push);
  const items = pushable.map((image) => ({
    id: image.id,
    source: imageTags(image, from)[0] as string,
    tags: imageTags(image, settings),
  }));
  requireRegistry(
    items.map((i) => ({ tags: i.tags, push: true })),
    settings,
  );
  const same = items.filter((i) => i.tags.includes(i.source));
  if (same.length > 0)
    throw new UsageError(
      `promote: ${same.map((i) => i.source).join(', ')} would be promoted onto itself: name where the images are now with --from-registry, --from-namespace or --from-tag`,
    );
  const report = await promoteImages(items, engineOf(ctx, docker, o), { parallel: parallelOf(o.parallel, settings) });
  if ('missing' in report) {
    ctx.stdout.write(report.missing.map((m) => `${m.id}: ${m.source}: ${m.reason}\n`).join(''));
    throw new ReleaseFailedError(`promote stopped: ${report.missing.map((m) => m.id).join(', ')} not found where named; no tag moved`);
  }
  ctx.stdout.write(formatMoves(report.moves));
  if (!report.ok) throw new ReleaseFailedError('promote failed in the final step: see where each tag points above');
}
