/**
 * `dockwright load <bundle>`: streams a bundle from `dockwright save` (or any `docker save` tar,
 * gzip'd or not) into `docker load` and prints every reference it loaded. When the manifest sits
 * beside the bundle, references it lists that docker did not report are warned about.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { loadBundle, manifestPath, type BundleManifest } from '../runner/bundle.js';
import { createDockerExec, type DockerExec } from '../runner/docker-exec.js';
import type { CliContext } from './context.js';
import { addEngineOptions, dockerTarget } from './ship-options.js';

const LoadOptions = z.object({ context: z.string().min(1).optional(), cwd: z.string().optional() });

const readManifest = async (bundle: string): Promise<BundleManifest | undefined> =>
  readFile(manifestPath(bundle), 'utf8').then((t) => JSON.parse(t) as BundleManifest, () => undefined);

export const loadCommand = (ctx: CliContext, docker: DockerExec = createDockerExec()): Command =>
  addEngineOptions(
    new Command('load')
      .description('load a bundle written by `dockwright save` into the docker engine and list what it loaded')
      .argument('<bundle>', 'the bundle file (e.g. bundle.tar.gz)'),
  ).action(async (bundle: string, _options: unknown, command: Command) => {
    // -C (a global option) moves the working directory the bundle path is relative to
    const o = LoadOptions.parse(command.optsWithGlobals());
    const file = path.resolve(ctx.cwd, o.cwd ?? '.', bundle);
    const result = await loadBundle(file, { ...dockerTarget(ctx, docker, o), ...(ctx.signal ? { signal: ctx.signal } : {}) });
    result.loaded.forEach((ref) => ctx.stdout.write(`loaded ${ref}\n`));
    const manifest = await readManifest(file);
    const missing = (manifest?.images ?? []).filter((i) => !result.loaded.includes(i.ref)).map((i) => i.ref);
    if (missing.length > 0) ctx.stderr.write(`warning: the manifest lists ${missing.join(', ')}, which docker did not report as loaded\n`);
  });
