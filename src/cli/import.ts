/**
 * `dockwright import <Dockerfile…> | --dir <images/> [--name] [--out] [--arg K=V…] [--context] [--force]`:
 * writes one definition file per Dockerfile, then lists what it wrote and everything it could not
 * carry over (file:line), which is also marked in the definitions. The work (ts-morph, the
 * Dockerfile parser) is in actions/import.ts, loaded when the command runs.
 */
import { Command } from 'commander';
import type { CliContext } from './context.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export const importCommand = (ctx: CliContext): Command =>
  new Command('import')
    .description('turn existing Dockerfiles into definition files (review them, then run gen)')
    .argument('[dockerfiles...]', 'Dockerfiles to import')
    .option('--dir <dir>', 'folder-per-image layout: every subfolder with a Dockerfile (and optional image.yaml) is one image')
    .option('--name <name>', 'image name of the one Dockerfile given (default: its folder, or X for Dockerfile.X)')
    .option('--out <dir>', 'where to write the definitions (default: the definitions folder)')
    .option('--arg <KEY=VALUE>', 'a build arg your build script passes: becomes the ARG default (repeatable)', collect)
    .option(
      '--build-context <NAME=DIR>',
      'a named build context your build passes: --from / from= naming it becomes namedContext (repeatable)',
      collect,
    )
    .option('--context <dir>', "build context of the Dockerfiles given (default: each one's folder)")
    .option('--force', 'overwrite definition files that exist')
    .action(async (files: string[], rawOptions: unknown, command: Command) => {
      const { importAction } = await import('./actions/import.js');
      await importAction(ctx, files, rawOptions, command);
    });
