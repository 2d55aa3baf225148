import { describe, expect, it } from 'vitest';
import { formatDuration, formatSize } from '../../../../src/runner/progress/format.js';
import { formatFailures, formatSummary } from '../../../../src/runner/progress/summary.js';
import type { ImageResult } from '../../../../src/runner/result.js';

const results: ImageResult[] = [
  { id: 'base', status: 'built', ms: 4200, tags: ['r/base:1'], size: 1_980_000 },
  {
    id: 'mid',
    status: 'failed',
    ms: 65_000,
    tags: ['r/mid:1'],
    logFile: '/p/build-logs/mid.log',
    reason: 'exit code: 3',
    tail: ['#5 0.2 oops', 'ERROR: exit code: 3'],
  },
  { id: 'top', status: 'skipped-dependency', ms: 0, tags: ['r/top:1', 'r/top:latest'], reason: 'mid did not build' },
];

describe('summary', () => {
  it('is a table of image, status, time, size and tags, with counts', () => {
    expect(formatSummary(results)).toBe(
      [
        'IMAGE  STATUS                       TIME   SIZE    TAGS',
        'base   built                        4.2s   1.98MB  r/base:1',
        'mid    failed                       1m05s          r/mid:1',
        'top    skipped (dependency failed)                 r/top:1 r/top:latest',
        '1 built, 1 failed, 1 skipped (dependency failed)',
        '',
      ].join('\n'),
    );
  });

  it('shows each failed image with its reason, log file and last lines', () => {
    expect(formatFailures(results, '/p')).toBe(
      '✖ mid failed: exit code: 3 (full log: build-logs/mid.log)\n  │ #5 0.2 oops\n  │ ERROR: exit code: 3\n',
    );
  });

  it('formats durations and sizes', () => {
    expect([850, 12_340, 245_000].map(formatDuration)).toEqual(['850ms', '12.3s', '4m05s']);
    expect([512, 1_980_000, 1_234_567_890].map(formatSize)).toEqual(['512B', '1.98MB', '1.23GB']);
  });
});
