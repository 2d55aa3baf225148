/**
 * `DOCKWRIGHT_TIMING=1`: where a command's time went. Phases are marked as they end
 * (`phaseDone('load definitions')`); the CLI prints them once the command is over, each with its
 * own duration, the time since the process started (Node's own start included) and the CPU time
 * the process had used by then (on a busy machine the wall clock says little; the CPU time still
 * says what the work cost). Marks cost two clock reads when timing is off. `watch` prints them
 * after each run, from the change that started it, and forgets them (a long watch keeps none).
 *
 * Questions a phase waits on (the engine's API, a registry, a process) are timed by kind with
 * {@link waitedOn}: how many, when the first began and the last ended, and the longest one, printed
 * after the phases — what of a phase's wall time is waiting, and on what.
 */
interface Mark {
  readonly phase: string;
  /** Milliseconds since the process started. */
  readonly at: number;
  /** CPU milliseconds (user and system) the process had used. */
  readonly cpu: number;
}

/** The questions of one kind: how many, the first start, the last end, the longest (ms since the start). */
interface Waits {
  count: number;
  first: number;
  last: number;
  longest: number;
}

/**
 * Kept process-wide: the no-op fast path's bundle (dist/bundle/fast.js) has its own copy of this
 * module beside the CLI's, and both mark the same run.
 */
const shared = globalThis as { __dockwrightTiming?: Mark[]; __dockwrightWaits?: Map<string, Waits> };
const marks: Mark[] = (shared.__dockwrightTiming ??= []);
const waits: Map<string, Waits> = (shared.__dockwrightWaits ??= new Map());
/** Milliseconds since the process's performance timeline began (Node's own start). */
const sinceStart = (): number => performance.now();

/** Forgets the marks of an earlier command run in the same process (tests run many). */
export function resetTiming(): void {
  marks.length = 0;
  waits.clear();
}

/** `work`, timed as one question of `kind` (`registry labels`, `engine: images`). */
export function waitedOn<T>(kind: string, work: Promise<T>): Promise<T> {
  const began = sinceStart();
  const end = (): void => {
    const ended = sinceStart();
    const w = waits.get(kind) ?? { count: 0, first: began, last: ended, longest: 0 };
    waits.set(kind, {
      count: w.count + 1,
      first: Math.min(w.first, began),
      last: Math.max(w.last, ended),
      longest: Math.max(w.longest, ended - began),
    });
  };
  work.then(end, end);
  return work;
}

/** Records that a phase ended now. */
export function phaseDone(phase: string): void {
  const used = process.cpuUsage();
  marks.push({ phase, at: sinceStart(), cpu: (used.user + used.system) / 1000 });
}

/**
 * The phases as lines (`timing:   12 ms  +12 ms  cpu   10 ms  load settings`), from the process's
 * start, or with `fromFirst` from the first mark (a `watch` round: from the change that started it),
 * then the questions waited on, by kind.
 */
export function formatTiming(o: { readonly fromFirst?: boolean } = {}): string {
  const origin = o.fromFirst === true ? (marks[0]?.at ?? 0) : 0;
  let last = origin;
  const ms = (n: number): string => (n - origin).toFixed(0).padStart(6);
  const phases = marks.map(({ phase, at, cpu }) => {
    const line = `timing: ${ms(at)} ms  +${(at - last).toFixed(0).padStart(5)} ms  cpu ${cpu.toFixed(0).padStart(5)} ms  ${phase}\n`;
    last = at;
    return line;
  });
  const asked = [...waits].map(
    ([kind, w]) => `timing: ${ms(w.first)} ms → ${ms(w.last)} ms  ${w.count}× ${kind}, longest ${w.longest.toFixed(0)} ms\n`,
  );
  return [...phases, ...asked].join('');
}

export const timingWanted = (env: Readonly<Record<string, string | undefined>>): boolean =>
  env.DOCKWRIGHT_TIMING !== undefined && env.DOCKWRIGHT_TIMING !== '' && env.DOCKWRIGHT_TIMING !== '0';
