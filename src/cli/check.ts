/**
 * `dockwright check [--strict]`: type-checks the definitions with the TypeScript compiler, then
 * validates, lints and renders them as `gen` does, writing nothing. One line per finding,
 * `file:line:col severity: message`; exit 2 when there is an error. For save hooks and CI.
 * The work (and the TypeScript compiler) is in actions/check.ts, loaded when the command runs.
 */
import { Command } from 'commander';
import type { CliContext } from './context.js';

export const checkCommand = (ctx: CliContext): Command =>
  new Command('check')
    .description('type-check, validate and lint the definitions without writing anything (exit 2 on errors)')
    .option('--strict', 'treat lint warnings as errors (DOCKWRIGHT_STRICT)')
    .action(async (rawOptions: unknown, command: Command) => {
      const { checkAction } = await import('./actions/check.js');
      await checkAction(ctx, rawOptions, command);
    });
