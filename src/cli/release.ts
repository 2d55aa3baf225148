/**
 * `dockwright release [names...]`: build the selection, push every image by digest only (under a
 * staging tag no user pulls), test each image as pulled back by that digest, and only when every
 * image built and passed, move all user tags in one final step. Anything less moves no tag and
 * exits 1 (130 when interrupted). The work is in actions/release.ts.
 */
import { Command, Option } from 'commander';
import type { DockerExec } from '../engine/docker-exec.js';
import type { CliContext } from './context.js';
import { addBuilderOption, addEngineOptions, addSelectionOptions } from './ship-options.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `docker` is the subprocess seam: tests pass a fake; by default the runner's, made when the action runs. */
export const releaseCommand = (ctx: CliContext, docker?: DockerExec): Command =>
  addBuilderOption(
    addEngineOptions(
      addSelectionOptions(
        new Command('release')
          .description('build, push by digest, test what was pushed, then move every tag at once — or move none')
          .argument('[names...]', 'image ids, names (all their variants) or globs'),
        'release only the images named; the parents they are built on must exist',
      ),
    ),
  )
    .option('--parallel <n>', 'most images built, pushed or tested at once (default: the "parallel" setting, else min(4, CPUs))')
    .option('--retries <n>', 'retries of a push that failed for a transient reason, with exponential backoff', '3')
    .option('--build-arg <K=V>', 'a build arg for the images that declare it (repeatable)', collect)
    .option('--no-bake', 'build each out-of-date image with its own `docker buildx build`')
    .option('--force', 'build even the images whose inputs did not change')
    .addOption(new Option('--progress <mode>', 'how the build shows progress').choices(['auto', 'plain', 'tty', 'json']).default('auto'))
    .action(async (names: string[], rawOptions: unknown, command: Command) => {
      const { releaseAction } = await import('./actions/release.js');
      await releaseAction(ctx, docker, names, rawOptions, command);
    });
