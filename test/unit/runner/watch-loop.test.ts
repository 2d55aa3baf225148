/** The watch loop with a fake watcher, a fake clock and a session whose runs end when the test says. */
import { describe, expect, it } from 'vitest';
import type { Affected } from '../../../src/incremental/watch-inputs.js';
import { watchLoop, type Clock, type WatchPath, type WatchSession } from '../../../src/runner/watch/watch-loop.js';

interface Run {
  readonly target: Affected;
  readonly signal: AbortSignal;
  finish(): void;
}

function harness(affected: (changed: readonly string[]) => Affected) {
  const timers = new Map<number, { fn: () => void; at: number }>();
  let now = 0;
  let next = 1;
  const clock: Clock = {
    setTimeout: (fn, ms) => {
      timers.set(next, { fn, at: now + ms });
      return next++;
    },
    clearTimeout: (h) => void timers.delete(h as number),
  };
  const advance = (ms: number): void => {
    now += ms;
    for (const [h, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > now) continue;
      timers.delete(h);
      t.fn();
    }
  };
  let emit: (path: string) => void = () => undefined;
  const watched: (readonly WatchPath[])[] = [];
  let closed = 0;
  const runs: Run[] = [];
  const session: WatchSession = {
    paths: () => [{ path: `/p/round${watched.length}`, recursive: true }],
    affected,
    run: (target, signal) =>
      new Promise<void>((resolve) => {
        runs.push({ target, signal, finish: resolve });
        // an aborted run ends soon after, as executeBuild does
        signal.addEventListener('abort', () => resolve(), { once: true });
      }),
  };
  const controller = new AbortController();
  const loop = watchLoop(session, {
    watch: (paths, onChange) => {
      watched.push(paths);
      emit = onChange;
      return { close: () => void closed++ };
    },
    clock,
    debounceMs: 100,
    signal: controller.signal,
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { emit: (p: string) => emit(p), advance, runs, watched, closed: () => closed, stop: () => controller.abort(), loop, settle };
}

const byDir = (changed: readonly string[]): Affected =>
  changed.some((p) => p.startsWith('/p/definitions/'))
    ? { reload: true }
    : { reload: false, ids: [...new Set(changed.filter((p) => p.startsWith('/p/ctx/')).map((p) => p.split('/')[3] as string))] };

describe('watchLoop', () => {
  it('runs first, then once per burst: changes closer than the debounce coalesce; ignored bursts run nothing', async () => {
    const h = harness(byDir);
    expect(h.runs.map((r) => r.target)).toEqual([{ reload: true }]);
    h.runs[0]?.finish();
    await h.settle();
    // the first run loaded the project: watch what it says now
    expect(h.watched).toHaveLength(2);
    expect(h.closed()).toBe(1);
    h.emit('/p/ctx/a/x');
    h.advance(60);
    h.emit('/p/ctx/b/y');
    h.advance(60);
    h.emit('/p/ctx/a/z');
    h.advance(99);
    expect(h.runs).toHaveLength(1);
    h.advance(1);
    expect(h.runs.map((r) => r.target)).toEqual([{ reload: true }, { reload: false, ids: ['a', 'b'] }]);
    h.runs[1]?.finish();
    await h.settle();
    // a run without a reload watches the same paths
    expect(h.watched).toHaveLength(2);
    h.emit('/p/elsewhere/readme');
    h.advance(100);
    expect(h.runs).toHaveLength(2);
    h.stop();
    await h.loop;
  });

  it('a change to what is building aborts the run and starts again with both; other changes wait for it', async () => {
    const h = harness(byDir);
    h.runs[0]?.finish();
    await h.settle();
    h.emit('/p/ctx/a/x');
    h.advance(100);
    expect(h.runs[1]?.target).toEqual({ reload: false, ids: ['a'] });
    h.emit('/p/ctx/c/x');
    h.advance(100);
    // c is not what the run builds: it waits
    expect(h.runs[1]?.signal.aborted).toBe(false);
    expect(h.runs).toHaveLength(2);
    h.emit('/p/ctx/a/again');
    h.advance(100);
    expect(h.runs[1]?.signal.aborted).toBe(true);
    await h.settle();
    expect(h.runs[2]?.target).toEqual({ reload: false, ids: ['c', 'a'] });
    // a definition change reloads, aborting whatever runs
    h.emit('/p/definitions/app.ts');
    h.advance(100);
    expect(h.runs[2]?.signal.aborted).toBe(true);
    await h.settle();
    expect(h.runs[3]?.target).toEqual({ reload: true });
    h.stop();
    await h.loop;
  });

  it('stopping aborts the running run, waits for it, and closes the watcher', async () => {
    const h = harness(byDir);
    let ended = false;
    void h.loop.then(() => (ended = true));
    h.stop();
    expect(h.runs[0]?.signal.aborted).toBe(true);
    await h.loop;
    expect(ended).toBe(true);
    expect(h.closed()).toBe(1);
    // nothing starts after the stop
    h.emit('/p/ctx/a/x');
    h.advance(1000);
    expect(h.runs).toHaveLength(1);
  });
});
