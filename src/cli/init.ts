/**
 * `dockwright init [--force]`: starts a project in the working directory (empty or an existing
 * npm, pnpm or yarn package). The work is in actions/init.ts, loaded when the command runs.
 */
import { Command } from 'commander';
import type { CliContext } from './context.js';

export const initCommand = (ctx: CliContext): Command =>
  new Command('init')
    .description('start a project here: config, an example definition, package.json fields, tsconfig, ignore files')
    .option('--force', 'replace files that exist and set package.json "type" to "module"')
    .action(async (rawOptions: unknown, command: Command) => {
      const { initAction } = await import('./actions/init.js');
      await initAction(ctx, rawOptions, command);
    });
