/**
 * `dockwright build [names...] [options] [-- extra docker args]`: plans the build of the images
 * named (and the ancestors they need), regenerates their Dockerfiles (build implies gen for the
 * selected images), checks that parents it does not build exist, then builds along the graph.
 * `--dry-run` / `--json` print the plan and stop before anything is written or run.
 */
import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { writeFastSnapshot } from '../digest/fast-build.js';
import { createSkipper, formatVerdicts, type SkipperOptions } from '../digest/skipper.js';
import { formatProblem } from '../errors/definition-error.js';
import type { ImageModel } from '../model/resolved.js';
import { dockerGlobalArgs, type BuildFlags } from '../plan/build-argv.js';
import { planBuild, type BuildPlan } from '../plan/build-plan.js';
import { formatPlan } from '../plan/format-plan.js';
import { loadProject, type Project } from '../project.js';
import { BuildFailedError, BuildInterruptedError, MissingImagesError } from '../runner/build-error.js';
import { createDockerExec, type DockerExec } from '../runner/docker-exec.js';
import { findImage, probeEngine, type DockerTarget } from '../runner/engine.js';
import { readGitInfo } from '../runner/git-info.js';
import { inputsPreparer } from '../runner/inputs/build-hook.js';
import { createProgress } from '../runner/progress/progress.js';
import { formatFailures, formatSummary } from '../runner/progress/summary.js';
import { runBuild } from '../runner/run-build.js';
import type { CliContext } from './context.js';
import { generate, planGenerated, writeGenerated } from './generate.js';
import { projectRequest } from './global-options.js';
import { pushBuilt } from './push.js';

/** Builds at once when neither `--parallel` nor the `parallel` setting says: BuildKit parallelises inside each build too. */
export const defaultParallel = (): number => Math.max(1, Math.min(4, availableParallelism()));

const BuildOptions = z.object({
  only: z.array(z.string()).default([]),
  skip: z.array(z.string()).default([]),
  group: z.array(z.string()).default([]),
  deps: z.boolean().default(true),
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
});
type BuildOptions = z.infer<typeof BuildOptions>;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
const collectList = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').filter(Boolean)];

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
  generated.warnings.forEach((p) => ctx.stderr.write(`warning: ${formatProblem(p)}\n`));
  await writeGenerated(project, await planGenerated(project, generated, selected));
}

async function checkExternal(target: DockerTarget, plan: BuildPlan): Promise<void> {
  const found = await Promise.all(plan.external.map(async (ext) => ({ ...ext, presence: await findImage(target, ext.ref) })));
  const missing = found.filter((f) => f.presence === 'missing');
  if (missing.length > 0) throw new MissingImagesError(missing);
}

