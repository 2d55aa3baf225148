import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';

/** A long-running process started by a test, its output going to a log file. */
export interface DaemonProcess {
  pid: number;
  logFile: string;
  exited(): boolean;
  log(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export function spawnDaemon(file: string, args: readonly string[], logFile: string): DaemonProcess {
  // execa's default `cleanup` kills the daemon if the test process itself exits first
  const log = { file: logFile, append: true } as const;
  const subprocess = execa(file, args, { reject: false, stdin: 'ignore', stdout: log, stderr: log });
  let done = false;
  const finished = subprocess.then(() => {
    done = true;
  });
  const pid = subprocess.pid;
  if (pid === undefined) throw new Error(`could not start ${file}: ${readLog(logFile)}`);
  return {
    pid,
    logFile,
    exited: () => done,
    log: () => readLog(logFile),
    async stop(graceMs = 30_000) {
      if (done) return;
      subprocess.kill('SIGTERM');
      const grace = new AbortController();
      const timeout = sleep(graceMs, false, { signal: grace.signal }).catch(() => false);
      const gone = await Promise.race([finished.then(() => true), timeout]);
      grace.abort();
      if (!gone) {
        subprocess.kill('SIGKILL');
        await finished;
      }
    },
  };
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}

/** Polls `ready` until it is true; fails early when the daemon exits, or after `timeoutMs`. */
export async function waitUntilReady(
  daemon: DaemonProcess,
  what: string,
  ready: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready()) return;
    if (daemon.exited()) throw new Error(`${what} exited before it was ready:\n${daemon.log()}`);
    await sleep(200);
  }
  throw new Error(`${what} was not ready after ${timeoutMs} ms:\n${daemon.log()}`);
}
