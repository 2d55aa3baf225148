import { describe, expect, it } from 'vitest';
import { durationMs } from '../../../src/runner/image-test/duration.js';
import { matchesExpectation, outputTail } from '../../../src/runner/image-test/expect-output.js';

describe('verify helpers', () => {
  it('reads Go durations', () => {
    expect(durationMs('60s')).toBe(60_000);
    expect(durationMs('1m30s')).toBe(90_000);
    expect(durationMs('500ms')).toBe(500);
    expect(durationMs('1h')).toBe(3_600_000);
  });

  it('matches a substring or a /regex/', () => {
    expect(matchesExpectation('FIT version 3.5.0\n', 'version 3.5')).toBe(true);
    expect(matchesExpectation('FIT version 3.5.0\n', '/version \\d+\\.\\d+\\.\\d+$/m')).toBe(true);
    expect(matchesExpectation('FIT VERSION 3', '/version/i')).toBe(true);
    expect(matchesExpectation('FIT VERSION 3', '/version/')).toBe(false);
    expect(matchesExpectation('a/b', '/')).toBe(true); // one slash: a substring
    expect(matchesExpectation('ab', '/')).toBe(false);
    expect(matchesExpectation('path /usr/ here', '/usr/')).toBe(true);
  });

  it('keeps the end of long output', () => {
    expect(outputTail('1\n2\n3\n4\n5\n6\n7\n', 3)).toBe('5 / 6 / 7');
    expect(outputTail('  \n')).toBe('(no output)');
  });
});
