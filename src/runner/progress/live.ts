/**
 * In a terminal: a live view, one line per running image (name, current BuildKit step, elapsed),
 * redrawn in place with ANSI cursor moves at most every `intervalMs`, and one permanent line per
 * finished image printed above it.
 */
import type { Output } from './output.js';
import { statusText, type ImageResult } from '../result.js';
import { fit, formatDuration } from './format.js';
import type { Progress } from './progress.js';
import { stepTracker, type StepTracker } from './step-line.js';

export interface LiveOptions {
  readonly now?: () => number;
  readonly intervalMs?: number;
  readonly columns?: number;
}

const ESC = '\x1b[';
const mark: Record<ImageResult['status'], string> = {
  built: '✔',
  'up-to-date': '✔',
  failed: '✖',
  'skipped-dependency': '–',
  cancelled: '–',
};

export function liveProgress(out: Output, options: LiveOptions = {}): Progress {
  const now = options.now ?? Date.now;
  const columns = options.columns ?? 100;
  const running = new Map<string, { started: number; steps: StepTracker }>();
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;

  const erase = (): string => (drawn > 0 ? `${ESC}${drawn}F${ESC}0J` : '');
  const liveLines = (): string[] => {
    const width = Math.max(0, ...[...running.keys()].map((id) => id.length));
    return [...running].map(([id, r]) => {
      const head = `  ${id.padEnd(width)}  ${formatDuration(now() - r.started).padStart(6)}  `;
      return `${head}${fit(r.steps.current() ?? 'starting', Math.max(10, columns - head.length))}`;
    });
  };
  const redraw = (above = ''): void => {
    const lines = liveLines();
    out.write(`${erase()}${above}${lines.map((l) => `${l}\n`).join('')}`);
    drawn = lines.length;
  };
  const ensureTimer = (): void => {
    if (timer || running.size === 0) return;
    timer = setInterval(() => {
      if (running.size === 0) {
        clearInterval(timer);
        timer = undefined;
      } else redraw();
    }, options.intervalMs ?? 200);
    timer.unref();
  };

  return {
    start(id) {
      if (running.size === 0 && drawn === 0) out.write(`${ESC}?25l`);
      running.set(id, { started: now(), steps: stepTracker() });
      redraw();
      ensureTimer();
    },
    line(id, line) {
      // shown at the next tick: output lines never cause a redraw themselves
      running.get(id)?.steps.line(line);
    },
    done(result) {
      running.delete(result.id);
      const time = result.ms > 0 ? ` ${formatDuration(result.ms)}` : '';
      const reason = result.reason ? `: ${result.reason}` : '';
      redraw(`${mark[result.status]} ${result.id} ${statusText[result.status]}${time}${fit(reason, columns)}\n`);
    },
    close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      out.write(`${erase()}${ESC}?25h`);
      drawn = 0;
    },
  };
}
