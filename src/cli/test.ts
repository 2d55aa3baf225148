/**
 * `dockwright test [names...] [--registry-roundtrip [registry]]`: runs each selected image as its
 * definition's `test` spec says (starts, turns healthy, smoke commands, HTTP probe) and reports
 * per image; exit 1 when any failed. Every container it starts (`dw-test-…`) is removed.
 * With `--registry-roundtrip`, each image is first pushed to the registry (the one given, else
 * the `registry` setting), removed locally and pulled back; the checks run on the pulled image.
 * The work is in actions/test.ts.
 */
import { Command } from 'commander';
import type { DockerExec } from '../engine/docker-exec.js';
import type { CliContext } from './context.js';
import { addEngineOptions, addFilterOptions } from './ship-options.js';

/** `docker` is the subprocess seam: tests pass a fake; by default the runner's, made when the action runs. */
export const testCommand = (ctx: CliContext, docker?: DockerExec): Command =>
  addEngineOptions(
    addFilterOptions(
      new Command('test')
        .description("run the images named (all by default) and check them as their definitions' `test` says")
        .argument('[names...]', 'image ids, names (all their variants) or globs'),
    )
      .option(
        '--registry-roundtrip [registry]',
        'push each image to the registry (default: the registry setting), remove it locally, pull it back, then test it',
      )
      .option('--parallel <n>', 'most images tested at once (default: the "parallel" setting, else min(4, CPUs))'),
  ).action(async (names: string[], rawOptions: unknown, command: Command) => {
    const { testAction } = await import('./actions/test.js');
    await testAction(ctx, docker, names, rawOptions, command);
  });
