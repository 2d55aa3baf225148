/** What `dockwright push` does (the command and its options: ../push.ts), and the push of `build --push`. */
import type { Command } from 'commander';
import * as z from 'zod';
import { isInRegistry } from '../../incremental/skipper.js';
import type { Settings } from '../../model/settings.js';
import type { ImageModel } from '../../model/resolved.js';
import { imageTags } from '../../plan/tags.js';
import { loadProject } from '../../project.js';
import { type DockerExec } from '../../engine/docker-exec.js';
import type { Engine } from '../../engine/engine.js';
import { pushImages, type PushItem, type PushReport } from '../../runner/push.js';
import { PushFailedError } from '../../runner/ship-error.js';
import type { CliContext } from '../context.js';
import { formatTable } from '../../runner/progress/format-table.js';
import { parallelOf } from '../parallel.js';
import { pushAndReport, pushItems } from '../../runner/push-report.js';
import { projectRequest } from '../project-request.js';
import { SelectionOptions, reachEngine, selectedImages } from '../ship-selection.js';
import { requireRegistry } from '../../plan/registry-check.js';

const PushOptions = SelectionOptions.extend({
  retries: z.coerce.number().int().min(0).max(10).default(3),
  parallel: z.coerce.number().int().positive().optional(),
});

/** `docker`: the seam tests fill with a fake; the runner's own when undefined. */
export async function pushAction(
  ctx: CliContext,
  docker: DockerExec | undefined,
  names: string[],
  rawOptions: unknown,
  command: Command,
): Promise<void> {
  const o = PushOptions.parse(rawOptions);
  const { settings, images } = await loadProject(projectRequest(ctx, command));
  const items = pushItems(selectedImages(images, names, o), settings);
  requireRegistry(items, settings);
  await pushAndReport(ctx, await reachEngine(ctx, docker, o), items, {
    retries: o.retries,
    parallel: parallelOf(o.parallel, settings),
  });
}
