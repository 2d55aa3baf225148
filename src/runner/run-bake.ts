/**
 * Runs one {@link BakeSession}: a single `docker buildx bake` for many images, so that BuildKit
 * solves them in one session (a child starts from its parent's result, not from the image store,
 * and one process pays the start-up instead of one per image). Its output is sorted by image
 * (bake-lines.ts) into each image's log and progress, as a build of its own would write them.
 *
 * Bake stops everything at the first failure and does not say which images it finished, except
 * through its output: an image counts as built when its export vertex is DONE (or when bake
 * succeeded), and as failed when BuildKit reports an error for one of its own vertices. The caller
 * builds on their own only the images bake stopped because another failed (see run-plan.ts).
 */
import { readFile } from 'node:fs/promises';
import type { BakeSession } from '../plan/bake-session.js';
import type { ImageBuild } from '../plan/image-build.js';
import { commandLine } from '../plan/format-plan.js';
import { bakeLineSorter } from './bake-lines.js';
import { inspectLocal, type LocalImage } from '../engine/images.js';
import { BUILD_ENV } from '../engine/engine.js';
import { logFileOf, openImageLog, type ImageLog } from './logs.js';
import type { ImageResult } from './result.js';
import type { RunBuildOptions } from './run-build.js';
import { vertexOwner, type VertexOwner } from './vertex-owner.js';

/** An image of the session: its build, the notes its decision gave, and what to do once it is built. */
export interface BakeMember {
  readonly build: ImageBuild;
  readonly notes?: readonly string[];
  readonly built?: () => Promise<void>;
}

export type RunBakeOptions = Pick<RunBuildOptions, 'docker' | 'env' | 'globalArgs' | 'root' | 'logsDir' | 'progress' | 'signal' | 'now'>;

export interface BakeOutcome {
  /** Results of the images bake built (status `built`), by id. */
  readonly built: ReadonlyMap<string, ImageResult>;
  /** Results of the images whose own build failed in the session (status `failed`), by id. */
  readonly failed: ReadonlyMap<string, ImageResult>;
  /** What the engine says of each built image, by its primary tag. */
  readonly images: ReadonlyMap<string, LocalImage>;
  /** bake's exit code. */
  readonly exitCode: number;
  /** bake's own last lines (not any image's): its error when it failed. */
  readonly tail: readonly string[];
}

export async function runBake(batch: BakeSession, members: ReadonlyMap<string, BakeMember>, options: RunBakeOptions): Promise<BakeOutcome> {
  const now = options.now ?? Date.now;
  const began = now();
  const logs = new Map<string, ImageLog>();
  const bakeLines: string[] = [];
  const env = { ...BUILD_ENV, ...options.env };
  const ids = [...batch.targets.values()];
  const command = `$ ${commandLine(batch.argv, {})} <<< (bake file of ${ids.length} images: ${ids.join(', ')})`;
  for (const [name, id] of batch.targets) {
    const member = members.get(id) as BakeMember;
    const log = openImageLog(logFileOf(options.root, options.logsDir, name));
    logs.set(id, log);
    log.write(command);
    member.notes?.forEach((line) => log.write(line));
    options.progress.start(id);
  }
  const sorter = bakeLineSorter(new Set(batch.targets.keys()), await ownerOf(batch, members));
  const built = new Map<string, ImageResult>();
  const failed = new Map<string, ImageResult>();
  const recording: Promise<void>[] = [];
  /** An image is in the store: it is done, whatever happens to the others (its size is asked for at the end, for all at once). */
  const exported = (id: string): void => {
    if (built.has(id)) return;
    const member = members.get(id) as BakeMember;
    const result: ImageResult = {
      id,
      status: 'built',
      ms: now() - began,
      tags: member.build.tags,
      logFile: (logs.get(id) as ImageLog).file,
    };
    built.set(id, result);
    recording.push(member.built?.() ?? Promise.resolve());
    options.progress.done(result);
  };
  /** BuildKit failed one of the image's own builds: its result is this session's, not a reason to build it again. */
  const failedOwn = (id: string, reason: string): void => {
    if (built.has(id) || failed.has(id)) return;
    const member = members.get(id) as BakeMember;
    const log = logs.get(id) as ImageLog;
    const result: ImageResult = {
      id,
      status: 'failed',
      ms: now() - began,
      tags: member.build.tags,
      logFile: log.file,
      reason,
      tail: log.tail(),
    };
    failed.set(id, result);
    options.progress.done(result);
  };
  let exitCode = 1;
  try {
    const result = await options.docker.run(batch.argv, {
      cwd: options.root,
      env,
      input: JSON.stringify(batch.file),
      ...(options.signal ? { signal: options.signal } : {}),
      onLine: (line) => {
        const sorted = sorter.sort(line);
        const id = sorted.target === undefined ? undefined : batch.targets.get(sorted.target);
        if (id === undefined) {
          if (line.trim() === '') return;
          bakeLines.push(line);
          if (bakeLines.length > 20) bakeLines.shift();
          // bake's verdict (`ERROR: …`) concerns the images it did not finish
          if (/^ERROR\b/.test(line)) for (const [i, log] of logs) if (!built.has(i)) log.write(line);
          return;
        }
        const text = sorted.own ?? line;
        logs.get(id)?.write(text);
        // no event of an image after its result
        if (!built.has(id) && !failed.has(id)) options.progress.line(id, text);
        if (sorted.exported) exported(id);
        if (sorted.failed !== undefined) failedOwn(id, `failed to solve: ${sorted.failed}`);
      },
    });
    exitCode = result.exitCode;
    if (exitCode === 0) ids.forEach(exported);
  } finally {
    await Promise.all([...logs.values()].map((l) => l.close()));
    await Promise.all(recording);
  }
  // one question to the engine for what bake made: sizes for the summary, layers for the base check
  const images = await inspectLocal(
    options,
    [...built.values()].flatMap((r) => r.tags.slice(0, 1)),
  );
  for (const [id, r] of built) {
    const size = images.get(r.tags[0] ?? '')?.size;
    if (size !== undefined) built.set(id, { ...r, size });
  }
  // the tail of a failed image's log as it ends (bake's own error lines included)
  for (const [id, r] of failed) failed.set(id, { ...r, tail: (logs.get(id) as ImageLog).tail() });
  return { built, failed, images, exitCode, tail: bakeLines };
}

/** Who owns a build BuildKit named under a target (vertex-owner.ts): from the targets' Dockerfiles and their ancestors in the batch. */
async function ownerOf(batch: BakeSession, members: ReadonlyMap<string, BakeMember>): Promise<VertexOwner> {
  const nameOf = new Map([...batch.targets].map(([name, id]) => [id, name]));
  const dockerfiles = new Map(
    await Promise.all([...batch.dockerfiles].map(async ([name, file]) => [name, await readFile(file, 'utf8').catch(() => '')] as const)),
  );
  const walk = (id: string): string[] => {
    const parents = (members.get(id)?.build.parents ?? []).filter((p) => nameOf.has(p));
    // nearest first: the parents, then theirs
    return [...new Set([...parents, ...parents.flatMap(walk)])];
  };
  const ancestors = new Map([...batch.targets].map(([name, id]) => [name, walk(id).map((p) => nameOf.get(p) as string)]));
  return vertexOwner(dockerfiles, ancestors);
}
