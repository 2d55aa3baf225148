/**
 * The one seam between dockwright and the docker CLI. Everything that runs docker goes through a
 * `DockerExec`; unit tests pass a fake (test/unit/runner/fake-docker.ts).
 *
 * The real one (execa, imported when the first process starts) runs the `docker` binary with an argv array (no shell) in its own process group,
 * because `docker buildx …` is two processes (the CLI and its plugin; the plugin alone when it can
 * be run directly, see buildx-plugin.ts): an abort sends SIGTERM to
 * the whole group, SIGKILL 1.5 s later (or as soon as the CLI itself has exited), so that nothing
 * outlives the abort by more than 2 s. A process group is not covered by execa's `cleanup` (it
 * ignores detached children), so groups still running when node exits are killed here.
 */
import { direct } from './buildx-plugin.js';

export interface DockerRunOptions {
  readonly cwd?: string;
  /** Added to (not replacing) the inherited environment. Secret values travel only this way. */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to the process's stdin (otherwise stdin is closed). */
  readonly input?: string;
  readonly signal?: AbortSignal;
  /**
   * Called with every output line as it arrives. When given, the output is streamed, not kept:
   * `stdout` and `stderr` of the result are then empty strings.
   */
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Binary input (`docker load`): piped into the process's stdin, instead of `input`. */
  readonly stdinFrom?: NodeJS.ReadableStream;
  /** Binary output (`docker save`): stdout is piped here (and ended), not kept; stderr is kept. */
  readonly stdoutTo?: NodeJS.WritableStream;
}

export interface DockerResult {
  /** The exit code, or 128 + the signal number when the process was killed. */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface DockerExec {
  run(argv: readonly string[], opts?: DockerRunOptions): Promise<DockerResult>;
}

const KILL_AFTER_MS = 1_500;
const groups = new Set<number>();
let exitHookInstalled = false;

const killGroup = (pid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
};

const installExitHook = (): void => {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => groups.forEach((pid) => killGroup(pid, 'SIGKILL')));
};

/** What starting a process takes: execa, and Node's modules for its output lines, pipes and signal numbers. */
interface ProcessModules {
  readonly execa: (typeof import('execa'))['execa'];
  readonly createInterface: (typeof import('node:readline'))['createInterface'];
  readonly pipeline: (typeof import('node:stream/promises'))['pipeline'];
  readonly signals: (typeof import('node:os'))['constants']['signals'];
}

let processModules: Promise<ProcessModules> | undefined;

/**
 * Loads execa and the rest of what starting a process takes (once): the first process start waits
 * for it, so a run that knows it will start one calls this early, while it waits for something else.
 */
export const loadProcessRunner = (): Promise<ProcessModules> =>
  (processModules ??= Promise.all([import('execa'), import('node:readline'), import('node:stream/promises'), import('node:os')]).then(
    ([{ execa }, { createInterface }, { pipeline }, { constants }]) => ({ execa, createInterface, pipeline, signals: constants.signals }),
  ));

/** The real seam: `docker` (or `binary`) through execa. */
export function createDockerExec(binary = 'docker'): DockerExec {
  return {
    async run(argv, opts = {}) {
      if (opts.signal?.aborted) return { exitCode: 130, stdout: '', stderr: 'aborted before start' };
      installExitHook();
      // loaded on the first process only: a run answered by the engine API (the no-op fast path) never pays for it
      const { execa, createInterface, pipeline, signals } = await loadProcessRunner();
      const stream = opts.onLine !== undefined;
      const { file, args } = direct(binary, argv, { ...process.env, ...opts.env });
      const child = execa(file, [...args], {
        reject: false,
        detached: true,
        cleanup: true,
        ...(opts.cwd ? { cwd: opts.cwd } : {}),
        env: { ...opts.env },
        extendEnv: true,
        ...(opts.stdinFrom ? { stdin: 'pipe' as const } : opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' as const }),
        buffer: stream ? false : opts.stdoutTo ? { stdout: false, stderr: true } : true,
        stripFinalNewline: true,
      });
      const pid = child.pid;
      if (pid !== undefined) groups.add(pid);
      let aborted = false;
      let killTimer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        if (pid === undefined || aborted) return;
        aborted = true;
        killGroup(pid, 'SIGTERM');
        killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_AFTER_MS);
        killTimer.unref();
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const reading = stream
        ? [
            lines(createInterface, child.stdout, (l) => opts.onLine?.(l, 'stdout')),
            lines(createInterface, child.stderr, (l) => opts.onLine?.(l, 'stderr')),
          ]
        : [];
      // a broken pipe shows as the process's own failure; the caller's streams report their errors
      if (opts.stdinFrom && child.stdin) reading.push(pipeline(opts.stdinFrom, child.stdin).catch(() => undefined));
      if (opts.stdoutTo && child.stdout) reading.push(pipeline(child.stdout, opts.stdoutTo).catch(() => undefined));
      try {
        const result = await child;
        await Promise.all(reading);
        const stdout = typeof result.stdout === 'string' ? result.stdout : '';
        const stderr = typeof result.stderr === 'string' ? result.stderr : '';
        if (result.exitCode !== undefined) return { exitCode: result.exitCode, stdout, stderr };
        if (result.signal) return { exitCode: 128 + signals[result.signal], stdout, stderr };
        // it never ran (no such binary, bad cwd)
        return { exitCode: 127, stdout, stderr: stderr || (result.shortMessage ?? `could not run ${binary}`) };
      } finally {
        opts.signal?.removeEventListener('abort', onAbort);
        if (pid !== undefined) {
          // after an abort, whatever is left of the group (the buildx plugin) goes now
          if (aborted) killGroup(pid, 'SIGKILL');
          groups.delete(pid);
        }
        if (killTimer) clearTimeout(killTimer);
      }
    },
  };
}

function lines(
  createInterface: ProcessModules['createInterface'],
  input: NodeJS.ReadableStream | null,
  each: (line: string) => void,
): Promise<void> {
  if (!input) return Promise.resolve();
  const reader = createInterface({ input, crlfDelay: Infinity });
  reader.on('line', each);
  return new Promise((resolve) => reader.once('close', resolve));
}
