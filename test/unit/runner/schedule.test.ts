import { describe, expect, it } from 'vitest';
import { schedule, type Job, type JobOutcome } from '../../../src/runner/schedule.js';
import { deferred } from '../support/fake-docker.js';

const job = (id: string, ...parents: string[]): Job => ({ id, parents });
const tick = () => new Promise((r) => setTimeout(r, 0));

/** Jobs that run until the test releases them; records start order and peak concurrency. */
function controlled() {
  const gates = new Map<string, ReturnType<typeof deferred<JobOutcome | Error>>>();
  const started: string[] = [];
  let running = 0;
  let peak = 0;
  const run = async (j: Job, signal: AbortSignal): Promise<JobOutcome> => {
    const gate = deferred<JobOutcome | Error>();
    gates.set(j.id, gate);
    started.push(j.id);
    peak = Math.max(peak, ++running);
    signal.addEventListener('abort', () => gate.resolve(new Error('aborted')));
    try {
      const r = await gate.promise;
      if (r instanceof Error) throw r;
      return r;
    } finally {
      running--;
    }
  };
  const release = async (id: string, outcome: JobOutcome | Error = 'built') => {
    gates.get(id)?.resolve(outcome);
    await tick();
    await tick();
  };
  return { run, release, started, peak: () => peak };
}

describe('schedule', () => {
  it('starts a child the moment its parents are done, not when its level is', async () => {
    // a ← a1 ; b (slow) ← b1. Level by level, a1 would wait for b.
    const c = controlled();
    const done = schedule([job('a'), job('b'), job('a1', 'a'), job('b1', 'b')], c.run, { parallel: 4 });
    await tick();
    expect(c.started).toEqual(['a', 'b']);
    await c.release('a');
    expect(c.started).toEqual(['a', 'b', 'a1']);
    await c.release('a1');
    await c.release('b');
    await c.release('b1');
    expect((await done).map((r) => r.status)).toEqual(['built', 'built', 'built', 'built']);
  });

  it('never runs more than `parallel` jobs at once', async () => {
    const c = controlled();
    const jobs = ['a', 'b', 'c', 'd', 'e'].map((id) => job(id));
    const done = schedule(jobs, c.run, { parallel: 2 });
    await tick();
    expect(c.started).toEqual(['a', 'b']);
    await c.release('b');
    expect(c.started).toEqual(['a', 'b', 'c']);
    for (const id of ['a', 'c', 'd', 'e']) await c.release(id);
    await done;
    expect(c.peak()).toBe(2);
  });

  it('a job waits for all of its parents', async () => {
    const c = controlled();
    const done = schedule([job('a'), job('b'), job('ab', 'a', 'b')], c.run, { parallel: 4 });
    await c.release('a');
    expect(c.started).not.toContain('ab');
    await c.release('b');
    expect(c.started).toContain('ab');
    await c.release('ab');
    await done;
  });

  it('skips the descendants of a failed job and keeps building independent ones', async () => {
    const c = controlled();
    const done = schedule([job('base'), job('mid', 'base'), job('top', 'mid'), job('other'), job('other2', 'other')], c.run, {
      parallel: 1,
    });
    await c.release('base');
    await c.release('mid', new Error('RUN failed'));
    await c.release('other');
    await c.release('other2');
    const results = await done;
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['base', 'built'],
      ['mid', 'failed'],
      ['top', 'skipped-dependency'],
      ['other', 'built'],
      ['other2', 'built'],
    ]);
    expect(results[2]?.blockedBy).toBe('mid');
    expect((results[1]?.error as Error).message).toBe('RUN failed');
  });

  it('with failFast, aborts the running jobs and starts no more', async () => {
    const c = controlled();
    const done = schedule([job('a'), job('b'), job('c'), job('b1', 'b')], c.run, { parallel: 2, failFast: true });
    await tick();
    await c.release('a', new Error('boom'));
    const results = await done;
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['a', 'failed'],
      ['b', 'cancelled'],
      ['c', 'cancelled'],
      ['b1', 'cancelled'],
    ]);
    expect([...c.started].sort()).toEqual(['a', 'b']);
  });

  it('on abort, stops the running jobs and cancels the rest', async () => {
    const c = controlled();
    const stop = new AbortController();
    const done = schedule([job('a'), job('b'), job('a1', 'a')], c.run, { parallel: 1, signal: stop.signal });
    await tick();
    stop.abort();
    expect((await done).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(c.started).toEqual(['a']);
  });

  it('reports each job once through onStart/onResult, and takes parents outside the plan as present', async () => {
    const events: string[] = [];
    const results = await schedule([job('x', 'elsewhere'), job('y', 'x')], async () => 'up-to-date', {
      parallel: 2,
      onStart: (id) => events.push(`start ${id}`),
      onResult: (r) => events.push(`${r.status} ${r.id}`),
    });
    expect(events).toEqual(['start x', 'up-to-date x', 'start y', 'up-to-date y']);
    expect(results.map((r) => r.status)).toEqual(['up-to-date', 'up-to-date']);
  });
});

describe('schedule order', () => {
  it('starts the job with the longest chain behind it first', async () => {
    const c = controlled();
    const done = schedule([job('x'), job('y'), job('base'), job('mid', 'base'), job('top', 'mid')], c.run, { parallel: 1 });
    await tick();
    expect(c.started).toEqual(['base']);
    for (const id of ['base', 'mid', 'x', 'y', 'top']) await c.release(id);
    // then the order given: top (a leaf now) comes after x and y
    expect(c.started).toEqual(['base', 'mid', 'x', 'y', 'top']);
    await done;
  });
});
