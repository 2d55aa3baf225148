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
    settleMs: 10,
    signal: controller.signal,
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { emit: (p: string) => emit(p), advance, runs, watched, closed: () => closed, stop: () => controller.abort(), loop, settle };
}

const byDir = (changed: readonly string[]): Affected =>
  changed.some((p) => p.startsWith('/p/definitions/'))
    ? { reload: true }
    : { reload: false, ids: [...new Set(changed.filter((p) => p.startsWith('/p/ctx/')).map((p) => p.split('/')[3] as string))] };

/** A loop whose first run has ended. */
async function afterFirstRun() {
  const h = harness(byDir);
  h.runs[0]?.finish();
  await h.settle();
  return h;
}

describe('watchLoop', () => {
  it("runs first, then a burst's first run once its events settle, without waiting for the burst to end; ignored changes run nothing", async () => {
    const h = harness(byDir);
    expect(h.runs.map((r) => r.target)).toEqual([{ reload: true }]);
    h.runs[0]?.finish();
    await h.settle();
    // the first run loaded the project: watch what it says now
    expect(h.watched).toHaveLength(2);
    expect(h.closed()).toBe(1);
    // the events of one save, a few ms apart: one run, started 10 ms after the last
    h.emit('/p/ctx/a/x');
    h.advance(4);
    h.emit('/p/ctx/b/y');
    h.advance(9);
    expect(h.runs).toHaveLength(1);
    h.advance(1);
    expect(h.runs.map((r) => r.target)).toEqual([{ reload: true }, { reload: false, ids: ['a', 'b'] }]);
    h.runs[1]?.finish();
    await h.settle();
    // a run without a reload watches the same paths
    expect(h.watched).toHaveLength(2);
    // the burst is still going (less than 100 ms since its last change): nothing runs twice
    h.advance(200);
    expect(h.runs).toHaveLength(2);
    // an ignored change is no burst: it delays nothing that follows
    h.emit('/p/elsewhere/readme');
    h.advance(5);
    h.emit('/p/ctx/c/x');
    h.advance(10);
    expect(h.runs.map((r) => r.target)).toHaveLength(3);
    expect(h.runs[2]?.target).toEqual({ reload: false, ids: ['c'] });
    h.stop();
    await h.loop;
  });

  it('a later change of the burst aborts what it reaches at once and starts it again, with everything, once the burst is over', async () => {
    const h = await afterFirstRun();
    h.emit('/p/ctx/a/1');
    h.advance(10);
    expect(h.runs[1]?.target).toEqual({ reload: false, ids: ['a'] });
    // the burst goes on: b waits, a is aborted at once (its build would be of content already stale)
    h.emit('/p/ctx/b/1');
    h.advance(50);
    expect(h.runs[1]?.signal.aborted).toBe(false);
    h.emit('/p/ctx/a/2');
    expect(h.runs[1]?.signal.aborted).toBe(true);
    await h.settle();
    // nothing starts while the burst goes on
    for (let i = 3; i < 8; i++) {
      h.advance(60);
      h.emit(`/p/ctx/a/${i}`);
    }
    await h.settle();
    expect(h.runs).toHaveLength(2);
    h.advance(99);
    expect(h.runs).toHaveLength(2);
    h.advance(1);
    expect(h.runs[2]?.target).toEqual({ reload: false, ids: ['a', 'b'] });
    expect(h.runs).toHaveLength(3);
    h.stop();
    await h.loop;
  });

  it('a change to what is building aborts the run and starts again with both; other changes wait for it', async () => {
    const h = await afterFirstRun();
    h.emit('/p/ctx/a/x');
    h.advance(100);
    expect(h.runs[1]?.target).toEqual({ reload: false, ids: ['a'] });
    h.emit('/p/ctx/c/x');
    h.advance(100);
    // c is not what the run builds: it waits
    expect(h.runs[1]?.signal.aborted).toBe(false);
    expect(h.runs).toHaveLength(2);
    // a new burst that reaches the run: aborted, and started again with both as soon as it ended
    h.emit('/p/ctx/a/again');
    h.advance(10);
    expect(h.runs[1]?.signal.aborted).toBe(true);
    await h.settle();
    expect(h.runs[2]?.target).toEqual({ reload: false, ids: ['c', 'a'] });
    // a definition change reloads, aborting whatever runs
    h.advance(200);
    h.emit('/p/definitions/app.ts');
    h.advance(10);
    expect(h.runs[2]?.signal.aborted).toBe(true);
    await h.settle();
    expect(h.runs[3]?.target).toEqual({ reload: true });
    h.stop();
    await h.loop;
  });

  it('what waited for the running run starts when it ends: a new burst at once, a later change of the same burst when the burst is over', async () => {
    const h = await afterFirstRun();
    h.emit('/p/ctx/a/x');
    h.advance(100);
    // a new burst that does not reach the run waits for it, then starts at once
    h.emit('/p/ctx/b/x');
    h.advance(10);
    expect(h.runs).toHaveLength(2);
    h.runs[1]?.finish();
    await h.settle();
    expect(h.runs[2]?.target).toEqual({ reload: false, ids: ['b'] });
    // a later change of b's burst, not reaching the run: collected until the burst is over
    h.emit('/p/ctx/c/x');
    h.runs[2]?.finish();
    await h.settle();
    h.advance(99);
    expect(h.runs).toHaveLength(3);
    h.advance(1);
    expect(h.runs[3]?.target).toEqual({ reload: false, ids: ['c'] });
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
