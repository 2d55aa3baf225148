/** `dockwright list [--json]`: every image with its variant, groups, tags, parents and file (actions/list.ts). */
import { Command } from 'commander';
import type { CliContext } from './context.js';

export const listCommand = (ctx: CliContext): Command =>
  new Command('list')
    .description('list the images of the project with their tags and parents')
    .option('--json', 'print JSON instead of a table')
    .action(async (rawOptions: unknown, command: Command) => {
      const { listAction } = await import('./actions/list.js');
      await listAction(ctx, rawOptions, command);
    });
