/**
 * How a build shows itself while it runs. The runner calls these; one implementation per
 * `--progress` mode: `plain` (lines prefixed with the image), `tty` (a live view), `json` (NDJSON).
 */
import type { Output } from './output.js';
import type { ImageResult } from '../result.js';
import { jsonProgress } from './json.js';
import { liveProgress } from './live.js';
import { plainProgress } from './plain.js';

export interface Progress {
  start(id: string): void;
  /** One line of the image's build output. */
  line(id: string, line: string): void;
  done(result: ImageResult): void;
  /** Stops timers and leaves the terminal clean; call once, before printing the summary. */
  close(): void;
}

export type ProgressMode = 'auto' | 'plain' | 'tty' | 'json';

/** `auto` is the live view when `out` is a terminal, plain lines otherwise. */
export function createProgress(mode: ProgressMode, out: Output, now: () => number = Date.now): Progress {
  if (mode === 'json') return jsonProgress(out, now);
  if (mode === 'tty' || (mode === 'auto' && out.isTTY === true)) return liveProgress(out, { now });
  return plainProgress(out);
}
