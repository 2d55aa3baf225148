/**
 * `DOCKWRIGHT_TIMING=1`: where a command's time went. Phases are marked as they end
 * (`phaseDone('load definitions')`); the CLI prints them once the command is over, each with its
 * own duration, the time since the process started (Node's own start included) and the CPU time
 * the process had used by then (on a busy machine the wall clock says little; the CPU time still
 * says what the work cost). Marks cost two clock reads when timing is off.
 */
interface Mark {
  readonly phase: string;
  /** Milliseconds since the process started. */
  readonly at: number;
  /** CPU milliseconds (user and system) the process had used. */
  readonly cpu: number;
}

/**
 * Kept process-wide: the no-op fast path's bundle (dist/bundle/fast.js) has its own copy of this
 * module beside the CLI's, and both mark the same run.
 */
const marks: Mark[] = ((globalThis as { __dockwrightTiming?: Mark[] }).__dockwrightTiming ??= []);
/** Milliseconds since the process's performance timeline began (Node's own start). */
const sinceStart = (): number => performance.now();

/** Forgets the marks of an earlier command run in the same process (tests run many). */
export function resetTiming(): void {
  marks.length = 0;
}

/** Records that a phase ended now. */
export function phaseDone(phase: string): void {
  const used = process.cpuUsage();
  marks.push({ phase, at: sinceStart(), cpu: (used.user + used.system) / 1000 });
}

/** The phases as lines (`timing:   12 ms  +12 ms  cpu   10 ms  load settings`), from the process's start. */
export function formatTiming(): string {
  let last = 0;
  return marks
    .map(({ phase, at, cpu }) => {
      const line = `timing: ${at.toFixed(0).padStart(6)} ms  +${(at - last).toFixed(0).padStart(5)} ms  cpu ${cpu.toFixed(0).padStart(5)} ms  ${phase}\n`;
      last = at;
      return line;
    })
    .join('');
}

export const timingWanted = (env: Readonly<Record<string, string | undefined>>): boolean =>
  env.DOCKWRIGHT_TIMING !== undefined && env.DOCKWRIGHT_TIMING !== '' && env.DOCKWRIGHT_TIMING !== '0';
