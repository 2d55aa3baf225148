/**
 * One run of `dockwright watch`: the build job (incremental: the input digests decide what is out
 * of date), then the image tests of the images that were built and have a `test:` spec (an image
 * built by a run that was aborted before its test keeps its place in `untested`), then the
 * compact status lines (watch-status.ts). An aborted run prints nothing of its own.
 */
import { executeBuild, type BuildJob } from '../execute-build.js';
import { testImages, type ImageTestItem, type ImageTestResult, type TestTarget } from '../image-test/index.js';
import type { Streams } from '../push-report.js';
import { formatWatchRun } from './watch-status.js';

export interface WatchRun {
  /** The job, quiet (no progress view, no summary). */
  readonly job: BuildJob;
  /** The images with a `test:` spec, by id. */
  readonly tests: ReadonlyMap<string, ImageTestItem>;
  /** Ids built and not tested since: read and updated. */
  readonly untested: Set<string>;
  readonly target: TestTarget;
  readonly now?: () => Date;
}

export async function buildAndTest(run: WatchRun, io: Streams & { readonly signal: AbortSignal }): Promise<void> {
  const report = await executeBuild({ ...run.job, quiet: true }, io);
  for (const r of report.results) if (r.status === 'built' && run.tests.has(r.id)) run.untested.add(r.id);
  if (io.signal.aborted) return;
  const items = report.results.filter((r) => run.untested.has(r.id)).map((r) => run.tests.get(r.id) as ImageTestItem);
  let tested: ImageTestResult[] = [];
  if (items.length > 0) {
    tested = await testImages(items, { ...run.target, signal: io.signal }, { parallel: run.job.parallel });
    if (io.signal.aborted) return;
    for (const t of tested) run.untested.delete(t.id);
  }
  io.stdout.write(formatWatchRun(report.results, tested, { at: (run.now ?? (() => new Date()))(), root: run.job.root }));
}
