/**
 * The loop of `dockwright watch`: a first run of everything selected, then one run per burst of
 * changes. Changes are collected until none came for `debounceMs` (a save that writes three files
 * is one run). A burst that reaches what the current run builds (or reloads the project) aborts it
 * and starts again with both; one that does not waits for it to end. The watcher, the clock and
 * what a run does come in from outside, so the loop is tested with fakes (the real ones:
 * fs-watcher.ts, the watch action).
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
  readonly debounceMs: number;
  /** Stops the loop: the running run is aborted and awaited, the watcher closed. */
  readonly signal: AbortSignal;
  /** The first run (default: load the project, build and test everything selected). */
  readonly first?: Affected;
  /** Told of every burst of changes that counts: what it asks for, and whether it restarts the running run. */
  readonly onBurst?: (changed: readonly string[], target: Affected, restart: boolean) => void;
}

/** Both targets at once: a reload covers every image. */
export const mergeTargets = (a: Affected | undefined, b: Affected): Affected =>
  a === undefined ? b : a.reload || b.reload ? { reload: true } : { reload: false, ids: [...new Set([...a.ids, ...b.ids])] };

const overlaps = (a: Affected, b: Affected): boolean => a.reload || b.reload || a.ids.some((id) => b.ids.includes(id));

const isEmpty = (t: Affected): boolean => !t.reload && t.ids.length === 0;

/** Runs until `signal` aborts: the first run at once, then one per burst of changes. */
export async function watchLoop(session: WatchSession, o: WatchLoopOptions): Promise<void> {
  let changed: string[] = [];
  let timer: unknown;
  let pending: Affected | undefined;
  let running: { target: Affected; controller: AbortController; done: Promise<void> } | undefined;
  let watcher: Watcher | undefined;
  let stopped = false;

  const rewatch = (): void => {
    const next = o.watch(session.paths(), onChange);
    watcher?.close();
    watcher = next;
  };

  const start = (target: Affected): void => {
    const controller = new AbortController();
    const done = session.run(target, controller.signal).then(() => {
      running = undefined;
      if (stopped) return;
      if (target.reload) rewatch();
      const next = pending;
      pending = undefined;
      if (next) start(next);
    });
    running = { target, controller, done };
  };

  const flush = (): void => {
    timer = undefined;
    const burst = changed;
    changed = [];
    const target = session.affected(burst);
    if (isEmpty(target)) return;
    const restart = running !== undefined && overlaps(running.target, target);
    o.onBurst?.(burst, target, restart);
    if (!running) return start(target);
    if (restart) {
      // abort and start again with what it was doing: what it finished is up to date by its digest
      pending = mergeTargets(mergeTargets(pending, running.target), target);
      running.controller.abort(new Error('changed while building'));
    } else pending = mergeTargets(pending, target);
  };

  function onChange(path: string): void {
    if (stopped) return;
    changed.push(path);
    if (timer !== undefined) o.clock.clearTimeout(timer);
    timer = o.clock.setTimeout(flush, o.debounceMs);
  }

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      stopped = true;
      if (timer !== undefined) o.clock.clearTimeout(timer);
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
