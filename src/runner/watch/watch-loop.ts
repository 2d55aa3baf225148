/**
 * The loop of `dockwright watch`: a first run of everything selected, then runs for each burst of
 * changes. A burst is changes less than `debounceMs` apart. Its first run starts as soon as no
 * change came for `settleMs` (the few events of one save, milliseconds apart, are one run), without
 * waiting for the burst to end. A change that reaches what is running (or reloads the project)
 * aborts it; when that change is part of the burst whose run is going, the run starts again, with
 * both, once the burst is over — so a burst ends in one finished run of its final content, a
 * `git checkout` of many files in at most two starts. A change that does not reach what is running
 * waits for it to end. The watcher, the clock and what a run does come in from outside, so the loop
 * is tested with fakes (the real ones: fs-watcher.ts, the watch action).
 */
import type { Affected } from '../../incremental/watch-inputs.js';

/** Something watched: a folder with everything below it, or a single file. */
export interface WatchPath {
  readonly path: string;
  readonly recursive: boolean;
}

export interface Watcher {
  close(): void;
}

/** Starts watching `paths`; `onChange` gets the absolute path of every changed file or folder. */
export type Watch = (paths: readonly WatchPath[], onChange: (path: string) => void) => Watcher;

export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WatchSession {
  /** What to watch, as the last load of the project says. */
  paths(): readonly WatchPath[];
  /** What the changed paths ask for (incremental/watch-inputs.ts). */
  affected(changed: readonly string[]): Affected;
  /** Loads the project again when `target.reload`, builds and tests; resolves (never rejects) when done or aborted. */
  run(target: Affected, signal: AbortSignal): Promise<void>;
}

export interface WatchLoopOptions {
  readonly watch: Watch;
  readonly clock: Clock;
  /** A burst is over when no change came for this long. */
  readonly debounceMs: number;
  /** A burst's first run starts when no change came for this long (default {@link DEFAULT_SETTLE_MS}; at most `debounceMs`). */
  readonly settleMs?: number;
  /** Stops the loop: the running run is aborted and awaited, the watcher closed. */
  readonly signal: AbortSignal;
  /** The first run (default: load the project, build and test everything selected). */
  readonly first?: Affected;
  /** Told of every burst of changes that counts: what it asks for, and whether it restarts the running run. */
  readonly onBurst?: (changed: readonly string[], target: Affected, restart: boolean) => void;
}

/** The events of one save (a write, a rename, an editor's backup file) come within a few milliseconds. */
export const DEFAULT_SETTLE_MS = 10;

/** Both targets at once: a reload covers every image. */
export const mergeTargets = (a: Affected | undefined, b: Affected): Affected =>
  a === undefined ? b : a.reload || b.reload ? { reload: true } : { reload: false, ids: [...new Set([...a.ids, ...b.ids])] };

const overlaps = (a: Affected, b: Affected): boolean => a.reload || b.reload || a.ids.some((id) => b.ids.includes(id));

/** Asks for nothing: no image, no reload. */
export const isEmpty = (t: Affected): boolean => !t.reload && t.ids.length === 0;

/** Runs until `signal` aborts: the first run at once, then runs for each burst of changes. */
export async function watchLoop(session: WatchSession, o: WatchLoopOptions): Promise<void> {
  const settleMs = Math.min(o.settleMs ?? DEFAULT_SETTLE_MS, o.debounceMs);
  /** Counted changes not yet handed to a run. */
  let changed: string[] = [];
  let settleTimer: unknown;
  let burstTimer: unknown;
  /** The burst (changes less than `debounceMs` apart) goes on; `led`: its first run has started. */
  let burst: { led: boolean; aborted: boolean } | undefined;
  let pending: Affected | undefined;
  let running: { target: Affected; controller: AbortController; done: Promise<void> } | undefined;
  let watcher: Watcher | undefined;
  let stopped = false;

  const rewatch = (): void => {
    const next = o.watch(session.paths(), onChange);
    watcher?.close();
    watcher = next;
  };

  const startPending = (): void => {
    const next = pending;
    pending = undefined;
    if (next) start(next);
  };

  const start = (target: Affected): void => {
    const controller = new AbortController();
    const done = session.run(target, controller.signal).then(() => {
      running = undefined;
      if (stopped) return;
      if (target.reload) rewatch();
      // what this burst aborted starts again when the burst is over; a burst still settling starts its own run
      if (burst !== undefined && (burst.aborted || !burst.led)) return;
      startPending();
    });
    running = { target, controller, done };
  };

  /** Aborts the running run when `target` reaches it; it starts again with `pending`. */
  const abortFor = (target: Affected): boolean => {
    if (!running || !overlaps(running.target, target)) return false;
    pending = mergeTargets(pending, running.target);
    if (!running.controller.signal.aborted) running.controller.abort(new Error('changed while building'));
    return true;
  };

  /** Hands the changes so far to a run: started when nothing runs, else after the running one (aborted if reached). */
  const flush = (): void => {
    const paths = changed;
    changed = [];
    const target = session.affected(paths);
    if (isEmpty(target)) return;
    const restart = abortFor(target) || burst?.aborted === true;
    o.onBurst?.(paths, target, restart);
    pending = mergeTargets(pending, target);
    if (!running) startPending();
  };

  const settled = (): void => {
    settleTimer = undefined;
    if (burst) burst.led = true;
    flush();
  };

  const over = (): void => {
    burstTimer = undefined;
    if (settleTimer !== undefined) o.clock.clearTimeout(settleTimer);
    settleTimer = undefined;
    const aborted = burst?.aborted === true;
    flush();
    burst = undefined;
    if (aborted && !running) startPending();
  };

  function onChange(path: string): void {
    if (stopped) return;
    // a path no selected image is made of (an ignored file, a build log) is no part of any burst
    const target = session.affected([path]);
    if (isEmpty(target)) return;
    changed.push(path);
    if (burstTimer !== undefined) o.clock.clearTimeout(burstTimer);
    burstTimer = o.clock.setTimeout(over, o.debounceMs);
    burst ??= { led: false, aborted: false };
    if (!burst.led) {
      if (settleTimer !== undefined) o.clock.clearTimeout(settleTimer);
      settleTimer = o.clock.setTimeout(settled, settleMs);
    } else if (abortFor(target)) burst.aborted = true;
  }

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      stopped = true;
      for (const t of [settleTimer, burstTimer]) if (t !== undefined) o.clock.clearTimeout(t);
      watcher?.close();
      const current = running;
      current?.controller.abort(o.signal.reason);
      void (current?.done ?? Promise.resolve()).then(() => resolve());
    };
    if (o.signal.aborted) return stop();
    o.signal.addEventListener('abort', stop, { once: true });
    // watch first: a file saved while the first run builds is not missed
    rewatch();
    start(o.first ?? { reload: true });
  });
}
