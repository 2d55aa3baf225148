/** What `dockwright build` does (the command and its options: ../build.ts): parse, load, plan, then run the build. */
import type { Command } from 'commander';
import * as z from 'zod';
import type { DockerExec } from '../../engine/docker-exec.js';
import { createSkipper, formatVerdicts } from '../../incremental/skipper.js';
import { saveBuildSnapshot, takeBuildSnapshot, type TakenSnapshot } from '../../io/build-snapshot.js';
import type { BuildFlags } from '../../plan/build-plan.js';
import { formatPlan, planJson } from '../../plan/format-plan.js';
import { throwIfFailed } from '../../runner/build-error.js';
import { executeBuild } from '../../runner/execute-build.js';
import { pushBuilt } from '../../runner/push-report.js';
import { assertEngineFits } from '../../plan/engine-fit.js';
import { requireRegistry } from '../../plan/registry-check.js';
import { requireSpreadPush, spansEngines } from '../../plan/build-engine.js';
import { phaseDone } from '../../timing.js';
import { planProjectBuild, readyJob, renderSelected } from '../build-job.js';
import type { CliContext } from '../context.js';

const BuildOptions = z.object({
  only: z.array(z.string()).default([]),
  skip: z.array(z.string()).default([]),
  group: z.array(z.string()).default([]),
  deps: z.boolean().default(true),
  target: z.string().min(1).optional(),
  parallel: z.coerce.number().int().positive().optional(),
  failFast: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  json: z.boolean().default(false),
  progress: z.enum(['auto', 'plain', 'tty', 'json']).default('auto'),
  buildArg: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(?:=.*)?$/s, 'K=V or K')).default([]),
  platform: z.array(z.string()).default([]),
  cacheFrom: z.array(z.string()).default([]),
  cacheTo: z.array(z.string()).default([]),
  builder: z.string().min(1).optional(),
  context: z.string().min(1).optional(),
  pull: z.boolean().default(false),
  cache: z.boolean().default(true),
  push: z.boolean().default(false),
  force: z.boolean().default(false),
  bake: z.boolean().default(true),
  registryCache: z.string().min(1).optional(),
});
type BuildOptions = z.infer<typeof BuildOptions>;

/** Operands after `--` are docker's; commander hands them over mixed with the names. */
function splitOperands(operands: readonly string[], command: Command): { names: string[]; extra: string[] } {
  let root = command;
  while (root.parent) root = root.parent;
  // commander keeps the argv it parsed in `rawArgs` (not in its typings)
  const raw = (root as unknown as { rawArgs?: readonly string[] }).rawArgs ?? [];
  const dashes = raw.indexOf('--');
  const extra = dashes < 0 ? [] : raw.slice(dashes + 1);
  return { names: operands.slice(0, operands.length - extra.length), extra };
}

async function build(
  ctx: CliContext,
  docker: DockerExec | undefined,
  operands: string[],
  o: BuildOptions,
  command: Command,
): Promise<void> {
  // the snapshot of this build is kept only when no source file changed after this moment (build-snapshot.ts)
  const since = Date.now();
  const { names, extra } = splitOperands(operands, command);
  const flags: BuildFlags = {
    buildArgs: o.buildArg,
    platforms: o.platform,
    cacheFrom: o.cacheFrom,
    cacheTo: o.cacheTo,
    ...(o.builder ? { builder: o.builder } : {}),
    ...(o.context ? { context: o.context } : {}),
    pull: o.pull,
    noCache: !o.cache,
    extra,
  };
  // input digests (src/incremental): what is up to date is not built; --no-cache and --pull ask for a fresh build
  const force = o.force || !o.cache || o.pull;
  const planned = await planProjectBuild(ctx, docker, command, { ...o, names, flags, force });
  const { plan, engine, project } = planned;
  if (o.json) return void ctx.stdout.write(planJson(plan));
  if (o.push) requireRegistry(plan.builds, project.settings);
  requireSpreadPush(plan, o.push);
  assertEngineFits(plan);
  if (o.dryRun) {
    const rendered = await renderSelected(planned);
    const skipper = await createSkipper({ ...planned.skipOptions, dockerfiles: rendered.dockerfiles });
    return void ctx.stdout.write(`${formatPlan(plan)}Up to date?\n${formatVerdicts(await skipper.explain())}`);
  }
  const job = await readyJob(ctx, planned, o);
  // nothing to redo next time unless something changes: the no-op fast path (src/runner/fast-build.ts);
  // `--force` always decides again from the definitions (--no-cache and --pull replay as forced builds).
  // The files are fingerprinted as they are now, once the build has started (not on its critical path).
  const argv = (command.parent as unknown as { rawArgs?: readonly string[] } | null)?.rawArgs ?? [];
  const take = (): TakenSnapshot | undefined =>
    takeBuildSnapshot({ argv, cwd: ctx.cwd, env: ctx.env, root: project.root, job: { ...job, force }, since });
  const snapshotting = new Promise<TakenSnapshot | undefined>((done, fail) =>
    setImmediate(() => {
      try {
        done(o.force ? undefined : take());
      } catch (err) {
        fail(err);
      }
    }),
  );
  snapshotting.catch(() => undefined);
  const report = await executeBuild(job, ctx);
  phaseDone('build');
  const snapshot = await snapshotting;
  if (report.ok && snapshot) {
    await saveBuildSnapshot(snapshot);
    phaseDone('build snapshot written');
  }
  // what a build pushed itself (several platforms: buildx pushed the image index) is not pushed again
  const pushedByBuild = new Set(plan.builds.filter((b) => b.output !== 'load').map((b) => b.id));
  const rest = report.results.filter((r) => !pushedByBuild.has(r.id));
  const indexes = report.results.filter((r) => pushedByBuild.has(r.id) && r.status === 'built').map((r) => r.id);
  if (spansEngines(plan))
    report.results.forEach(
      (r) =>
        r.pushed &&
        ctx.stderr.write(
          `pushed ${r.pushed} (${r.status === 'built' ? 'built' : 'up to date'} on ${plan.builds.find((b) => b.id === r.id)?.engine ?? '?'})\n`,
        ),
    );
  else if (report.ok && indexes.length > 0) ctx.stderr.write(`pushed by their build (one image index each): ${indexes.join(', ')}\n`);
  if (report.ok && o.push && rest.length > 0) await pushBuilt(ctx, engine, project.images, rest, job.parallel);
  throwIfFailed(report);
}

/** `docker`: the seam tests fill with a fake; the real docker CLI (and the engine's API) when undefined. */
export async function buildAction(
  ctx: CliContext,
  docker: DockerExec | undefined,
  operands: string[],
  rawOptions: unknown,
  command: Command,
): Promise<void> {
  phaseDone('command line parsed, build command loaded');
  await build(ctx, docker, operands, BuildOptions.parse(rawOptions), command);
}
