/** Every command of the CLI, in the order `--help` lists them: one line per command. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { buildCommand } from './build.js';
import { checkCommand } from './check.js';
import { genCommand } from './gen.js';
import { importCommand } from './import.js';
import { listCommand } from './list.js';
import { loadCommand } from './load.js';
import { pushCommand } from './push.js';
import { saveCommand } from './save.js';
import { testCommand } from './test.js';

/**
 * Makes one command. Its action reads the global options with `projectRequest(ctx, command)`,
 * writes through `ctx.stdout`/`ctx.stderr`, and reports failure by throwing a DockwrightError
 * (the exit code is the error's); returning normally means exit code 0.
 */
export type CommandFactory = (ctx: CliContext) => Command;

export const COMMANDS: readonly CommandFactory[] = [
  genCommand,
  buildCommand,
  pushCommand,
  saveCommand,
  loadCommand,
  testCommand,
  listCommand,
  importCommand,
  checkCommand,
];
