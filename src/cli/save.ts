/**
 * `dockwright save -o bundle.tar.gz [names...] [--include mysql:8.0.28 …]`: one gzip'd `docker
 * save` of every tag of the selected images (and of the parents they need, unless `--no-deps`)
 * plus the third-party images named with `--include`, for sites without a registry. The manifest
 * (what is inside, image ids, the bundle's sha256) is written beside the bundle as
 * `<bundle>.manifest.json` and printed. The work is in actions/save.ts.
 */
import { Command } from 'commander';
import type { DockerExec } from '../engine/docker-exec.js';
import type { CliContext } from './context.js';
import { addEngineOptions, addSelectionOptions } from './ship-options.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `docker` is the subprocess seam: tests pass a fake; by default the runner's, made when the action runs. */
export const saveCommand = (ctx: CliContext, docker?: DockerExec): Command =>
  addEngineOptions(
    addSelectionOptions(
      new Command('save')
        .description("write the images named (all by default) into one gzip'd docker-save bundle, with a manifest beside it")
        .argument('[names...]', 'image ids, names (all their variants) or globs')
        .requiredOption('-o, --out <file>', 'the bundle to write (e.g. bundle.tar.gz); <file>.manifest.json is written beside it')
        .option('--include <ref>', 'also bundle this image from the local store, e.g. mysql:8.0.28 (repeatable)', collect),
      'bundle only the images named, not the parents they are built on',
    ),
  ).action(async (names: string[], rawOptions: unknown, command: Command) => {
    const { saveAction } = await import('./actions/save.js');
    await saveAction(ctx, docker, names, rawOptions, command);
  });
