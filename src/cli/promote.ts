/**
 * `dockwright promote [names...] --from-registry R [--from-namespace N] [--from-tag T]`: gives the
 * images already in one registry or namespace (what CI built and tested) the tags the settings
 * name now (`--registry`, `--namespace`, `--tag`), registry-side, by digest: nothing is pulled or
 * rebuilt. Every source is read first; then every tag moves in one final step, or none does.
 * The work is in actions/promote.ts.
 */
import { Command } from 'commander';
import type { DockerExec } from '../engine/docker-exec.js';
import type { CliContext } from './context.js';
import { addEngineOptions, addSelectionOptions } from './ship-options.js';

/** `docker` is the subprocess seam: tests pass a fake; by default the runner's, made when the action runs. */
export const promoteCommand = (ctx: CliContext, docker?: DockerExec): Command =>
  addEngineOptions(
    addSelectionOptions(
      new Command('promote')
        .description('tag the images of another registry or namespace with the tags of this one, by digest, without pulling')
        .argument('[names...]', 'image ids, names (all their variants) or globs'),
      'promote only the images named, not the parents they are built on',
    ),
  )
    .option('--from-registry <host>', 'the registry the images are in now (default: the registry setting)')
    .option('--from-namespace <ns>', 'their namespace there (default: the namespace setting)')
    .option('--from-tag <tag>', 'their tag there (default: the tag setting)')
    .option('--parallel <n>', 'most images moved at once (default: the "parallel" setting, else min(4, CPUs))')
    .action(async (names: string[], rawOptions: unknown, command: Command) => {
      const { promoteAction } = await import('./actions/promote.js');
      await promoteAction(ctx, docker, names, rawOptions, command);
    });
