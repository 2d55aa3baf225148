/**
 * What `dockwright watch` prints after a run: one compact line per image that did something
 * (built, failed, cancelled, tested), the up-to-date ones together on one line, and the failed
 * builds' last log lines. Pure.
 */
import { relative } from 'node:path';
import type { Affected } from '../../incremental/watch-inputs.js';
import type { ImageTestResult } from '../image-test/index.js';
import { formatDuration } from '../progress/format.js';
import { formatFailures } from '../progress/summary.js';
import type { ImageResult } from '../result.js';

const clock = (at: Date): string => at.toTimeString().slice(0, 8);

function testText(t: ImageTestResult | undefined): string {
  if (!t) return '';
  if (t.status === 'passed') return ', test passed';
  if (t.status === 'skipped') return `, test skipped (${t.reason ?? 'no checks'})`;
  const failed = t.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
  return `, test FAILED (${failed.join('; ')})`;
}

function imageLine(r: ImageResult, test: ImageTestResult | undefined): string {
  switch (r.status) {
    case 'built':
      return `✓ ${r.id} built in ${formatDuration(r.ms)}${testText(test)}`;
    case 'up-to-date':
      return `✓ ${r.id} up to date${testText(test)}`;
    case 'failed':
      return `✖ ${r.id} failed${r.reason ? `: ${r.reason}` : ''}`;
    case 'skipped-dependency':
      return `- ${r.id} not built: ${r.reason ?? 'a parent failed'}`;
    case 'cancelled':
      return `- ${r.id} cancelled`;
  }
}

/** The lines of one run, each starting with the time (`[14:03:12] ✓ app built in 1.2s, test passed`). */
export function formatWatchRun(
  results: readonly ImageResult[],
  tests: readonly ImageTestResult[],
  o: { readonly at: Date; readonly root: string },
): string {
  const byId = new Map(tests.map((t) => [t.id, t]));
  const stamp = `[${clock(o.at)}]`;
  const quiet = results.filter((r) => r.status === 'up-to-date' && !byId.has(r.id)).map((r) => r.id);
  const lines = results.filter((r) => !quiet.includes(r.id)).map((r) => `${stamp} ${imageLine(r, byId.get(r.id))}`);
  if (quiet.length > 0) lines.push(`${stamp} up to date: ${quiet.join(', ')}`);
  const failures = formatFailures(results, o.root);
  return `${lines.join('\n')}\n${failures}`;
}

/** The line a counted burst of changes gets: `[14:03:10] changed: ctx/app/main.py (+2) → app, leaf`. */
export function formatBurst(
  changed: readonly string[],
  target: Affected,
  o: { readonly root: string; readonly restart: boolean; readonly at: Date },
): string {
  const files = [...new Set(changed)].map((p) => relative(o.root, p) || '.');
  const more = files.length > 1 ? ` (+${files.length - 1})` : '';
  const what = target.reload ? 'reloading the project' : target.ids.join(', ');
  return `[${clock(o.at)}] changed: ${files[0] ?? ''}${more} → ${what}${o.restart ? ' (restarting the running build)' : ''}\n`;
}
