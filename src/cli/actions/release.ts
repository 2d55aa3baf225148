/** What `dockwright release` does (the command and its options: ../release.ts). */
import type { Command } from 'commander';
import * as z from 'zod';
import type { DockerExec } from '../../engine/docker-exec.js';
import { requireRegistry } from '../../plan/registry-check.js';
import { throwIfFailed } from '../../runner/build-error.js';
import { executeBuild } from '../../runner/execute-build.js';
import { releaseImages, type ReleaseImage } from '../../runner/release/release.js';
import { formatRelease } from '../../runner/release/release-report.js';
import { ReleaseFailedError, ReleaseInterruptedError } from '../../runner/ship-error.js';
import { requireSpreadPush } from '../../plan/build-engine.js';
import { planProjectBuild, readyJob } from '../build-job.js';
import type { CliContext } from '../context.js';
import { SelectionOptions } from '../ship-selection.js';

const ReleaseOptions = SelectionOptions.extend({
  parallel: z.coerce.number().int().positive().optional(),
  retries: z.coerce.number().int().min(0).max(10).default(3),
  buildArg: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*=.*$/s, 'K=V')).default([]),
  bake: z.boolean().default(true),
  force: z.boolean().default(false),
  progress: z.enum(['auto', 'plain', 'tty', 'json']).default('auto'),
  builder: z.string().min(1).optional(),
});

export async function releaseAction(
  ctx: CliContext,
  docker: DockerExec | undefined,
  names: string[],
  rawOptions: unknown,
  command: Command,
): Promise<void> {
  const o = ReleaseOptions.parse(rawOptions);
  const flags = { buildArgs: o.buildArg, ...(o.context ? { context: o.context } : {}), ...(o.builder ? { builder: o.builder } : {}) };
  // built into the local store as `build` does; the release pushes by digest itself
  const planned = await planProjectBuild(ctx, docker, command, { ...o, names, flags, push: false, force: o.force });
  const byId = new Map(planned.project.images.map((i) => [i.id, i]));
  const pushable = (id: string): boolean => byId.get(id)?.push ?? true;
  // a release pushes: without a registry nothing is built
  requireRegistry(
    planned.plan.builds.map((b) => ({ tags: b.tags, push: pushable(b.id) })),
    planned.project.settings,
  );
  // the release pushes after every image is built: one engine (a spread build hands parents over while it builds)
  requireSpreadPush(planned.plan, false);
  const job = await readyJob(ctx, planned, { ...o, failFast: true });
  const built = await executeBuild(job, ctx);
  if (!built.ok) {
    ctx.stderr.write('release stopped: not every image built; nothing was pushed, no tag moved\n');
    throwIfFailed(built);
  }
  const images: ReleaseImage[] = planned.plan.builds.map((b) => ({
    id: b.id,
    dir: b.dir,
    tags: b.tags,
    push: pushable(b.id),
    test: byId.get(b.id)?.test,
  }));
  const report = await releaseImages(images, {
    ...planned.engine,
    parallel: job.parallel,
    attempts: o.retries + 1,
    log: (line) => ctx.stderr.write(`${line}\n`),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  ctx.stdout.write(formatRelease(report));
  if (report.ok) return;
  if (report.interrupted && report.phase !== 'final')
    throw new ReleaseInterruptedError(`release interrupted (${report.stopped}): no tag moved`);
  throw new ReleaseFailedError(
    report.phase === 'final' ? `release failed in the final step: ${report.stopped}` : `release stopped: ${report.stopped}; no tag moved`,
  );
}
