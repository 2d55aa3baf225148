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
