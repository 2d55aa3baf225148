/**
 * Reads the current step out of BuildKit's `--progress=plain` output, where a step starts with a
 * line like `#7 [build 2/5] RUN make` (and `#7 0.512 …` lines are its output).
 */
const STEP = /^#\d+ \[([^\]]*\d+\/\d+)\] (.*)$/;

/** `[build 2/5] RUN make` for a step line, undefined for any other line. */
export function stepOf(line: string): string | undefined {
  const m = STEP.exec(line);
  return m ? `[${m[1]}] ${m[2]}` : undefined;
}

const VERTEX = /^#(\d+) (.*)$/s;
const FINISHED = /^(DONE|CACHED|ERROR|CANCELED)\b/;

/**
 * Which Dockerfile step of one image is running, from its progress lines. BuildKit prints a
 * step's header again whenever its output resumes after another step's (`#5 [1/2] FROM …` once
 * more, then `#5 DONE`), and runs independent steps side by side: a step counts as running from
 * its first header to its DONE / CACHED / ERROR / CANCELED line, and the current one is the
 * latest that started and is still running.
 */
export interface StepTracker {
  /** Feeds one line; returns the step it starts, when it is a step's first header. */
  line(line: string): string | undefined;
  /** The step to show: the latest still running, else the last one seen. */
  current(): string | undefined;
}

export function stepTracker(): StepTracker {
  const running = new Map<string, string>();
  const seen = new Set<string>();
  let last: string | undefined;
  return {
    line(line) {
      const m = VERTEX.exec(line);
      if (!m) return undefined;
      const [, id = '', text = ''] = m;
      if (FINISHED.test(text)) {
        running.delete(id);
        return undefined;
      }
      const step = stepOf(line);
      if (step === undefined || seen.has(id)) return undefined;
      seen.add(id);
      running.set(id, step);
      last = step;
      return step;
    },
    current: () => [...running.values()].at(-1) ?? last,
  };
}
