/**
 * The no-op fast path of `dockwright build`. Loading the definitions (jiti), validating them and
 * rendering the Dockerfiles costs several hundred milliseconds before docker is even asked; when
 * nothing changed, none of it is needed. So a build that ends with every image built or up to
 * date (and was not `--force`d) leaves a snapshot of what it decided from
 * (`.dockwright/fast-build/<key>.json`):
 * - keyed by the exact command line, the working directory and the environment (a definition may
 *   read any variable), and this package's version;
 * - the files the plan came from, by size, mtime, ctime and inode: the config file, `.env`, every
 *   file under the definitions folder and the local modules they import, the templates, the
 *   generated Dockerfiles, git's HEAD (the revision label), and dockwright's own code;
 * - the plan itself (images, steps, flags; whether `--no-cache` or `--pull` made every image build).
 * The next run with the same key first checks those files (a stat each), then recomputes every
 * input digest from the snapshot (the contexts are walked again, through the hash cache) and asks
 * docker once. When every image is up to date it prints the same progress and summary as the full
 * run and stops; when some are not (a context file changed), it runs the snapshot's plan with the
 * build runner, exactly as the full run would, without loading the definitions again. Anything
 * else — a changed file, a missing snapshot, a parent outside the plan (`--no-deps`) that is not
 * in the local store — falls through to the full run, which decides everything again. No heavy
 * module is imported unless a build must run.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { CliContext } from '../cli/context.js';
import type { ImageModel } from '../model/resolved.js';
import type { Settings } from '../model/settings.js';
import type { BuildFlags } from '../plan/build-argv.js';
import type { BuildPlan } from '../plan/build-plan.js';
import { createProgress, type ProgressMode } from '../runner/progress/progress.js';
import { formatSummary } from '../runner/progress/summary.js';
import { createDockerExec, type DockerExec } from '../engine/docker-exec.js';
import type { ImageResult } from '../runner/result.js';
import { nodeDigestFs } from './digest-fs.js';
import { defaultEngineApi } from '../engine/engine-api.js';
import { DIGEST_LABEL } from '../engine/images.js';
import { createSkipper, type Decision } from './skipper.js';
import { CONFIG_FILES, SNAPSHOT_VERSION, codeDir, packageRoot, snapshotKey, snapshotLocation, snapshotPath } from './snapshot-key.js';

/** What a full `build` decided from, and what its snapshot replays. */
interface PlannedBuild {
  readonly settings: Settings;
  readonly images: readonly ImageModel[];
  readonly plan: BuildPlan;
  readonly flags: BuildFlags;
  readonly globalArgs: readonly string[];
  readonly progress: ProgressMode;
  /** Builds at once and `--fail-fast`, as the full run resolved them. */
  readonly parallel: number;
  readonly failFast: boolean;
  /** Out-of-date images go to one `docker buildx bake` (not `--no-bake`). */
  readonly bake: boolean;
  /** Every image builds, up to date or not (`--force`, `--no-cache`, `--pull`). */
  readonly force: boolean;
}

interface Snapshot extends PlannedBuild {
  readonly version: typeof SNAPSHOT_VERSION;
  readonly key: string;
  /** Absolute path → `size:mtime:ctime:inode`, or `missing`. */
  readonly watched: Readonly<Record<string, string>>;
}

export interface SnapshotInput extends PlannedBuild {
  /** The command line as the CLI got it (after `dockwright`). */
  readonly argv: readonly string[];
  readonly ctx: Pick<CliContext, 'cwd' | 'env'>;
  readonly root: string;
}

const fingerprint = (path: string): string => {
  const st = nodeDigestFs.stat(path);
  return st ? `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}` : 'missing';
};

/** Every file below `dir`, and the folders themselves (a folder's mtime shows an added or removed file). */
function filesUnder(dir: string, out: string[], skip: (name: string) => boolean = () => false): void {
  out.push(dir);
  for (const name of nodeDigestFs.list(dir)) {
    if (skip(name)) continue;
    const path = join(dir, name);
    const kind = nodeDigestFs.stat(path)?.kind;
    if (kind === 'dir') filesUnder(path, out, skip);
    else if (kind) out.push(path);
  }
}

const CREATED = 'org.opencontainers.image.created=';

/** The plan with its `created` labels set to this run's time (SOURCE_DATE_EPOCH when set), as the full run sets them. */
function withCreatedNow(plan: BuildPlan, env: CliContext['env']): BuildPlan {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  const created = new Date(env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? epoch * 1000 : Date.now()).toISOString();
  return {
    ...plan,
    steps: plan.steps.map((s) => ({ ...s, argv: s.argv.map((a) => (a.startsWith(CREATED) ? `${CREATED}${created}` : a)) })),
  };
}

