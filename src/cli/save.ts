/**
 * `dockwright save -o bundle.tar.gz [names...] [--include mysql:8.0.28 …]`: one gzip'd `docker
 * save` of every tag of the selected images (and of the parents they need, unless `--no-deps`)
 * plus the third-party images named with `--include`, for sites without a registry. The manifest
 * (what is inside, image ids, the bundle's sha256) is written beside the bundle as
 * `<bundle>.manifest.json` and printed.
 */
import path from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { imageTags } from '../plan/tags.js';
import { loadProject } from '../project.js';
import { saveBundle, manifestPath, type BundleEntry } from '../runner/bundle.js';
import { createDockerExec, type DockerExec } from '../runner/docker-exec.js';
import type { CliContext } from './context.js';
import { projectRequest } from './global-options.js';
import { SelectionOptions, addEngineOptions, addSelectionOptions, dockerTarget, selectedImages } from './ship-options.js';

const SaveOptions = SelectionOptions.extend({
  out: z.string().min(1),
  include: z.array(z.string().min(1)).default([]),
});

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export const saveCommand = (ctx: CliContext, docker: DockerExec = createDockerExec()): Command =>
  addEngineOptions(
    addSelectionOptions(
      new Command('save')
        .description('write the images named (all by default) into one gzip\'d docker-save bundle, with a manifest beside it')
        .argument('[names...]', 'image ids, names (all their variants) or globs')
        .requiredOption('-o, --out <file>', 'the bundle to write (e.g. bundle.tar.gz); <file>.manifest.json is written beside it')
        .option('--include <ref>', 'also bundle this image from the local store, e.g. mysql:8.0.28 (repeatable)', collect),
      'bundle only the images named, not the parents they are built on',
    ),
  ).action(async (names: string[], rawOptions: unknown, command: Command) => {
    const o = SaveOptions.parse(rawOptions);
    const request = projectRequest(ctx, command);
    const { settings, images } = await loadProject(request);
    const output = path.resolve(request.cwd, o.out);
    const entries: BundleEntry[] = [
      ...selectedImages(images, names, o).flatMap((image) => imageTags(image, settings).map((ref) => ({ ref, image: image.id }))),
      ...o.include.map((ref) => ({ ref })),
    ];
    const unique = entries.filter((e, i) => entries.findIndex((x) => x.ref === e.ref) === i);
    const manifest = await saveBundle(unique, output, { ...dockerTarget(ctx, docker, o), ...(ctx.signal ? { signal: ctx.signal } : {}) });
    ctx.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
    ctx.stderr.write(`wrote ${o.out} (${manifest.images.length} references, ${manifest.bytes} bytes) and ${path.basename(manifestPath(output))}\n`);
  });
