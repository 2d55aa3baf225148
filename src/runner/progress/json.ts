/** `--progress json`: one JSON object per line, `{type: 'start' | 'step' | 'done', image, time, …}`. */
import type { Output } from './output.js';
import type { Progress } from './progress.js';
import { stepOf } from './step-line.js';

export function jsonProgress(out: Output, now: () => number): Progress {
  const emit = (event: Record<string, unknown>): void =>
    out.write(`${JSON.stringify({ ...event, time: new Date(now()).toISOString() })}\n`);
  return {
    start: (image) => emit({ type: 'start', image }),
    line: (image, line) => {
      const step = stepOf(line);
      if (step !== undefined) emit({ type: 'step', image, step });
    },
    done: (r) =>
      emit({ type: 'done', image: r.id, status: r.status, ms: r.ms, tags: r.tags, size: r.size, log: r.logFile, reason: r.reason }),
    close: () => {},
  };
}
