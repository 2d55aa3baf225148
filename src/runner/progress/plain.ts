/** Without a terminal: every output line prefixed with its image, so interleaved builds stay readable. */
import type { Output } from './output.js';
import { formatDuration } from './format.js';
import { statusText } from '../result.js';
import type { Progress } from './progress.js';

export function plainProgress(out: Output): Progress {
  return {
    start: (id) => out.write(`[${id}] started\n`),
    line: (id, line) => out.write(line === '' ? `[${id}]\n` : `[${id}] ${line}\n`),
    done: (r) =>
      out.write(`[${r.id}] ${statusText[r.status]}${r.ms > 0 ? ` in ${formatDuration(r.ms)}` : ''}${r.reason ? `: ${r.reason}` : ''}\n`),
    close: () => {},
  };
}
