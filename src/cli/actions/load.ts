/** What `dockwright load` does (the command and its options: ../load.ts). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import * as z from 'zod';
import { loadBundle, manifestPath, type BundleManifest } from '../../runner/bundle.js';
import { type DockerExec } from '../../engine/docker-exec.js';
import type { CliContext } from '../context.js';
import { reachEngine } from '../ship-selection.js';

const LoadOptions = z.object({ context: z.string().min(1).optional(), cwd: z.string().optional() });

const readManifest = async (bundle: string): Promise<BundleManifest | undefined> =>
  readFile(manifestPath(bundle), 'utf8').then(
    (t) => JSON.parse(t) as BundleManifest,
    () => undefined,
  );

/** `docker`: the seam tests fill with a fake; the runner's own when undefined. */
export async function loadAction(ctx: CliContext, docker: DockerExec | undefined, bundle: string, command: Command): Promise<void> {
  // -C (a global option) moves the working directory the bundle path is relative to
  const o = LoadOptions.parse(command.optsWithGlobals());
  const file = path.resolve(ctx.cwd, o.cwd ?? '.', bundle);
  const engine = await reachEngine(ctx, docker, o);
  const result = await loadBundle(file, {
    ...engine,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  result.loaded.forEach((ref) => ctx.stdout.write(`loaded ${ref}\n`));
  const manifest = await readManifest(file);
  const missing = (manifest?.images ?? []).filter((i) => !result.loaded.includes(i.ref)).map((i) => i.ref);
  if (missing.length > 0) ctx.stderr.write(`warning: the manifest lists ${missing.join(', ')}, which docker did not report as loaded\n`);
}
