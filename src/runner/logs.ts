/**
 * Every image's full build output goes to `<logsDir>/<image-dir>.log` (replaced on each run), and
 * its last lines are kept in memory to show when the build fails.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ImageLog {
  /** The log file, absolute. */
  readonly file: string;
  write(line: string): void;
  /** The last lines written (at most `tailLines`). */
  tail(): string[];
  close(): Promise<void>;
}

export const logFileOf = (root: string, logsDir: string, dir: string): string => join(root, logsDir, `${dir}.log`);

export function openImageLog(file: string, tailLines = 20): ImageLog {
  mkdirSync(join(file, '..'), { recursive: true });
  const out = createWriteStream(file, { flags: 'w' });
  let failure: Error | undefined;
  out.on('error', (e) => (failure = e));
  const last: string[] = [];
  return {
    file,
    write(line) {
      last.push(line);
      if (last.length > tailLines) last.shift();
      if (!failure) out.write(`${line}\n`);
    },
    tail: () => [...last],
    close: () =>
      new Promise((resolve, reject) => {
        out.end(() => (failure ? reject(failure) : resolve()));
      }),
  };
}
