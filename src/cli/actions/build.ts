/** What `dockwright build` does (the command and its options: ../build.ts): parse, load, plan, then run the build. */
import type { Command } from 'commander';
import * as z from 'zod';
import { connectEngine, probeEngine, type Engine } from '../../engine/engine.js';
import { findImage } from '../../engine/images.js';
import { requireEngine } from '../../engine/engine-check.js';
import { requireRegistry } from '../../plan/registry-check.js';
import { createSkipper, formatVerdicts, type SkipperOptions } from '../../incremental/skipper.js';
import { writeBuildSnapshot } from '../../io/build-snapshot.js';
import { readGitInfo } from '../../io/git-info.js';
import { writeWarnings } from '../format-warnings.js';
import type { ImageModel } from '../../model/resolved.js';
import { planBuild, type BuildFlags } from '../../plan/build-plan.js';
import type { BuildPlan } from '../../plan/image-build.js';
import { formatPlan, planJson } from '../../plan/format-plan.js';
import { retargetImages } from '../../plan/retarget.js';
import { loadProject, type Project } from '../../project.js';
import { MissingImagesError, throwIfFailed } from '../../runner/build-error.js';
import type { DockerExec } from '../../engine/docker-exec.js';
import { executeBuild, type BuildJob } from '../../runner/execute-build.js';
import { createdAt } from '../../runner/created-at.js';
import { parallelOf } from '../parallel.js';
import { pushBuilt } from '../../runner/push-report.js';
import type { CliContext } from '../context.js';
import { generate, planGenerated, writeGenerated } from '../../generate.js';
import { projectRequest } from '../project-request.js';

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

/** Build implies gen: the selected images' generated files are rewritten before docker reads them. */
async function writeGeneratedFor(ctx: CliContext, project: Project, selected: readonly ImageModel[]): Promise<void> {
  const generated = await generate(project, selected);
  writeWarnings(ctx.stderr, generated.warnings);
  await writeGenerated(project, await planGenerated(project, generated, selected));
}

async function checkExternal(engine: Engine, plan: BuildPlan): Promise<void> {
  const found = await Promise.all(plan.external.map(async (ext) => ({ ...ext, presence: await findImage(engine, ext.ref) })));
  const missing = found.filter((f) => f.presence === 'missing');
  if (missing.length > 0) throw new MissingImagesError(missing);
}

async function build(
  ctx: CliContext,
  docker: DockerExec | undefined,
  operands: string[],
  o: BuildOptions,
  command: Command,
): Promise<void> {
  const { names, extra } = splitOperands(operands, command);
  const project = await loadProject(projectRequest(ctx, command));
  const { root, settings, images } = project;
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
  const engine = connectEngine(ctx.env, o.context ? { context: o.context } : {}, docker);
  const [info, git] = await Promise.all([probeEngine(engine), readGitInfo(root)]);
  const selection = { names, only: o.only, skip: o.skip, groups: o.group, deps: o.deps };
  // --target: plan and digests see the chosen stage; the Dockerfiles (from `images`) stay as defined
  const planned = o.target === undefined ? images : retargetImages(images, selection, o.target);
  const plan = planBuild(planned, settings, selection, { engine: info, flags, push: o.push, ...git, created: createdAt(ctx.env) });
  if (o.json) return void ctx.stdout.write(planJson(plan));
  if (o.push) requireRegistry(plan.builds, settings);
  const byId = new Map(images.map((i) => [i.id, i]));
  // input digests (src/incremental): what is up to date is not built; --no-cache and --pull ask for a fresh build
  const force = o.force || !o.cache || o.pull;
  const skipOptions: SkipperOptions = { root, settings, images: planned, plan, env: ctx.env, engine, force, push: o.push };
  if (o.dryRun) {
    const rendered = await generate(
      project,
      plan.order.map((id) => byId.get(id) as ImageModel),
    );
    const skipper = await createSkipper({ ...skipOptions, dockerfiles: rendered.dockerfiles });
    return void ctx.stdout.write(`${formatPlan(plan)}Up to date?\n${formatVerdicts(await skipper.explain())}`);
  }

  // the dry run asks the engine what it can, and needs none; a build needs one before it starts
  await requireEngine(engine, o.context ? { context: o.context } : {});
  await writeGeneratedFor(
    ctx,
    project,
    plan.order.map((id) => byId.get(id) as ImageModel),
  );
  await checkExternal(engine, plan);
  const job: BuildJob = {
    root,
    settings,
    images: planned,
    plan,
    engine,
    skipper: await createSkipper(skipOptions),
    progress: o.progress,
    parallel: parallelOf(o.parallel, settings),
    failFast: o.failFast,
    bake: o.bake,
  };
  const report = await executeBuild(job, ctx);
  // nothing to redo next time unless something changes: the no-op fast path (src/runner/fast-build.ts);
  // `--force` always decides again from the definitions (--no-cache and --pull replay as forced builds)
  if (report.ok && !o.force) {
    const argv = (command.parent as unknown as { rawArgs?: readonly string[] } | null)?.rawArgs ?? [];
    await writeBuildSnapshot({ argv, cwd: ctx.cwd, env: ctx.env, root, job: { ...job, force } });
  }
  if (report.ok && o.push) await pushBuilt(ctx, engine, images, report.results, job.parallel);
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
  await build(ctx, docker, operands, BuildOptions.parse(rawOptions), command);
}
