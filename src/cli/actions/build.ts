/** What `dockwright build` does (the command and its options: ../build.ts). */
import type { Command } from 'commander';
import * as z from 'zod';
import { writeFastSnapshot } from '../../digest/fast-build.js';
import { createSkipper, formatVerdicts, type SkipperOptions } from '../../digest/skipper.js';
import { writeWarnings } from '../format-warnings.js';
import type { ImageModel } from '../../model/resolved.js';
import { dockerGlobalArgs, type BuildFlags } from '../../plan/build-argv.js';
import { planBuild, type BuildPlan } from '../../plan/build-plan.js';
import { formatPlan } from '../../plan/format-plan.js';
import { retargetImages } from '../../plan/retarget.js';
import { loadProject, type Project } from '../../project.js';
import { MissingImagesError, reportBuild, throwIfFailed } from '../../runner/build-error.js';
import { createDockerExec, type DockerExec } from '../../runner/docker-exec.js';
import { findImage, probeEngine, type DockerTarget } from '../../runner/engine.js';
import { defaultEngineApi } from '../../runner/engine-api.js';
import { readGitInfo } from '../../runner/git-info.js';
import { hasOwnInputs, inputsPreparer } from '../../runner/inputs/build-hook.js';
import { createProgress } from '../../runner/progress/progress.js';
import { runPlan } from '../../runner/run-plan.js';
import { parallelOf } from '../build.js';
import type { CliContext } from '../context.js';
import { generate, planGenerated, writeGenerated } from '../../generate.js';
import { projectRequest } from '../project-request.js';
import { pushBuilt } from './push.js';

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

const definedEnv = (env: CliContext['env']): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));

/** `SOURCE_DATE_EPOCH` when set (reproducible labels), else now. */
const createdAt = (env: Record<string, string>): string => {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return new Date(env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? epoch * 1000 : Date.now()).toISOString();
};

/** Build implies gen: the selected images' generated files are rewritten before docker reads them. */
async function writeGeneratedFor(ctx: CliContext, project: Project, selected: readonly ImageModel[]): Promise<void> {
  const generated = await generate(project, selected);
  writeWarnings(ctx.stderr, generated.warnings);
  await writeGenerated(project, await planGenerated(project, generated, selected));
}

async function checkExternal(target: DockerTarget, plan: BuildPlan): Promise<void> {
  const found = await Promise.all(plan.external.map(async (ext) => ({ ...ext, presence: await findImage(target, ext.ref) })));
  const missing = found.filter((f) => f.presence === 'missing');
  if (missing.length > 0) throw new MissingImagesError(missing);
}

/** `docker`: the seam; `real`: it is the real docker CLI, so read-only queries may go to the engine's API instead (engine-api.ts). */
async function build(
  ctx: CliContext,
  docker: DockerExec,
  real: boolean,
  operands: string[],
  o: BuildOptions,
  command: Command,
): Promise<void> {
  const { names, extra } = splitOperands(operands, command);
  const project = await loadProject(projectRequest(ctx, command));
  const { root, settings, images } = project;
  const env = definedEnv(ctx.env);
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
  const globalArgs = dockerGlobalArgs(flags);
  const api = real ? defaultEngineApi(env, globalArgs) : undefined;
  const target: DockerTarget = { docker, globalArgs, env, ...(api ? { api } : {}) };
  const [engine, git] = await Promise.all([probeEngine(target), readGitInfo(root)]);
  const selection = { names, only: o.only, skip: o.skip, groups: o.group, deps: o.deps };
  // --target: plan and digests see the chosen stage; the Dockerfiles (from `images`) stay as defined
  const planned = o.target === undefined ? images : retargetImages(images, selection, o.target);
  const plan = planBuild(planned, settings, selection, {
    engine,
    flags,
    push: o.push,
    ...git,
    created: createdAt(env),
  });
  if (o.json) return void ctx.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
  const byId = new Map(images.map((i) => [i.id, i]));
  // input digests (src/digest): what is up to date is not built; --no-cache and --pull ask for a fresh build
  const skipOptions: SkipperOptions = {
    root,
    settings,
    images: planned,
    plan,
    flags,
    env,
    target,
    force: o.force || !o.cache || o.pull,
    push: o.push,
  };
  if (o.dryRun) {
    const rendered = await generate(
      project,
      plan.order.map((id) => byId.get(id) as ImageModel),
    );
    const skipper = await createSkipper({ ...skipOptions, dockerfiles: rendered.dockerfiles });
    return void ctx.stdout.write(`${formatPlan(plan)}Up to date?\n${formatVerdicts(await skipper.explain())}`);
  }

  await writeGeneratedFor(
    ctx,
    project,
    plan.order.map((id) => byId.get(id) as ImageModel),
  );
  await checkExternal(target, plan);

  const out = o.progress === 'json' ? ctx.stdout : ctx.stderr;
  const progress = createProgress(o.progress, out);
  const skipper = await createSkipper(skipOptions);
  const parallel = parallelOf(o.parallel, settings);
  const report = await runPlan(plan, {
    decide: skipper.decide,
    prepare: inputsPreparer(images, { root, cacheDir: settings.cacheDir }),
    ownBuild: hasOwnInputs(images),
    bake: o.bake,
    ...target,
    root,
    logsDir: settings.logsDir,
    parallel,
    failFast: o.failFast,
    progress,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  progress.close();
  await skipper.close();
  // nothing to redo next time unless something changes: the no-op fast path (src/digest/fast-build.ts);
  // `--force` always decides again from the definitions (--no-cache and --pull replay as forced builds)
  if (report.ok && !o.force) {
    const argv = (command.parent as unknown as { rawArgs?: readonly string[] } | null)?.rawArgs ?? [];
    await writeFastSnapshot({
      argv,
      ctx,
      root,
      settings,
      images: planned,
      plan,
      flags,
      globalArgs: target.globalArgs ?? [],
      progress: o.progress,
      parallel,
      failFast: o.failFast,
      bake: o.bake,
      force: skipOptions.force === true,
    });
  }
  // with --progress json, stdout carries only events
  reportBuild(report, { summary: o.progress === 'json' ? ctx.stderr : ctx.stdout, errors: ctx.stderr }, root);
  if (report.ok && o.push) await pushBuilt(ctx, target, images, report.results, parallel);
  throwIfFailed(report);
}

/** `docker`: the seam tests fill with a fake; the runner's own when undefined. */
export async function buildAction(
  ctx: CliContext,
  docker: DockerExec | undefined,
  operands: string[],
  rawOptions: unknown,
  command: Command,
): Promise<void> {
  await build(ctx, docker ?? createDockerExec(), docker === undefined, operands, BuildOptions.parse(rawOptions), command);
}
