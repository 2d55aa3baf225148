/** The table printed after a build, and the failed images' last log lines. */
import { relative } from 'node:path';
import { statusText, type ImageResult } from '../result.js';
import { formatDuration, formatSize } from './format.js';

export function formatSummary(results: readonly ImageResult[]): string {
  const rows = [
    ['IMAGE', 'STATUS', 'TIME', 'SIZE', 'TAGS'],
    ...results.map((r) => [r.id, statusText[r.status], r.ms > 0 ? formatDuration(r.ms) : '', formatSize(r.size), r.tags.join(' ')]),
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]): string =>
    row
      .map((cell, c) => (c < widths.length ? cell.padEnd(widths[c] ?? 0) : cell))
      .join('  ')
      .trimEnd();
  const counts = Object.entries(
    results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [statusText[r.status]]: (acc[statusText[r.status]] ?? 0) + 1 }), {}),
  ).map(([status, n]) => `${n} ${status}`);
  return `${rows.map(line).join('\n')}\n${counts.join(', ')}\n`;
}

/** For each failed image: why, where its log is, and its last lines. */
export function formatFailures(results: readonly ImageResult[], root: string): string {
  return results
    .filter((r) => r.status === 'failed')
    .map((r) => {
      const where = r.logFile ? ` (full log: ${relative(root, r.logFile)})` : '';
      const tail = (r.tail ?? []).map((l) => `  │ ${l}\n`).join('');
      return `✖ ${r.id} failed${r.reason ? `: ${r.reason}` : ''}${where}\n${tail}`;
    })
    .join('\n');
}