async function build(ctx: CliContext, docker: DockerExec, operands: string[], o: BuildOptions, command: Command): Promise<void> {
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
  const target: DockerTarget = { docker, globalArgs: dockerGlobalArgs(flags), env };
  const [engine, git] = await Promise.all([probeEngine(target), readGitInfo(root)]);
  const plan = planBuild(images, settings, { names, only: o.only, skip: o.skip, groups: o.group, deps: o.deps }, {
    engine,
    flags,
    push: o.push,
    ...git,
    created: createdAt(env),
  });
  if (o.json) return void ctx.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
  const byId = new Map(images.map((i) => [i.id, i]));
  // input digests (src/digest): what is up to date is not built; --no-cache and --pull ask for a fresh build
  const skipOptions: SkipperOptions = { root, settings, images, plan, flags, env, target, force: o.force || !o.cache || o.pull, push: o.push };
  if (o.dryRun) {
    const rendered = await generate(project, plan.order.map((id) => byId.get(id) as ImageModel));
    const skipper = await createSkipper({ ...skipOptions, dockerfiles: rendered.dockerfiles });
    return void ctx.stdout.write(`${formatPlan(plan)}Up to date?\n${formatVerdicts(await skipper.explain())}`);
  }

  await writeGeneratedFor(ctx, project, plan.order.map((id) => byId.get(id) as ImageModel));
  await checkExternal(target, plan);

  const out = o.progress === 'json' ? ctx.stdout : ctx.stderr;
  const progress = createProgress(o.progress, out);
  const skipper = await createSkipper(skipOptions);
  const report = await runBuild(plan, {
    decide: skipper.decide,
    prepare: inputsPreparer(images, { root, cacheDir: settings.cacheDir }),
    ...target,
    root,
    logsDir: settings.logsDir,
    parallel: o.parallel ?? settings.parallel ?? defaultParallel(),
    failFast: o.failFast,
    progress,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  progress.close();
  await skipper.close();
  // nothing to redo next time unless something changes: the no-op fast path (src/digest/fast-build.ts)
  if (report.ok && skipOptions.force !== true) {
    const argv = (command.parent as unknown as { rawArgs?: readonly string[] } | null)?.rawArgs ?? [];
    await writeFastSnapshot({
      argv, ctx, root, settings, images, plan, flags, globalArgs: target.globalArgs ?? [], progress: o.progress,
      parallel: o.parallel ?? settings.parallel ?? defaultParallel(), failFast: o.failFast,
    });
  }
  // with --progress json, stdout carries only events
  (o.progress === 'json' ? ctx.stderr : ctx.stdout).write(formatSummary(report.results));
  const failures = formatFailures(report.results, root);
  if (failures) ctx.stderr.write(`\n${failures}`);
  if (report.interrupted) throw new BuildInterruptedError(report.results.filter((r) => r.status === 'built' || r.status === 'up-to-date').map((r) => r.id));
  if (report.ok && o.push) await pushBuilt(ctx, target, images, report.results);
  if (!report.ok) throw new BuildFailedError(report.results.filter((r) => r.status === 'failed').map((r) => r.id));
}

/** `docker` is the subprocess seam: tests pass a fake. */
export const buildCommand = (ctx: CliContext, docker: DockerExec = createDockerExec()): Command =>
  new Command('build')
    .description('build the images named (all by default) and the images they need, along the build graph')
    .argument('[names...]', 'image ids, names (all their variants) or globs; docker options may follow `--`')
    .option('--only <names>', 'keep only the named images of the selection (repeatable, comma-separated)', collectList)
    .option('--skip <names>', 'leave these images out; they must exist if others need them (repeatable)', collectList)
    .option('--group <group>', 'select the images of a group (repeatable, comma-separated)', collectList)
    .option('--no-deps', 'build only what is selected; the parents it needs must exist locally or in their registry')
    .option('--parallel <n>', `most builds at once (default: the "parallel" setting, else min(4, CPUs) = ${defaultParallel()} here)`)
    .option('--fail-fast', 'at the first failure, stop the running builds and start no more')
    .option('--dry-run', 'print the build order and the exact docker command of every image, then stop')
    .option('--json', 'print the plan as JSON, then stop (a dry run)')
    .addOption(new Option('--progress <mode>', 'auto: live view in a terminal, else plain lines; json: NDJSON events on stdout').choices(['auto', 'plain', 'tty', 'json']).default('auto'))
    .option('--build-arg <K=V>', 'a build arg for the images that declare it; `K` alone takes the value from the environment (repeatable)', collect)
    .option('--platform <platforms>', 'target platforms, replacing the images\' own (repeatable, comma-separated)', collectList)
    .option('--cache-from <spec>', 'docker --cache-from; `{dir}` becomes the image folder name (repeatable)', collect)
    .option('--cache-to <spec>', 'docker --cache-to; `{dir}` becomes the image folder name (repeatable)', collect)
    .option('--builder <name>', 'the buildx builder to build with (e.g. a remote BuildKit)')
    .option('--context <name>', 'the docker context to use (docker --context); DOCKER_HOST is honoured too')
    .option('--pull', 'always pull newer versions of external base images')
    .option('--no-cache', 'do not use the build cache')
    .option('--push', 'once every image built, push their tags (not images marked push: false)')
    .option('--force', 'build even the images whose inputs did not change (docs/incremental.md)')
    .action(async (operands: string[], rawOptions: unknown, command: Command) => {
      await build(ctx, docker, operands, BuildOptions.parse(rawOptions), command);
    });
