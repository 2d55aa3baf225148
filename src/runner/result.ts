/** What happened to one image in a run: the runner's answer, the progress views' input, the summary's row. */
import type { JobStatus } from './schedule.js';

export interface ImageResult {
  readonly id: string;
  readonly status: JobStatus;
  /** Milliseconds spent building (0 when it never started). */
  readonly ms: number;
  readonly tags: readonly string[];
  /** Bytes, from `docker image inspect` (built and up-to-date images only). */
  readonly size?: number;
  /** The image's log file, absolute. */
  readonly logFile?: string;
  /** Why it failed, in one line; for `skipped-dependency`, which parent. */
  readonly reason?: string;
  /** `<repository>@sha256:…`: what the registry holds for its primary tag after a build over several engines. */
  readonly pushed?: string;
  /** The last lines of its log, for failed images. */
  readonly tail?: readonly string[];
}

export const statusText: Record<JobStatus, string> = {
  built: 'built',
  'up-to-date': 'up to date',
  failed: 'failed',
  'skipped-dependency': 'skipped (dependency failed)',
  cancelled: 'cancelled',
};

/** The result of an image its decision found up to date (`reason`: why; `size`: when known). */
export const upToDateResult = (
  build: { readonly id: string; readonly tags: readonly string[] },
  decision: { readonly upToDate: string; readonly size?: number | undefined },
): ImageResult => ({
  id: build.id,
  status: 'up-to-date',
  ms: 0,
  tags: build.tags,
  reason: decision.upToDate,
  ...(decision.size !== undefined ? { size: decision.size } : {}),
});
