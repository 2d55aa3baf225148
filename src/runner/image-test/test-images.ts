/**
 * `dockwright test` over several images, up to `parallel` at once (each in its own container, with
 * its own name and published ports): each image's primary tag must be in the local store; its
 * checks come from its `test` spec (an image without one but with a HEALTHCHECK is started and
 * must turn healthy; an image with neither is skipped). Results come in the order of the items.
 */
import pLimit from 'p-limit';
import { TestSpecSchema, type TestSpec } from '../../model/test-spec.js';
import type { Check } from './check.js';
import { fail } from './check.js';
import { imageHasHealthcheck } from './container.js';
import { dockerRun } from '../../engine/engine.js';
import { roundtrip, type RoundtripOptions } from './roundtrip.js';
import { testImage, type TestTarget } from './test-image.js';

export interface ImageTestItem {
  readonly id: string;
  readonly dir: string;
  /** The image's tags, primary first. */
  readonly tags: readonly string[];
  readonly test?: TestSpec | undefined;
  /** With a round trip: the same tags for the round-trip registry. */
  readonly remoteTags?: readonly string[];
}

export type ImageTestStatus = 'passed' | 'failed' | 'skipped';

export interface ImageTestResult {
  readonly id: string;
  readonly ref: string;
  readonly status: ImageTestStatus;
  readonly checks: readonly Check[];
  /** Why it was skipped. */
  readonly reason?: string;
}

const statusOf = (checks: readonly Check[]): ImageTestStatus => (checks.every((c) => c.ok) ? 'passed' : 'failed');

export async function testOne(item: ImageTestItem, t: TestTarget, o: RoundtripOptions = {}): Promise<ImageTestResult> {
  const ref = item.tags[0] as string;
  const exists = (await dockerRun(t, ['image', 'inspect', '--format', '{{.Id}}', ref])).exitCode === 0;
  if (!exists)
    return {
      id: item.id,
      ref,
      status: 'failed',
      checks: [fail('exists', `${ref} is not in the local store: run \`dockwright build ${item.id}\` first`)],
    };
  let spec = item.test;
  if (!spec) {
    if (!(await imageHasHealthcheck(t, ref)))
      return { id: item.id, ref, status: 'skipped', checks: [], reason: 'no test spec and no HEALTHCHECK' };
    spec = TestSpecSchema.parse({});
  }
  const log = (line: string): void => t.log?.(`${item.id}: ${line}`);
  if (!item.remoteTags) {
    const checks = await testImage(ref, item.dir, spec, { ...t, log });
    return { id: item.id, ref, status: statusOf(checks), checks };
  }
  const trip = await roundtrip(item.tags, item.remoteTags, { ...t, log }, o);
  log(`${trip.check.ok ? 'ok  ' : 'FAIL'} ${trip.check.name}: ${trip.check.detail}`);
  if (!trip.check.ok) return { id: item.id, ref: trip.ref, status: 'failed', checks: [trip.check] };
  try {
    const checks = [trip.check, ...(await testImage(trip.ref, item.dir, spec, { ...t, log }))];
    return { id: item.id, ref: trip.ref, status: statusOf(checks), checks };
  } finally {
    await trip.restore();
  }
}

export interface ImageTestOptions extends RoundtripOptions {
  /** Images tested at once (default 1). */
  readonly parallel?: number;
}

export async function testImages(items: readonly ImageTestItem[], t: TestTarget, o: ImageTestOptions = {}): Promise<ImageTestResult[]> {
  const limit = pLimit(Math.max(1, o.parallel ?? 1));
  return Promise.all(
    items.map((item) =>
      limit(async (): Promise<ImageTestResult> =>
        t.signal?.aborted
          ? { id: item.id, ref: item.tags[0] ?? '', status: 'skipped', checks: [], reason: 'interrupted' }
          : testOne(item, t, o),
      ),
    ),
  );
}
