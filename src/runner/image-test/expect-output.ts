/**
 * A smoke command's expectation: a substring, or `/source/flags` for a regular expression. Pure.
 */
export function matchesExpectation(output: string, expect: string): boolean {
  const re = /^\/(.+)\/([dgimsuy]*)$/s.exec(expect);
  if (!re) return output.includes(expect);
  return new RegExp(re[1] ?? '', (re[2] ?? '').replace('g', '')).test(output);
}

/** The end of some output, for a failure message. */
export const outputTail = (output: string, lines = 5): string =>
  output
    .trim()
    .split('\n')
    .slice(-lines)
    .map((l) => l.trimEnd())
    .join(' / ') || '(no output)';
