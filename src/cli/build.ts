/**
 * `dockwright build [names...] [options] [-- extra docker args]`: plans the build of the images
 * named (and the ancestors they need), regenerates their Dockerfiles (build implies gen for the
 * selected images), checks that parents it does not build exist, then builds along the graph.
 * `--dry-run` / `--json` print the plan and stop before anything is written or run.
 * The work (the runner, input digests, execa) is in actions/build.ts, loaded when the command runs.
 */
import path from 'node:path';
import { Command, Option } from 'commander';
import type { DockerExec } from '../engine/docker-exec.js';
import { defaultParallel } from './parallel.js';
import type { CliContext } from './context.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
const collectList = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').filter(Boolean)];

/** `docker` is the subprocess seam: tests pass a fake; by default the runner's (execa), made when the action runs. */
export const buildCommand = (ctx: CliContext, docker?: DockerExec): Command =>
  new Command('build')
    .description('build the images named (all by default) and the images they need, along the build graph')
    .argument('[names...]', 'image ids, names (all their variants) or globs; docker options may follow `--`')
    .option('--only <names>', 'keep only the named images of the selection (repeatable, comma-separated)', collectList)
    .option('--skip <names>', 'leave these images out; they must exist if others need them (repeatable)', collectList)
    .option('--group <group>', 'select the images of a group (repeatable, comma-separated)', collectList)
    .option('--no-deps', 'build only what is selected; the parents it needs must exist locally or in their registry')
    .option('--target <stage>', 'build the selected images (not the parents added for them) to this stage of their Dockerfile')
    .option('--parallel <n>', `most builds at once (default: the "parallel" setting, else min(4, CPUs) = ${defaultParallel()} here)`)
    .option(
      '--no-bake',
      'build each out-of-date image with its own `docker buildx build` instead of one `docker buildx bake` for all of them',
    )
    .option('--fail-fast', 'at the first failure, stop the running builds and start no more')
    .option('--dry-run', 'print the build order and the exact docker command of every image, then stop')
    .option('--json', 'print the plan as JSON, then stop (a dry run)')
    .addOption(
      new Option('--progress <mode>', 'auto: live view in a terminal, else plain lines; json: NDJSON events on stdout')
        .choices(['auto', 'plain', 'tty', 'json'])
        .default('auto'),
    )
    .option(
      '--build-arg <K=V>',
      'a build arg for the images that declare it; `K` alone takes the value from the environment (repeatable)',
      collect,
    )
    .option('--platform <platforms>', "target platforms, replacing the images' own (repeatable, comma-separated)", collectList)
    .option('--cache-from <spec>', 'docker --cache-from; `{dir}` becomes the image folder name (repeatable)', collect)
    .option('--cache-to <spec>', 'docker --cache-to; `{dir}` becomes the image folder name (repeatable)', collect)
    .option(
      '--registry-cache <tag>',
      "import and export every image's build cache at <registry>/<namespace>/<name>:<tag> (the registryCache setting; DOCKWRIGHT_REGISTRY_CACHE)",
    )
    .option('--builder <name>', 'the buildx builder to build with (e.g. a remote BuildKit)')
    .option('--context <name>', 'the docker context to use (docker --context); DOCKER_HOST is honoured too')
    .option('--pull', 'always pull newer versions of external base images')
    .option('--no-cache', 'do not use the build cache')
    .option(
      '--push',
      'push the built images (not those marked push: false): one platform with docker push once every image built, several platforms by the build itself (one image index)',
    )
    .option('--force', 'build even the images whose inputs did not change (docs/incremental.md)')
    .action(async (operands: string[], rawOptions: unknown, command: Command) => {
      const { cwd } = command.optsWithGlobals<{ cwd?: string }>();
      void import('../io/import-module.js').then(({ prepareImports }) => prepareImports(path.resolve(ctx.cwd, cwd ?? '.')));
      const { buildAction } = await import('./actions/build.js');
      await buildAction(ctx, docker, operands, rawOptions, command);
    });
