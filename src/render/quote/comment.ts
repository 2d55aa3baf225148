import { assertWritable } from './text-checks.js';

/**
 * Comment lines: `# text`, one per line of the text (`#` alone for an empty line); no trailing
 * newline. The text may hold any line breaks (LF, CRLF, CR).
 *
 * Parser directives (`# syntax=`, `# escape=`, `# check=`) are only read from the top of the file
 * and reading stops at the first line that is not one. So when the first line contains `=`, a
 * bare `#` line is put before it: at the top of a file, or after the renderer's own directives,
 * user text can never be taken for a directive (`# syntax=` would pick the frontend image that
 * builds everything), neither by BuildKit's strict rule nor by lenient readers such as
 * dockerfile-ast. Rejected: NUL and lone surrogates.
 */
export function comment(text: string): string {
  assertWritable('comment', text);
  const lines = text.split(/\r\n|\r|\n/);
  const out = lines.map((line) => (line === '' ? '#' : `# ${line}`));
  if ((lines[0] ?? '').includes('=')) out.unshift('#');
  return out.join('\n');
}
