/**
 * `dockwright push [names...]`: pushes every tag of the selected images (and of the parents they
 * need, unless `--no-deps`), except images marked `push: false`; images not in the local store
 * are reported and left out. Prints each pushed digest. A registry that is down or refuses the
 * credentials ends the run with exit 1 and says what to do. The work is in actions/push.ts.
 */
import { Command } from 'commander';
import type { DockerExec } from '../engine/docker-exec.js';
import type { CliContext } from './context.js';
import { addEngineOptions, addSelectionOptions } from './ship-options.js';

/** `docker` is the subprocess seam: tests pass a fake; by default the runner's, made when the action runs. */
export const pushCommand = (ctx: CliContext, docker?: DockerExec): Command =>
  addEngineOptions(
    addSelectionOptions(
      new Command('push')
        .description("push every tag of the images named (all by default) with docker's own credentials")
        .argument('[names...]', 'image ids, names (all their variants) or globs'),
      'push only the images named, not the parents they are built on',
    ),
  )
    .option('--retries <n>', 'retries of a push that failed for a transient reason, with exponential backoff', '3')
    .option('--parallel <n>', 'most images pushed at once (default: the "parallel" setting, else min(4, CPUs))')
    .action(async (names: string[], rawOptions: unknown, command: Command) => {
      const { pushAction } = await import('./actions/push.js');
      await pushAction(ctx, docker, names, rawOptions, command);
    });