/** The git files that say which commit is checked out (the `revision` label): HEAD, its ref, packed refs. */
function gitFiles(root: string): string[] {
  for (let d = root; ; d = dirname(d)) {
    const git = join(d, '.git');
    const kind = nodeDigestFs.stat(git)?.kind;
    if (kind === 'file') return [git];
    if (kind === 'dir') {
      const head = nodeDigestFs.readText(join(git, 'HEAD')) ?? '';
      const ref = /^ref:\s*(\S+)/.exec(head)?.[1];
      return [join(git, 'HEAD'), join(git, 'packed-refs'), ...(ref ? [join(git, ref)] : [])];
    }
    if (dirname(d) === d) return [];
  }
}

const RELATIVE_IMPORT = /(?:from\s*|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
const EXTENSIONS = ['', '.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '/index.ts', '/index.js'];

/** Local modules the files import (relative specifiers), followed transitively. */
function localImports(files: readonly string[]): string[] {
  const seen = new Set(files);
  const queue = [...files];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    const text = /\.[cm]?[jt]s$/.test(file) ? nodeDigestFs.readText(file) : undefined;
    for (const m of text?.matchAll(RELATIVE_IMPORT) ?? []) {
      const base = resolve(dirname(file), (m[1] as string).replace(/\.js$/, ''));
      const found = EXTENSIONS.map((e) => base + e).find((p) => nodeDigestFs.stat(p)?.kind === 'file');
      if (found && !seen.has(found)) {
        seen.add(found);
        queue.push(found);
      }
    }
  }
  return [...seen];
}

function watchedFiles(i: SnapshotInput): string[] {
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(i.root, p));
  const definitions: string[] = [];
  filesUnder(abs(i.settings.definitionsDir), definitions);
  const own: string[] = [join(packageRoot, 'package.json')];
  // source maps and type declarations do not run
  filesUnder(codeDir, own, (name) => name.endsWith('.map') || name.endsWith('.d.ts'));
  filesUnder(join(packageRoot, 'templates'), own);
  const templates: string[] = [];
  if (i.settings.templatesDir) filesUnder(abs(i.settings.templatesDir), templates);
  const generated = i.plan.steps.flatMap((s) =>
    ['Dockerfile', 'Dockerfile.dockerignore'].map((f) => join(abs(i.settings.outputDir), s.dir, f)),
  );
  const config = [...CONFIG_FILES, '.env', 'package.json', 'tsconfig.json'].map((f) => join(i.root, f));
  return [
    ...new Set([
      ...config,
      ...localImports([...definitions, ...config.filter(existsSync)]),
      ...templates,
      ...generated,
      ...gitFiles(i.root),
      ...own,
    ]),
  ];
}

/** Called by a full `build` that ended with every image built or up to date. */
export async function writeFastSnapshot(i: SnapshotInput): Promise<void> {
  const key = snapshotKey(i.argv, i.ctx);
  const file = snapshotLocation(i.root, key);
  const snapshot: Snapshot = {
    version: SNAPSHOT_VERSION,
    key,
    watched: Object.fromEntries(watchedFiles(i).map((f) => [f, fingerprint(f)])),
    settings: i.settings,
    images: i.images.filter((img) => i.plan.steps.some((s) => s.id === img.id)),
    plan: i.plan,
    flags: i.flags,
    globalArgs: i.globalArgs,
    progress: i.progress,
    parallel: i.parallel,
    failFast: i.failFast,
    bake: i.bake,
    force: i.force,
  };
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(snapshot));
  await rename(temp, file);
}

/**
 * The exit code of a `build` answered from its snapshot (after printing what the full run prints);
 * undefined when the full run must decide. Throws the full run's errors when a build it ran failed.
 * `docker`: the seam for tests; by default queries use the engine's API on a local socket (or a
 * light docker exec), builds the runner's.
 */
