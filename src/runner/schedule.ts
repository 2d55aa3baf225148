/**
 * Runs jobs along a DAG: a job starts the moment all of its parents have succeeded (not level by
 * level), with at most `parallel` running at once. A failed job's descendants are skipped;
 * independent jobs go on, unless `failFast`, which stops starting jobs at the first failure and
 * aborts the running ones. Among ready jobs, the one with the longest chain of descendants goes
 * first (the critical path), then the order given. No subprocess here: the work is `run`.
 */

export type JobStatus =
  | 'built'
  /** Nothing to do: the image is current (decided by `run`, see {@link JobOutcome}). */
  | 'up-to-date'
  | 'failed'
  /** A parent failed (or was skipped), so this one never started. */
  | 'skipped-dependency'
  /** Never started or aborted: interrupted (signal) or stopped by `failFast`. */
  | 'cancelled';

/** What `run` resolves with when the job succeeded. */
export type JobOutcome = 'built' | 'up-to-date';

export interface Job {
  readonly id: string;
  /** Ids of jobs that must succeed first; ids that are not jobs here are taken as present. */
  readonly parents: readonly string[];
}

export interface JobResult {
  readonly id: string;
  readonly status: JobStatus;
  /** Milliseconds the job ran (0 when it never started). */
  readonly ms: number;
  readonly error?: unknown;
  /** For `skipped-dependency`: the failed or skipped parent. */
  readonly blockedBy?: string;
}

export interface ScheduleOptions {
  readonly parallel: number;
  readonly failFast?: boolean;
  readonly signal?: AbortSignal;
  /** Called when a job starts and when it gets its final status (also for jobs that never start). */
  readonly onStart?: (id: string) => void;
  readonly onResult?: (result: JobResult) => void;
  readonly now?: () => number;
}

/** Resolves with one result per job, in the order of `jobs`, once none is running any more. */
export async function schedule<J extends Job>(
  jobs: readonly J[],
  run: (job: J, signal: AbortSignal) => Promise<JobOutcome>,
  options: ScheduleOptions,
): Promise<JobResult[]> {
  const now = options.now ?? Date.now;
  const inPlan = new Set(jobs.map((j) => j.id));
  const children = new Map<string, J[]>(jobs.map((j) => [j.id, []]));
  jobs.forEach((j) => j.parents.filter((p) => inPlan.has(p)).forEach((p) => children.get(p)?.push(j)));
  const results = new Map<string, JobResult>();
  const waiting = new Map(jobs.map((j) => [j.id, j.parents.filter((p) => inPlan.has(p)).length]));
  const ready: J[] = jobs.filter((j) => waiting.get(j.id) === 0);
  const priority = chainLengths(jobs, children);
  const index = new Map(jobs.map((j, i) => [j.id, i]));
  const next = (): J | undefined => {
    ready.sort((a, b) => (priority.get(b.id) ?? 0) - (priority.get(a.id) ?? 0) || (index.get(a.id) ?? 0) - (index.get(b.id) ?? 0));
    return ready.shift();
  };
  const stop = new AbortController();
  const outer = options.signal;
  const onAbort = (): void => stop.abort(outer?.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  if (outer?.aborted) onAbort();
  let running = 0;
  let wake: () => void = () => {};

  const finish = (result: JobResult): void => {
    results.set(result.id, result);
    options.onResult?.(result);
  };
  const skipDescendants = (id: string): void => {
    for (const child of children.get(id) ?? []) {
      if (results.has(child.id)) continue;
      finish({ id: child.id, status: 'skipped-dependency', ms: 0, blockedBy: id });
      skipDescendants(child.id);
    }
  };
  const settle = (job: J, result: JobResult): void => {
    running--;
    finish(result);
    if (result.status === 'built' || result.status === 'up-to-date') {
      for (const child of children.get(job.id) ?? []) {
        const left = (waiting.get(child.id) ?? 0) - 1;
        waiting.set(child.id, left);
        if (left === 0 && !results.has(child.id)) ready.push(child);
      }
    } else if (result.status === 'failed') {
      skipDescendants(job.id);
      if (options.failFast) stop.abort(new Error(`stopped after ${job.id} failed`));
    }
    wake();
  };
  const start = (job: J): void => {
    running++;
    options.onStart?.(job.id);
    const began = now();
    run(job, stop.signal).then(
      (outcome) => settle(job, { id: job.id, status: outcome, ms: now() - began }),
      (error: unknown) => settle(job, { id: job.id, status: stop.signal.aborted ? 'cancelled' : 'failed', ms: now() - began, error }),
    );
  };

  try {
    for (;;) {
      while (!stop.signal.aborted && running < options.parallel && ready.length > 0) {
        const job = next();
        if (job && !results.has(job.id)) start(job);
      }
      if (running === 0) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    outer?.removeEventListener('abort', onAbort);
  }
  for (const job of jobs) if (!results.has(job.id)) finish({ id: job.id, status: 'cancelled', ms: 0 });
  return jobs.map((j) => results.get(j.id) as JobResult);
}

/** For each job, the number of jobs on its longest chain of descendants. */
function chainLengths<J extends Job>(jobs: readonly J[], children: ReadonlyMap<string, readonly J[]>): Map<string, number> {
  const memo = new Map<string, number>();
  const length = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const n = Math.max(0, ...(children.get(id) ?? []).map((c) => 1 + length(c.id)));
    memo.set(id, n);
    return n;
  };
  jobs.forEach((j) => length(j.id));
  return memo;
}
