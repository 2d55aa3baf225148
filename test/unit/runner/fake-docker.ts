/**
 * A scripted `DockerExec` for unit tests: records every call, answers with the first script entry
 * whose `match` accepts the argv, streams its lines to `onLine` like the real one (and then keeps
 * no output), and honours the abort signal. A call nothing matches exits 0 with no output.
 */
import type { DockerExec, DockerResult, DockerRunOptions } from '../../../src/runner/docker-exec.js';

export interface FakeCall {
  readonly argv: readonly string[];
  readonly opts: DockerRunOptions;
}

export interface Script {
  /** Which calls this entry answers: an argv predicate, or a string every matching argv contains. */
  readonly match: ((argv: readonly string[]) => boolean) | string;
  readonly exitCode?: number;
  readonly stdout?: string;
  readonly stderr?: string;
  /** Lines sent to `onLine` (as stderr, like BuildKit's output). */
  readonly lines?: readonly string[];
  /** Resolve only when this promise does (or on abort): lets a test hold a build "running". */
  readonly until?: Promise<unknown>;
}

export interface FakeDocker extends DockerExec {
  readonly calls: FakeCall[];
  /** Calls that have started but not finished. */
  readonly running: Set<FakeCall>;
  readonly maxRunning: number;
  script(entry: Script): FakeDocker;
}

export function fakeDocker(entries: readonly Script[] = []): FakeDocker {
  const scripts = [...entries];
  const calls: FakeCall[] = [];
  const running = new Set<FakeCall>();
  let maxRunning = 0;
  const fake: FakeDocker = {
    calls,
    running,
    get maxRunning() {
      return maxRunning;
    },
    script(entry) {
      scripts.push(entry);
      return fake;
    },
    async run(argv, opts = {}): Promise<DockerResult> {
      const call = { argv: [...argv], opts };
      calls.push(call);
      const s = scripts.find((e) => (typeof e.match === 'string' ? argv.includes(e.match) : e.match(argv)));
      running.add(call);
      maxRunning = Math.max(maxRunning, running.size);
      try {
        await Promise.resolve();
        for (const line of s?.lines ?? []) opts.onLine?.(line, 'stderr');
        if (s?.until) {
          const aborted = new Promise<'aborted'>((resolve) => {
            if (opts.signal?.aborted) resolve('aborted');
            opts.signal?.addEventListener('abort', () => resolve('aborted'), { once: true });
          });
          if ((await Promise.race([s.until, aborted])) === 'aborted') return { exitCode: 143, stdout: '', stderr: '' };
        }
        const streamed = opts.onLine !== undefined;
        return { exitCode: s?.exitCode ?? 0, stdout: streamed ? '' : (s?.stdout ?? ''), stderr: streamed ? '' : (s?.stderr ?? '') };
      } finally {
        running.delete(call);
      }
    },
  };
  return fake;
}

/** A promise with its resolve function, to hold and release fake builds. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve: (v: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