export async function tryFastBuild(argv: readonly string[], ctx: CliContext, docker?: DockerExec): Promise<number | undefined> {
  // `--push` also has to reach the registry: always the full run
  if (!argv.includes('build') || argv.includes('--push')) return undefined;
  let ready: Awaited<ReturnType<typeof decideAll>>;
  try {
    ready = await decideAll(argv, ctx, docker ?? createDockerExec(), docker === undefined);
  } catch {
    return undefined;
  }
  if (!ready) return undefined;
  const { snapshot, root, env, api, skipper, decisions } = ready;
  const json = snapshot.progress === 'json';
  const progress = createProgress(snapshot.progress, json ? ctx.stdout : ctx.stderr);
  const summaryOut = json ? ctx.stderr : ctx.stdout;
  if (decisions.every((d) => 'upToDate' in d)) {
    const results = snapshot.plan.steps.map((step, n): ImageResult => {
      const d = decisions[n] as Extract<Decision, { upToDate: string }>;
      return {
        id: step.id,
        status: 'up-to-date',
        ms: 0,
        tags: step.tags,
        reason: d.upToDate,
        ...(d.size !== undefined ? { size: d.size } : {}),
      };
    });
    for (const r of results) {
      progress.start(r.id);
      progress.done(r);
    }
    progress.close();
    await skipper.close();
    summaryOut.write(formatSummary(results));
    return 0;
  }
  // some images are out of date: run the plan as the full run would (same runner, same hooks)
  const [{ runPlan }, , { hasOwnInputs, inputsPreparer }, { reportBuild, throwIfFailed }] = await ready.runner();
  const byId = new Map(snapshot.plan.steps.map((s, n) => [s.id, decisions[n] as Decision]));
  const report = await runPlan(snapshot.plan, {
    docker: docker ?? createDockerExec(),
    globalArgs: snapshot.globalArgs,
    ...(api ? { api } : {}),
    env,
    decide: async (step) => byId.get(step.id) as Decision,
    prepare: inputsPreparer(snapshot.images, { root, cacheDir: snapshot.settings.cacheDir }),
    ownBuild: hasOwnInputs(snapshot.images),
    bake: snapshot.bake,
    root,
    logsDir: snapshot.settings.logsDir,
    parallel: snapshot.parallel,
    failFast: snapshot.failFast,
    progress,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  progress.close();
  await skipper.close();
  reportBuild(report, { summary: summaryOut, errors: ctx.stderr }, root);
  throwIfFailed(report);
  return 0;
}

/** The modules a build needs, loaded once; first asked for as soon as a context file is seen to have changed. */
function runnerLoader() {
  let loading:
    | Promise<
        [
          typeof import('../runner/run-plan.js'),
          typeof import('../engine/docker-exec.js'),
          typeof import('../runner/inputs/build-hook.js'),
          typeof import('../runner/build-error.js'),
        ]
      >
    | undefined;
  return () =>
    (loading ??= Promise.all([
      import('../runner/run-plan.js'),
      import('../engine/docker-exec.js'),
      import('../runner/inputs/build-hook.js'),
      import('../runner/build-error.js'),
    ]));
}

/** The snapshot of this command, when it is current, and every step's decision; undefined when the full run must decide. */
async function decideAll(argv: readonly string[], ctx: CliContext, docker: DockerExec, real: boolean) {
  const { root, key, file } = snapshotPath(argv, ctx);
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(await readFile(file, 'utf8')) as Snapshot;
  } catch {
    return undefined;
  }
  if (snapshot.version !== SNAPSHOT_VERSION || snapshot.key !== key) return undefined;
  snapshot = { ...snapshot, plan: withCreatedNow(snapshot.plan, ctx.env) };
  for (const [file, print] of Object.entries(snapshot.watched)) if (fingerprint(file) !== print) return undefined;

  const env = Object.fromEntries(Object.entries(ctx.env).filter((e): e is [string, string] => e[1] !== undefined));
  // the real docker CLI: read-only queries may go to the engine's API instead (no process start)
  const api = real ? defaultEngineApi(env, snapshot.globalArgs) : undefined;
  const runner = runnerLoader();
  const skipper = await createSkipper({
    // a changed file: a build is likely, so its modules load while the other files are hashed
    onChange: () => void runner().catch(() => undefined),
    root,
    settings: snapshot.settings,
    images: snapshot.images,
    plan: snapshot.plan,
    flags: snapshot.flags,
    env: ctx.env,
    target: { docker, globalArgs: snapshot.globalArgs, env, ...(api ? { api } : {}) },
    force: snapshot.force,
  });
  // a parent outside the plan that is not in the local store (in a registry, or missing): the full run checks it
  if (!(await skipper.externalsPresent())) return undefined;
  const decisions = await Promise.all(snapshot.plan.steps.map((s) => skipper.decide(s)));
  // a step whose digest could not be computed builds without a label: leave that to the full run
  if (decisions.some((d) => 'argv' in d && !d.argv.some((a) => a.startsWith(`${DIGEST_LABEL}=`)))) return undefined;
  return { snapshot, root, env, api, runner, skipper, decisions };
}
