/** `--progress json`: one JSON object per line, `{type: 'start' | 'step' | 'done', image, time, …}`. */
import type { Output } from './output.js';
import type { Progress } from './progress.js';
import { stepTracker, type StepTracker } from './step-line.js';

export function jsonProgress(out: Output, now: () => number): Progress {
  const emit = (event: Record<string, unknown>): void =>
    out.write(`${JSON.stringify({ ...event, time: new Date(now()).toISOString() })}\n`);
  const steps = new Map<string, StepTracker>();
  return {
    start: (image) => {
      steps.set(image, stepTracker());
      emit({ type: 'start', image });
    },
    // one event per step, when it starts (BuildKit repeats a step's header as its output resumes)
    line: (image, line) => {
      const step = (steps.get(image) ?? steps.set(image, stepTracker()).get(image))?.line(line);
      if (step !== undefined) emit({ type: 'step', image, step });
    },
    done: (r) =>
      emit({ type: 'done', image: r.id, status: r.status, ms: r.ms, tags: r.tags, size: r.size, log: r.logFile, reason: r.reason }),
    close: () => {},
  };
}
