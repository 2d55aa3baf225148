/** What `dockwright watch` does (the command and its options: ../watch.ts). */
import { ownDirs } from '../../model/own-dirs.js';
import path from 'node:path';
import type { Command } from 'commander';
import * as z from 'zod';
import type { DockerExec } from '../../engine/docker-exec.js';
import { probeEngine } from '../../engine/engine.js';
import { createSkipper } from '../../incremental/skipper.js';
import { contextIgnoreText } from '../../incremental/image-inputs.js';
import { affectedImages, countedPaths, imageWatch, watchedPaths, type Affected, type WatchSet } from '../../incremental/watch-inputs.js';
import { readGitInfo } from '../../io/git-info.js';
import { CONFIG_FILES } from '../../io/project-root.js';
import { planBuild } from '../../plan/build-plan.js';
import { requireSpreadPush } from '../../plan/build-engine.js';
import { buildGraph } from '../../plan/graph.js';
import { selectImages, type Selection } from '../../plan/select.js';
import { imageTags } from '../../plan/tags.js';
import { loadProject, type Project } from '../../project.js';
import { WatchStoppedError } from '../../runner/build-error.js';
import { createdAt } from '../../runner/created-at.js';
import type { ImageTestItem } from '../../runner/image-test/index.js';
import { fsWatcher } from '../../runner/watch/fs-watcher.js';
import { isEmpty, watchLoop, type Watch, type WatchSession } from '../../runner/watch/watch-loop.js';
import { buildAndTest } from '../../runner/watch/watch-run.js';
import { formatBurst } from '../../runner/watch/watch-status.js';
import { checkExternal, planImages, writeGeneratedFor } from '../build-job.js';
import type { CliContext } from '../context.js';
import { handleError } from '../handle-error.js';
import { parallelOf } from '../parallel.js';
import { projectRequest } from '../project-request.js';
import { SelectionOptions, engineOf } from '../ship-selection.js';
import { formatTiming, phaseDone, resetTiming, timingWanted } from '../../timing.js';

const WatchOptions = SelectionOptions.extend({
  debounce: z.coerce.number().int().nonnegative().default(100),
  parallel: z.coerce.number().int().positive().optional(),
  bake: z.boolean().default(true),
  test: z.boolean().default(true),
  builder: z.string().min(1).optional(),
});
type WatchOptions = z.infer<typeof WatchOptions>;

/** The project's own files (the config files, `.env`), absolute: files, not folders. */
const projectFiles = (root: string): string[] => [...CONFIG_FILES, '.env'].map((f) => path.resolve(root, f));

/** What the loop watches and how a changed path maps to images, for the project as last loaded. */
function watchSetOf(project: Project, ids: readonly string[]): WatchSet {
  const { root, settings } = project;
  const abs = (p: string): string => path.resolve(root, p);
  const byId = new Map(project.images.map((i) => [i.id, i]));
  return {
    images: ids.map((id) => {
      const image = byId.get(id);
      if (!image) throw new Error(`no image "${id}"`);
      const ignoreText = contextIgnoreText(image, root, settings.outputDir);
      return imageWatch(image, { root, outputDir: settings.outputDir, ...(ignoreText !== undefined ? { ignoreText } : {}) });
    }),
    children: buildGraph(project.images).children,
    project: [abs(settings.definitionsDir), ...(settings.templatesDir ? [abs(settings.templatesDir)] : []), ...projectFiles(root)],
    skip: [settings.outputDir, ...ownDirs(settings), '.git'].map(abs),
  };
}

