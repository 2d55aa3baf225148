/**
 * Waits until the machine is idle before a timed round: deleting images and build cache (each
 * round makes its engine fresh or cold) leaves the engine's garbage collection running after the
 * command returns, and on 2 cores that work lands in whichever round comes next — a 0.4 s round
 * after a 7 s bake was measured at up to 1.1 s, with half its wall time not on the CPU. Every tool
 * waits alike, so no tool pays for another's leftovers.
 */
import { readFile } from 'node:fs/promises';

/** Busy and total jiffies of all CPUs so far (/proc/stat's first line). */
async function cpuTimes(): Promise<{ busy: number; total: number }> {
  const fields = ((await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  // idle and iowait
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves once the machine's CPUs were at most `maxBusy` busy over a 250 ms window (or after
 * `timeoutMs`: a machine that never settles is measured as it is). Returns the waited seconds.
 */
export async function settled(o: { readonly maxBusy?: number; readonly timeoutMs?: number } = {}): Promise<number> {
  const maxBusy = o.maxBusy ?? 0.1;
  const start = performance.now();
  const deadline = start + (o.timeoutMs ?? 15_000);
  for (;;) {
    const before = await cpuTimes();
    await sleep(250);
    const after = await cpuTimes();
    const busy = (after.busy - before.busy) / Math.max(1, after.total - before.total);
    if (busy <= maxBusy || performance.now() >= deadline) return (performance.now() - start) / 1000;
  }
}
