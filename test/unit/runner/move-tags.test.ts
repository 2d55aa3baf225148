/**
 * The final step of a release or promotion against the fake registry: every tag moves; a tag that
 * cannot be read first moves nothing; a move that fails midway puts back every tag that moved and
 * reports where each points; a new tag that moved cannot be taken back and is said so.
 */
import { describe, expect, it } from 'vitest';
import { moveTags, type TagMove } from '../../../src/runner/release/move-tags.js';
import { fakeDocker } from '../support/fake-docker.js';

const OLD = `sha256:${'a'.repeat(64)}`;
const NEW_BASE = `sha256:${'b'.repeat(64)}`;
const NEW_APP = `sha256:${'c'.repeat(64)}`;
const reg = '127.0.0.1:5000/ns';

const moves: TagMove[] = [
  { id: 'base', digest: NEW_BASE, source: `${reg}/base:dockwright-staging-1`, tags: [`${reg}/base:1`, `${reg}/base:latest`] },
  { id: 'app', digest: NEW_APP, source: `${reg}/app:dockwright-staging-2`, tags: [`${reg}/app:1`, `${reg}/app:latest`] },
];

const registry = (): Map<string, string> =>
  new Map([
    [`${reg}/base:dockwright-staging-1`, NEW_BASE],
    [`${reg}/app:dockwright-staging-2`, NEW_APP],
    [`${reg}/base:1`, OLD],
    [`${reg}/base:latest`, OLD],
    [`${reg}/app:1`, OLD],
  ]);

describe('moveTags', () => {
  it('moves every tag by digest: the first from the source, the others from the first', async () => {
    const manifests = registry();
    const docker = fakeDocker([], { manifests });
    const report = await moveTags(moves, { docker });
    expect(report.ok).toBe(true);
    expect(report.tags.map((t) => [t.ref, t.outcome])).toEqual([
      [`${reg}/base:1`, 'moved'],
      [`${reg}/base:latest`, 'moved'],
      [`${reg}/app:1`, 'moved'],
      [`${reg}/app:latest`, 'moved'],
    ]);
    expect(manifests.get(`${reg}/app:latest`)).toBe(NEW_APP);
    const creates = docker.calls.filter((c) => c.argv.includes('create')).map((c) => c.argv.join(' '));
    // images in parallel: the order across images is not fixed
    expect(creates.sort()).toEqual(
      [
        `buildx imagetools create -t ${reg}/base:1 ${reg}/base@${NEW_BASE}`,
        `buildx imagetools create -t ${reg}/app:1 ${reg}/app@${NEW_APP}`,
        `buildx imagetools create -t ${reg}/base:latest ${reg}/base@${NEW_BASE}`,
        `buildx imagetools create -t ${reg}/app:latest ${reg}/app@${NEW_APP}`,
      ].sort(),
    );
  });

  it('a tag that cannot be read before the step: nothing moves', async () => {
    const manifests = registry();
    const docker = fakeDocker(
      [{ match: (a) => a.includes('inspect') && a.at(-1) === `${reg}/app:1`, exitCode: 1, stderr: 'ERROR: dial tcp: connection refused' }],
      { manifests },
    );
    const report = await moveTags(moves, { docker });
    expect(report).toMatchObject({ ok: false, preflightFailed: true });
    expect(report.tags.every((t) => t.outcome === 'kept')).toBe(true);
    expect(docker.calls.some((c) => c.argv.includes('create'))).toBe(false);
    expect(manifests.get(`${reg}/base:1`)).toBe(OLD);
  });

  it('a move that fails midway: the tags that moved are put back, a new tag is reported as left moved', async () => {
    const manifests = registry();
    const docker = fakeDocker(
      [{ match: (a) => a.includes('create') && a.includes(`${reg}/app:1`), exitCode: 1, stderr: 'ERROR: connection reset by peer' }],
      { manifests },
    );
    const report = await moveTags(moves, { docker }, { parallel: 1 });
    expect(report.ok).toBe(false);
    expect(report.preflightFailed).toBe(false);
    const outcome = Object.fromEntries(report.tags.map((t) => [t.ref, t.outcome]));
    expect(outcome).toEqual({
      [`${reg}/base:1`]: 'rolled-back',
      [`${reg}/base:latest`]: 'rolled-back',
      [`${reg}/app:1`]: 'kept',
      [`${reg}/app:latest`]: 'kept',
    });
    expect(manifests.get(`${reg}/base:1`)).toBe(OLD);
    expect(manifests.get(`${reg}/base:latest`)).toBe(OLD);
    expect(report.tags.find((t) => t.ref === `${reg}/app:1`)?.reason).toContain('connection reset');
  });

  it('a new tag that moved before another move failed cannot be taken back: reported as left moved', async () => {
    const manifests = registry();
    manifests.delete(`${reg}/base:latest`);
    const docker = fakeDocker([{ match: (a) => a.includes('create') && a.includes(`${reg}/app:1`), exitCode: 1 }], { manifests });
    const report = await moveTags(moves, { docker }, { parallel: 1 });
    const outcome = Object.fromEntries(report.tags.map((t) => [t.ref, t.outcome]));
    expect(outcome[`${reg}/base:latest`]).toBe('new-left');
    expect(outcome[`${reg}/base:1`]).toBe('rolled-back');
  });
});
