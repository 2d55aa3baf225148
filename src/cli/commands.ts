/** Every command of the CLI, in the order `--help` lists them: one line per command. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { buildCommand } from './build.js';
import { checkCommand } from './check.js';
import { genCommand } from './gen.js';
import { importCommand } from './import.js';
import { initCommand } from './init.js';
import { listCommand } from './list.js';
import { loadCommand } from './load.js';
import { promoteCommand } from './promote.js';
import { pushCommand } from './push.js';
import { releaseCommand } from './release.js';
import { saveCommand } from './save.js';
import { testCommand } from './test.js';
import { watchCommand } from './watch.js';

/**
 * Makes one command. Every command file imports only commander (and types), so that `--version`,
 * `--help` and each command load no more than they use: its action `await import()`s
 * `actions/<command>.js`, which parses the options with zod, reads the global options with
 * `projectRequest(ctx, command)`, writes through `ctx.stdout`/`ctx.stderr`, and reports failure
 * by throwing a DockwrightError (the exit code is the error's); returning normally means exit 0.
 */
export type CommandFactory = (ctx: CliContext) => Command;

export const COMMANDS: readonly CommandFactory[] = [
  initCommand,
  genCommand,
  buildCommand,
  watchCommand,
  pushCommand,
  releaseCommand,
  promoteCommand,
  saveCommand,
  loadCommand,
  testCommand,
  listCommand,
  importCommand,
  checkCommand,
];
