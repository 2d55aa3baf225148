/** One thing `dockwright test` checked about an image, and what it found. */
export interface Check {
  /** `starts`, `healthy`, `smoke: app --version`, `http :8080/health`, `registry round trip`. */
  readonly name: string;
  readonly ok: boolean;
  /** What was seen: for a failure, why (with the last output lines). */
  readonly detail: string;
}

export const pass = (name: string, detail = ''): Check => ({ name, ok: true, detail });
export const fail = (name: string, detail: string): Check => ({ name, ok: false, detail });

/** Resolves after `ms`, or at once when `signal` aborts. */
export const pause = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
