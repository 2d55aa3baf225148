/**
 * `dockwright watch [names...]`: builds the images named (all by default) and the images they need,
 * runs their image tests, then watches what they are made from — definitions, templates, config,
 * every build context, copy-list source, named context and prerequisite input, after the ignore
 * rules — and on each change rebuilds and tests again what it affects. Ctrl-C stops it (exit 130).
 * The work is in actions/watch.ts.
 */
import { Command } from 'commander';
import type { DockerExec } from '../engine/docker-exec.js';
import type { CliContext } from './context.js';
import { addBuilderOption, addEngineOptions, addFilterOptions } from './ship-options.js';

/** `docker` is the subprocess seam: tests pass a fake; by default the runner's, made when the action runs. */
export const watchCommand = (ctx: CliContext, docker?: DockerExec): Command =>
  addBuilderOption(
    addEngineOptions(
      addFilterOptions(
        new Command('watch')
          .description('build and test the images named (all by default), then again on every change to what they are made from')
          .argument('[names...]', 'image ids, names (all their variants) or globs'),
      ),
    ),
  )
    .option(
      '--debounce <ms>',
      'a burst of changes is over when no file changed for this long (its first run does not wait for that)',
      '100',
    )
    .option('--parallel <n>', 'most builds and image tests at once (default: the "parallel" setting, else min(4, CPUs))')
    .option('--no-bake', 'build each out-of-date image with its own `docker buildx build`')
    .option('--no-test', "build only: do not run the images' `test:` checks")
    .action(async (names: string[], rawOptions: unknown, command: Command) => {
      const { watchAction } = await import('./actions/watch.js');
      await watchAction(ctx, docker, names, rawOptions, command);
    });
