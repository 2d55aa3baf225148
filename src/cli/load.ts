/**
 * `dockwright load <bundle>`: streams a bundle from `dockwright save` (or any `docker save` tar,
 * gzip'd or not) into `docker load` and prints every reference it loaded. When the manifest sits
 * beside the bundle, references it lists that docker did not report are warned about.
 * The work is in actions/load.ts.
 */
import { Command } from 'commander';
import type { DockerExec } from '../engine/docker-exec.js';
import type { CliContext } from './context.js';
import { addEngineOptions } from './ship-options.js';

/** `docker` is the subprocess seam: tests pass a fake; by default the runner's, made when the action runs. */
export const loadCommand = (ctx: CliContext, docker?: DockerExec): Command =>
  addEngineOptions(
    new Command('load')
      .description('load a bundle written by `dockwright save` into the docker engine and list what it loaded')
      .argument('<bundle>', 'the bundle file (e.g. bundle.tar.gz)'),
  ).action(async (bundle: string, _options: unknown, command: Command) => {
    const { loadAction } = await import('./actions/load.js');
    await loadAction(ctx, docker, bundle, command);
  });
