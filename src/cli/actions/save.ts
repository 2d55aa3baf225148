/** What `dockwright save` does (the command and its options: ../save.ts). */
import path from 'node:path';
import type { Command } from 'commander';
import * as z from 'zod';
import { imageTags } from '../../plan/tags.js';
import { loadProject } from '../../project.js';
import { saveBundle, manifestPath, type BundleEntry } from '../../runner/bundle.js';
import { type DockerExec } from '../../engine/docker-exec.js';
import type { CliContext } from '../context.js';
import { projectRequest } from '../project-request.js';
import { SelectionOptions, reachEngine, selectedImages } from '../ship-selection.js';

const SaveOptions = SelectionOptions.extend({
  out: z.string().min(1),
  include: z.array(z.string().min(1)).default([]),
});

/** `docker`: the seam tests fill with a fake; the runner's own when undefined. */
export async function saveAction(
  ctx: CliContext,
  docker: DockerExec | undefined,
  names: string[],
  rawOptions: unknown,
  command: Command,
): Promise<void> {
  const o = SaveOptions.parse(rawOptions);
  const request = projectRequest(ctx, command);
  const { settings, images } = await loadProject(request);
  const output = path.resolve(request.cwd, o.out);
  const entries: BundleEntry[] = [
    ...selectedImages(images, names, o).flatMap((image) => imageTags(image, settings).map((ref) => ({ ref, image: image.id }))),
    ...o.include.map((ref) => ({ ref })),
  ];
  const unique = entries.filter((e, i) => entries.findIndex((x) => x.ref === e.ref) === i);
  const manifest = await saveBundle(unique, output, {
    ...(await reachEngine(ctx, docker, o)),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  ctx.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
  ctx.stderr.write(
    `wrote ${o.out} (${manifest.images.length} references, ${manifest.bytes} bytes) and ${path.basename(manifestPath(output))}\n`,
  );
}
