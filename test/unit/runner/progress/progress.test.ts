import { describe, expect, it, vi } from 'vitest';
import { jsonProgress } from '../../../../src/runner/progress/json.js';
import { liveProgress } from '../../../../src/runner/progress/live.js';
import { plainProgress } from '../../../../src/runner/progress/plain.js';
import { createProgress } from '../../../../src/runner/progress/progress.js';
import { stepOf, stepTracker } from '../../../../src/runner/progress/step-line.js';
import type { ImageResult } from '../../../../src/runner/result.js';

const sink = (isTTY = false) => {
  const chunks: string[] = [];
  return { write: (t: string) => void chunks.push(t), isTTY, text: () => chunks.join(''), chunks };
};
const built: ImageResult = { id: 'app', status: 'built', ms: 12_300, tags: ['app:1'], size: 2_000_000, logFile: '/p/build-logs/app.log' };

describe('stepOf', () => {
  it('reads the step of a BuildKit plain-progress line', () => {
    expect(stepOf('#7 [build 2/5] RUN make -j4')).toBe('[build 2/5] RUN make -j4');
    expect(stepOf('#3 [internal] load build definition from Dockerfile')).toBeUndefined();
    expect(stepOf('#7 0.512 gcc -c main.c')).toBeUndefined();
    expect(stepOf('#7 DONE 2.1s')).toBeUndefined();
  });
});
describe('stepTracker', () => {
  it('shows the latest step still running: a repeated header or a finished step does not take over', () => {
    const t = stepTracker();
    expect(t.current()).toBeUndefined();
    expect(t.line('#5 [1/2] FROM busybox:stable')).toBe('[1/2] FROM busybox:stable');
    expect(t.line('#6 [2/2] RUN sleep 2')).toBe('[2/2] RUN sleep 2');
    expect(t.current()).toBe('[2/2] RUN sleep 2');
    // BuildKit prints #5's header again as its output resumes: not a new step
    expect(t.line('#5 [1/2] FROM busybox:stable')).toBeUndefined();
    expect(t.line('#5 DONE 0.0s')).toBeUndefined();
    expect(t.current()).toBe('[2/2] RUN sleep 2');
    t.line('#6 1.02 compiling');
    expect(t.current()).toBe('[2/2] RUN sleep 2');
    t.line('#6 DONE 2.1s');
    // nothing running any more: the last step seen stays
    expect(t.current()).toBe('[2/2] RUN sleep 2');
  });
});

describe('plain progress', () => {
  it('prefixes every line with its image', () => {
    const out = sink();
    const p = plainProgress(out);
    p.start('app');
    p.line('app', '#1 [main 1/1] FROM busybox');
    p.done({ ...built, status: 'failed', reason: 'exit code: 3' });
    expect(out.text()).toBe('[app] started\n[app] #1 [main 1/1] FROM busybox\n[app] failed in 12.3s: exit code: 3\n');
  });
});

describe('json progress', () => {
  it('emits one event per line: start, step, done', () => {
    const out = sink();
    const p = jsonProgress(out, () => Date.UTC(2024, 0, 1));
    p.start('app');
    p.line('app', '#5 0.1 compiling');
    p.line('app', '#5 [main 2/3] RUN make');
    p.done(built);
    const events = out
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events).toEqual([
      { type: 'start', image: 'app', time: '2024-01-01T00:00:00.000Z' },
      { type: 'step', image: 'app', step: '[main 2/3] RUN make', time: '2024-01-01T00:00:00.000Z' },
      {
        type: 'done',
        image: 'app',
        status: 'built',
        ms: 12300,
        tags: ['app:1'],
        size: 2000000,
        log: '/p/build-logs/app.log',
        time: '2024-01-01T00:00:00.000Z',
      },
    ]);
  });
});

describe('live progress', () => {
  it('shows one line per running image, redraws in place on a timer, and prints finished ones above', () => {
    vi.useFakeTimers();
    try {
      let t = 0;
      const out = sink(true);
      const p = liveProgress(out, { now: () => t, intervalMs: 100, columns: 60 });
      p.start('base');
      p.start('app');
      expect(out.chunks.at(-1)).toBe('\x1b[1F\x1b[0J  base     0ms  starting\n  app      0ms  starting\n');
      const before = out.chunks.length;
      p.line('app', '#4 [main 2/3] RUN apt-get update');
      expect(out.chunks.length).toBe(before); // lines alone never redraw
      t = 1500;
      vi.advanceTimersByTime(100);
      expect(out.chunks.at(-1)).toBe('\x1b[2F\x1b[0J  base    1.5s  starting\n  app     1.5s  [main 2/3] RUN apt-get update\n');
      p.done({ ...built, id: 'base', ms: 1500 });
      expect(out.chunks.at(-1)).toBe('\x1b[2F\x1b[0J✔ base built 1.5s\n  app    1.5s  [main 2/3] RUN apt-get update\n');
      p.line('app', '#9 [main 3/3] RUN ' + 'x'.repeat(80));
      vi.advanceTimersByTime(100);
      expect(out.chunks.at(-1)).toBe(`\x1b[1F\x1b[0J  app    1.5s  [main 3/3] RUN ${'x'.repeat(29)}…\n`);
      p.done({ ...built, status: 'failed', reason: 'exit code: 1' });
      p.close();
      expect(out.chunks.at(-1)).toBe('\x1b[?25h');
      expect(out.text()).toContain('✖ app failed 12.3s: exit code: 1\n');
    } finally {
      vi.useRealTimers();
    }
  });

  it('auto picks the live view only for a terminal', () => {
    const tty = sink(true);
    createProgress('auto', tty).start('x');
    expect(tty.text()).toContain('\x1b[');
    const pipe = sink(false);
    createProgress('auto', pipe).start('x');
    expect(pipe.text()).toBe('[x] started\n');
  });
});
