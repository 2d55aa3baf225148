/**
 * `dockwright release` once the build succeeded: stage every pushable image by digest (stage.ts),
 * test each image as pulled back by that digest (the images that are never pushed: as built), and
 * only when every image passed, move every user tag in one final step (move-tags.ts). Any failure
 * or interrupt before the final step moves no tag; the report says what was staged and why the
 * release stopped.
 */
import pLimit from 'p-limit';
import { dockerRun, type Engine } from '../../engine/engine.js';
import type { TestSpec } from '../../model/test-spec.js';
import { digestRef } from '../registry-ref.js';
import { testOne, type ImageTestResult } from '../image-test/test-images.js';
import { moveTags, type MoveReport } from './move-tags.js';
import { stageImage, type ReleaseItem, type Staged } from './stage.js';

export interface ReleaseImage extends ReleaseItem {
  readonly test?: TestSpec | undefined;
}

export interface ReleaseOptions extends Engine {
  readonly signal?: AbortSignal;
  readonly parallel?: number;
  /** Tries per push (default 4). */
  readonly attempts?: number;
  readonly backoffMs?: number;
  readonly log?: (line: string) => void;
}

/** How far the release got: `staging`/`testing` (stopped there, no tag moved) or `final` (tags moved, see `moves`). */
export type ReleasePhase = 'staging' | 'testing' | 'final';

export interface ReleaseReport {
  readonly phase: ReleasePhase;
  readonly staged: readonly Staged[];
  readonly tests: readonly ImageTestResult[];
  readonly moves?: MoveReport;
  readonly interrupted: boolean;
  readonly ok: boolean;
  /** Why it stopped, one line; empty when it did not. */
  readonly stopped: string;
}

const stoppedAt = (phase: ReleasePhase, rest: Omit<ReleaseReport, 'phase' | 'ok' | 'tests'> & { tests?: readonly ImageTestResult[] }) => ({
  phase,
  tests: [],
  ...rest,
  ok: false,
});

export async function releaseImages(images: readonly ReleaseImage[], o: ReleaseOptions): Promise<ReleaseReport> {
  const limit = pLimit(Math.max(1, o.parallel ?? 1));
  const signal = o.signal;
  const pushable = images.filter((i) => i.push);
  const staged = await Promise.all(
    pushable.map((item) =>
      limit(async (): Promise<Staged> =>
        signal?.aborted ? { id: item.id, status: 'not-tried', reason: 'interrupted' } : stageImage(item, o),
      ),
    ),
  );
  for (const s of staged) if (s.status === 'staged') o.log?.(`staged ${s.id} as ${s.ref} ${s.digest}${s.reused ? ' (already there)' : ''}`);
  if (signal?.aborted) return stoppedAt('staging', { staged, interrupted: true, stopped: 'interrupted while staging' });
  const notStaged = staged.filter((s) => s.status !== 'staged');
  if (notStaged.length > 0)
    return stoppedAt('staging', { staged, interrupted: false, stopped: `could not stage ${notStaged.map((s) => s.id).join(', ')}` });

  const digestOf = new Map(staged.flatMap((s) => (s.status === 'staged' ? [[s.id, s] as const] : [])));
  const tests = await Promise.all(
    images.map((image) =>
      limit(async (): Promise<ImageTestResult> => {
        const s = digestOf.get(image.id);
        const ref = s ? digestRef(s.ref, s.digest) : (image.tags[0] as string);
        if (signal?.aborted) return { id: image.id, ref, status: 'skipped', checks: [], reason: 'interrupted' };
        if (s) {
          const pulled = await dockerRun(o, ['pull', '--quiet', ref], signal ? { signal } : {});
          if (pulled.exitCode !== 0)
            return { id: image.id, ref, status: 'failed', checks: [{ name: 'pull', ok: false, detail: pulled.stderr.trim() }] };
        }
        return testOne({ id: image.id, dir: image.dir, tags: [ref], test: image.test }, o);
      }),
    ),
  );
  if (signal?.aborted) return stoppedAt('testing', { staged, tests, interrupted: true, stopped: 'interrupted while testing' });
  const failed = tests.filter((t) => t.status === 'failed');
  if (failed.length > 0)
    return stoppedAt('testing', { staged, tests, interrupted: false, stopped: `${failed.map((t) => t.id).join(', ')} failed the test` });

  // the final step: not given the signal (see move-tags.ts)
  o.log?.('every image built and passed: moving the tags');
  const moves = await moveTags(
    pushable.map((image) => {
      const s = digestOf.get(image.id) as Extract<Staged, { status: 'staged' }>;
      return { id: image.id, digest: s.digest, source: s.ref, tags: image.tags };
    }),
    o,
    { parallel: Math.max(4, o.parallel ?? 1) },
  );
  return {
    phase: 'final',
    staged,
    tests,
    moves,
    interrupted: signal?.aborted === true,
    ok: moves.ok,
    stopped: moves.ok ? '' : moves.preflightFailed ? 'a registry did not answer before the tags moved' : 'a tag could not be moved',
  };
}
