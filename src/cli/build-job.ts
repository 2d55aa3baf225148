/**
 * What `build` and `release` share (actions never import each other): the project loaded and its
 * build planned, then, for a real run, the selected Dockerfiles written, the external parents
 * checked and the {@link BuildJob} made.
 */
import type { Command } from 'commander';
import type { DockerExec } from '../engine/docker-exec.js';
import { connectEngine, probeEngine, probeStore, type Engine } from '../engine/engine.js';
import { findImage } from '../engine/images.js';
import { requireEngine } from '../engine/engine-check.js';
import { createSkipper, type SkipperOptions } from '../incremental/skipper.js';
import { readGitInfo, type GitInfo } from '../io/git-info.js';
import type { ImageModel } from '../model/resolved.js';
import { planBuild, type BuildFlags } from '../plan/build-plan.js';
import type { BuildPlan, EngineInfo } from '../plan/image-build.js';
import { needsStoreProbe } from '../plan/engine-fit.js';
import { phaseDone, waitedOn } from '../timing.js';
import { retargetImages } from '../plan/retarget.js';
import { enginesUsed } from '../plan/engine-placement.js';
import { buildEngines } from '../runner/spread-engines.js';
import { loadProject, type Project } from '../project.js';
import { MissingImagesError } from '../runner/build-error.js';
import { createdAt } from '../runner/created-at.js';
import type { BuildJob } from '../runner/execute-build.js';
import type { ProgressMode } from '../runner/progress/progress.js';
import { generate, planGenerated, writeGenerated } from '../generate.js';
import type { CliContext } from './context.js';
import { writeWarnings } from './format-warnings.js';
import { parallelOf } from './parallel.js';
import { projectRequest } from './project-request.js';

/** Starts work early: its failure is thrown where it is awaited, never as an unhandled rejection meanwhile. */
const early = <T>(p: Promise<T>): Promise<T> => {
  p.catch(() => undefined);
  return p;
};

export interface BuildRequest {
  readonly names: readonly string[];
  readonly only: readonly string[];
  readonly skip: readonly string[];
  readonly group: readonly string[];
  readonly deps: boolean;
  readonly target?: string | undefined;
  readonly flags: BuildFlags;
  readonly push: boolean;
  /** Decide again whatever the input digests say (`--force`, `--no-cache`, `--pull`). */
  readonly force: boolean;
  /** `--registry-cache TAG`: the registryCache setting for this run. */
  readonly registryCache?: string | undefined;
}

export interface PlannedBuild {
  readonly project: Project;
  readonly engine: Engine;
  readonly plan: BuildPlan;
  /** The images as planned (`--target` applied); the Dockerfiles come from `project.images`. */
  readonly planned: readonly ImageModel[];
  readonly skipOptions: SkipperOptions;
}

export async function planProjectBuild(
  ctx: CliContext,
  docker: DockerExec | undefined,
  command: Command,
  r: BuildRequest,
): Promise<PlannedBuild> {
  const engine = connectEngine(ctx.env, r.flags.context ? { context: r.flags.context } : {}, docker);
  // the engine question and git run while the definitions load; a failure waits for the definitions' own errors
  const probing = early(probeEngine(engine));
  let gitReading: Promise<GitInfo> | undefined;
  const project = await loadProject(projectRequest(ctx, command, r.registryCache ? { registryCache: r.registryCache } : {}), (root) => {
    gitReading = early(readGitInfo(root));
  });
  const { root, settings, images } = project;
  const [info, git] = await Promise.all([probing, gitReading ?? readGitInfo(root)]);
  const selection = { names: r.names, only: r.only, skip: r.skip, groups: r.group, deps: r.deps };
  // --target: plan and digests see the chosen stage; the Dockerfiles (from `images`) stay as defined
  const planned = r.target === undefined ? images : retargetImages(images, selection, r.target);
  const planWith = (engineInfo: EngineInfo): BuildPlan =>
    planBuild(planned, settings, selection, { engine: engineInfo, flags: r.flags, push: r.push, ...git, created: createdAt(ctx.env) });
  let plan = planWith(info);
  // several platforms or a registry cache: what the engine's store and builder can do decides the plan
  if (needsStoreProbe(plan) && info.buildx) plan = planWith({ ...info, ...(await probeStore(engine, r.flags.builder)) });
  phaseDone('plan (engine probe, git)');
  const skipOptions: SkipperOptions = { root, settings, images: planned, plan, env: ctx.env, engine, force: r.force, push: r.push };
  return { project, engine, plan, planned, skipOptions };
}

/** The images of the plan, in its order. */
export const planImages = (project: Project, plan: BuildPlan): ImageModel[] => {
  const byId = new Map(project.images.map((i) => [i.id, i]));
  return plan.order.map((id) => byId.get(id) as ImageModel);
};

const inOrder = (p: PlannedBuild): ImageModel[] => planImages(p.project, p.plan);

/** The selected images' Dockerfiles, rendered (for a dry run's digests). */
export const renderSelected = async (p: PlannedBuild) => generate(p.project, inOrder(p));

/** Build implies gen: the selected images' generated files are rewritten before docker reads them. */
export async function writeGeneratedFor(ctx: CliContext, project: Project, selected: readonly ImageModel[]): Promise<void> {
  const generated = await generate(project, selected);
  writeWarnings(ctx.stderr, generated.warnings);
  await writeGenerated(project, await planGenerated(project, generated, selected));
  phaseDone('write generated files');
}

/** Parents the plan does not build must be there: else a MissingImagesError naming them. */
export async function checkExternal(engine: Engine, plan: BuildPlan): Promise<void> {
  const found = await Promise.all(plan.external.map(async (ext) => ({ ...ext, presence: await findImage(engine, ext.ref) })));
  const missing = found.filter((f) => f.presence === 'missing');
  if (missing.length > 0) throw new MissingImagesError(missing);
}

/**
 * A real run needs an engine (a dry run asks what it can and needs none): checked before any work.
 * The parents not built here must exist; build implies gen: the selected Dockerfiles are written
 * (meanwhile the skipper is made, which reads them only when it decides, and its questions run); then the job.
 */
export async function readyJob(
  ctx: CliContext,
  p: PlannedBuild,
  o: { progress: ProgressMode; parallel?: number | undefined; failFast: boolean; bake: boolean },
): Promise<BuildJob> {
  await requireEngine(p.engine, p.plan.options.context ? { context: p.plan.options.context } : {});
  // every engine of the engines setting the plan uses answers before anything is built
  const engineOf = buildEngines(p.plan, p.engine);
  for (const spec of enginesUsed(p.plan.builds, p.plan.engines ?? []))
    await requireEngine(engineOf({ engine: spec.name }), spec.context ? { context: spec.context } : {});
  await waitedOn('external parents checked', checkExternal(p.engine, p.plan));
  // the skipper's questions (the registry's labels, the local images) are asked while the files are written
  const skipping = early(waitedOn('skipper made (hash cache read)', createSkipper(p.skipOptions)));
  await writeGeneratedFor(ctx, p.project, inOrder(p));
  return {
    root: p.project.root,
    settings: p.project.settings,
    images: p.planned,
    plan: p.plan,
    engine: p.engine,
    skipper: await skipping,
    progress: o.progress,
    parallel: parallelOf(o.parallel, p.project.settings),
    failFast: o.failFast,
    bake: o.bake,
  };
}
