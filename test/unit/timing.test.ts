/** The DOCKWRIGHT_TIMING lines: from the process's start, or (a watch round) from the first mark. */
import { afterEach, describe, expect, it } from 'vitest';
import { formatTiming, phaseDone, resetTiming } from '../../src/timing.js';

const busy = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const times = (text: string): number[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => Number(/^timing:\s+(\d+) ms/.exec(l)?.[1]));

describe('formatTiming', () => {
  afterEach(() => resetTiming());

  it('from the first mark when asked: a watch round starts at 0 ms with the change that started it', () => {
    resetTiming();
    phaseDone('change seen: ctx/app/main.sh');
    busy(15);
    phaseDone('run over');
    const round = formatTiming({ fromFirst: true });
    expect(round).toMatch(/^timing: +0 ms {2}\+ +0 ms .* change seen: ctx\/app\/main\.sh\n/);
    const [first, last] = times(round);
    expect(first).toBe(0);
    expect(last).toBeGreaterThanOrEqual(15);
    // by default, from the process's start
    expect(times(formatTiming())[0]).toBeGreaterThan(0);
  });
});
