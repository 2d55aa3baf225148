/**
 * `dockwright gen [names...] [--check] [--stdout <name>] [--strict]`: renders the Dockerfiles of
 * the project (or of the images named) into the output folder. Every problem of every image is
 * reported at once and then nothing is written; `--check` writes nothing and fails on drift.
 * The work is in actions/gen.ts, loaded when the command runs.
 */
import { Command } from 'commander';
import type { CliContext } from './context.js';

export const genCommand = (ctx: CliContext): Command =>
  new Command('gen')
    .description('render the Dockerfiles of all images (or of the images named) into the output folder')
    .argument('[names...]', 'image ids, names (all their variants) or globs')
    .option('--check', 'write nothing; exit 1 when a generated file is missing, differs or is stale')
    .option('--stdout <name>', 'print the Dockerfile of one image instead of writing files')
    .option('--strict', 'treat lint warnings as errors (DOCKWRIGHT_STRICT)')
    .option('--bake', 'also write docker-bake.json (every image) for `docker buildx bake -f <output>/docker-bake.json` (DOCKWRIGHT_BAKE)')
    .action(async (names: string[], rawOptions: unknown, command: Command) => {
      const { genAction } = await import('./actions/gen.js');
      await genAction(ctx, names, rawOptions, command);
    });
