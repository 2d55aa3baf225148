/**
 * Pushes every tag of some images with `docker push`, through the {@link DockerExec} seam.
 *
 * - Only images in the local store are pushed; the others are reported as not built.
 * - Up to `parallel` images are pushed at once (one `docker push` each); an image's own tags go one
 *   after another, so its layers are uploaded once and its other tags only add a manifest.
 * - Transient failures (connection refused/reset, timeouts, 5xx) are retried with exponential
 *   backoff, a bounded number of times; auth failures never are.
 * - Once a registry refused the credentials or stayed unreachable, its other tags are not tried.
 * - Credentials are docker's own (its login state in DOCKER_CONFIG): nothing here ever puts one
 *   on argv, in the environment or in the output.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import pLimit from 'p-limit';
import { dockerRun, type Engine } from '../engine/engine.js';
import { inspectLocal } from '../engine/images.js';
import { classifyFailure, lastLine, pushedDigest, registryAdvice, registryOf, type RegistryFailure } from './registry-ref.js';

export interface PushItem {
  readonly id: string;
  /** Full references, the primary one first. */
  readonly tags: readonly string[];
  /** `false` for images that are never pushed (intermediate bases). */
  readonly push: boolean;
}

export interface PushOptions extends Engine {
  readonly signal?: AbortSignal;
  /** Images pushed at once (default 1). */
  readonly parallel?: number;
  /** Tries per tag (default 4: one push and three retries). */
  readonly attempts?: number;
  /** Wait before the first retry; doubled before each next one (default 1000 ms). */
  readonly backoffMs?: number;
  /** What happened, a line at a time (retries, pushed digests). */
  readonly log?: (line: string) => void;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type TagResult =
  | { readonly ref: string; readonly status: 'pushed'; readonly digest?: string }
  | { readonly ref: string; readonly status: 'failed'; readonly kind: RegistryFailure; readonly reason: string }
  /** Not tried: its registry already failed for an earlier tag. */
  | { readonly ref: string; readonly status: 'not-tried'; readonly reason: string };

export type ImagePushStatus = 'pushed' | 'failed' | 'not-built' | 'never-pushed';

export interface ImagePushResult {
  readonly id: string;
  readonly status: ImagePushStatus;
  readonly tags: readonly TagResult[];
}

export interface PushReport {
  readonly images: readonly ImagePushResult[];
  /** One line per registry that failed: what happened and what to do. */
  readonly advice: readonly string[];
  /** No tag failed. */
  readonly ok: boolean;
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  sleepFor(ms, undefined, signal ? { signal } : {}).then(
    () => undefined,
    () => undefined,
  );

const docker = (t: Engine, args: readonly string[], signal?: AbortSignal) => dockerRun(t, args, signal ? { signal } : {});

/** True when `ref` is in the local image store. */
export const existsLocally = async (t: Engine, ref: string): Promise<boolean> => (await inspectLocal(t, [ref])).has(ref);

/** One `docker push`, retried on transient failures. */
export async function pushRef(ref: string, opts: PushOptions): Promise<TagResult> {
  const attempts = Math.max(1, opts.attempts ?? 4);
  const sleep = opts.sleep ?? defaultSleep;
  let wait = opts.backoffMs ?? 1_000;
  for (let attempt = 1; ; attempt++) {
    const r = await docker(opts, ['push', ref], opts.signal);
    if (r.exitCode === 0) {
      const digest = pushedDigest(r.stdout);
      return { ref, status: 'pushed', ...(digest ? { digest } : {}) };
    }
    const output = `${r.stderr}\n${r.stdout}`;
    const kind = opts.signal?.aborted ? 'other' : classifyFailure(output);
    const reason = opts.signal?.aborted
      ? 'interrupted'
      : lastLine(r.stderr) || lastLine(r.stdout) || `docker push exited with ${r.exitCode}`;
    if (kind !== 'transient' || attempt >= attempts) return { ref, status: 'failed', kind, reason };
    opts.log?.(`retrying ${ref} in ${wait / 1000}s (attempt ${attempt + 1} of ${attempts}): ${reason}`);
    await sleep(wait, opts.signal);
    wait *= 2;
  }
}

/** What the pushes of one run share: the registries that failed (their other tags are not tried) and what to tell the user. */
interface PushRun {
  readonly opts: PushOptions;
  readonly attempts: number;
  readonly downRegistries: Map<string, string>;
  readonly advice: Map<string, string>;
}

async function pushImage(item: PushItem, run: PushRun): Promise<ImagePushResult> {
  const { opts } = run;
  if (!item.push) return { id: item.id, status: 'never-pushed', tags: [] };
  const present = await Promise.all(item.tags.map((ref) => existsLocally(opts, ref)));
  if (!present.some(Boolean)) return { id: item.id, status: 'not-built', tags: [] };
  const tags: TagResult[] = [];
  for (const ref of item.tags.filter((_, i) => present[i])) {
    const registry = registryOf(ref);
    const down = run.downRegistries.get(registry);
    if (down !== undefined || opts.signal?.aborted) {
      tags.push({ ref, status: 'not-tried', reason: down ?? 'interrupted' });
      continue;
    }
    const result = await pushRef(ref, opts);
    tags.push(result);
    if (result.status === 'pushed') opts.log?.(`pushed ${ref}${result.digest ? ` ${result.digest}` : ''}`);
    else if (result.status === 'failed') {
      opts.log?.(`failed ${ref}: ${result.reason}`);
      if (result.kind !== 'other') {
        run.downRegistries.set(registry, `registry ${registry} failed for ${ref}`);
        run.advice.set(registry, `${registryAdvice(registry, result.kind, run.attempts)} (${result.reason})`);
      }
    }
  }
  return { id: item.id, status: tags.every((t) => t.status === 'pushed') ? 'pushed' : 'failed', tags };
}

/** Pushes every item; the report lists them in the order given, whichever finished first. */
export async function pushImages(items: readonly PushItem[], opts: PushOptions): Promise<PushReport> {
  const run: PushRun = { opts, attempts: Math.max(1, opts.attempts ?? 4), downRegistries: new Map(), advice: new Map() };
  const limit = pLimit(Math.max(1, opts.parallel ?? 1));
  const images = await Promise.all(items.map((item) => limit(() => pushImage(item, run))));
  return { images, advice: [...run.advice.values()], ok: images.every((i) => i.status !== 'failed') };
}