export async function watchAction(
  ctx: CliContext,
  docker: DockerExec | undefined,
  names: string[],
  rawOptions: unknown,
  command: Command,
): Promise<void> {
  const o: WatchOptions = WatchOptions.parse(rawOptions);
  const request = projectRequest(ctx, command);
  const selection: Selection = { names, only: o.only, skip: o.skip, groups: o.group, deps: true };
  const engine = engineOf(ctx, docker, o);
  // the builds go where the tests and the store questions go: the same --context, and --builder
  const flags = { ...(o.context ? { context: o.context } : {}), ...(o.builder ? { builder: o.builder } : {}) };
  let project = await loadProject(request);
  const [info, git] = await Promise.all([probeEngine(engine), readGitInfo(project.root)]);
  const selected = (p: Project): string[] => [...selectImages(buildGraph(p.images), selection).ids];
  let ids = selected(project);
  let set = watchSetOf(project, ids);
  const untested = new Set<string>();
  const stop = ctx.signal ?? new AbortController().signal;

  // DOCKWRIGHT_TIMING=1: after each run its phases, from the change that started it (a mark when a counted change is first seen)
  const timing = timingWanted(ctx.env);
  let seen = false;
  const watch: Watch = (paths, onChange) =>
    fsWatcher(paths, (p) => {
      if (timing && !seen && !isEmpty(affectedImages([p], set))) {
        seen = true;
        resetTiming();
        phaseDone(`change seen: ${path.relative(project.root, p)}`);
      }
      onChange(p);
    });

  const run = async (target: Affected, signal: AbortSignal): Promise<void> => {
    try {
      phaseDone('run starts');
      if (target.reload) {
        project = await loadProject(request);
        ids = selected(project);
        set = watchSetOf(project, ids);
      }
      const { root, settings } = project;
      const names = target.reload ? ids : target.ids;
      if (names.length === 0) return;
      const plan = planBuild(project.images, settings, { names, deps: true }, { engine: info, flags, ...git, created: createdAt(ctx.env) });
      // watch builds into one engine's store and pushes nothing: a plan over several engines cannot be watched
      requireSpreadPush(plan, false);
      await writeGeneratedFor(ctx, project, planImages(project, plan));
      await checkExternal(engine, plan);
      const skipper = await createSkipper({ root, settings, images: project.images, plan, env: ctx.env, engine });
      const parallel = parallelOf(o.parallel, settings);
      const tests = new Map<string, ImageTestItem>(
        o.test
          ? planImages(project, plan)
              .filter((i) => i.test !== undefined)
              .map((i) => [i.id, { id: i.id, dir: i.dir, tags: imageTags(i, settings), test: i.test }])
          : [],
      );
      const job = {
        root,
        settings,
        images: project.images,
        plan,
        engine,
        skipper,
        progress: 'plain' as const,
        parallel,
        failFast: false,
        bake: o.bake,
      };
      const log = (line: string): void => ctx.stderr.write(`${line}\n`);
      await buildAndTest({ job, tests, untested, target: { ...engine, log } }, { stdout: ctx.stdout, stderr: ctx.stderr, signal });
    } catch (err) {
      // a broken definition or a missing parent: said, and the watch goes on until the next change
      if (!signal.aborted) handleError(err, { ...ctx, signal });
    } finally {
      // an aborted run's marks stay for the run that follows it; the others are printed (wanted) and forgotten
      if (!signal.aborted) {
        if (timing) {
          phaseDone('run over');
          ctx.stderr.write(formatTiming({ fromFirst: seen }));
        }
        resetTiming();
        seen = false;
      }
    }
  };

  const session: WatchSession = {
    // the config files and `.env` are files: one that is missing is watched through the root, without recursion
    paths: () => {
      const files = new Set(projectFiles(project.root));
      return watchedPaths(set).map((p) => ({ path: p, recursive: !files.has(p) }));
    },
    affected: (changed) => affectedImages(changed, set),
    run,
  };
  ctx.stderr.write(`watching ${ids.length} image${ids.length === 1 ? '' : 's'} (Ctrl-C stops)\n`);
  await watchLoop(session, {
    watch,
    clock: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
    debounceMs: o.debounce,
    onBurst: (changed, target, restart) =>
      ctx.stdout.write(formatBurst(countedPaths(changed, set), target, { root: project.root, restart, at: new Date() })),
    signal: stop,
    first: { reload: false, ids },
  });
  throw new WatchStoppedError();
}
