import { describe, expect, it, vi } from 'vitest';
import { pushImages, pushRef } from '../../../src/runner/push.js';
import { classifyFailure, pushedDigest, registryOf, withoutRegistry } from '../../../src/runner/registry-ref.js';
import { fakeDocker } from '../support/fake-docker.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const pushed = (tag: string) => ({ stdout: `The push refers to repository [x]\n${tag}: digest: ${DIGEST} size: 527` });
const refused = { exitCode: 1, stderr: 'Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused' };
const noAuth = { exitCode: 1, stderr: 'no basic auth credentials' };

const recorder = () => {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
};

describe('registry references and errors', () => {
  it('finds the registry of a reference', () => {
    expect(registryOf('127.0.0.1:5000/ns/app:1')).toBe('127.0.0.1:5000');
    expect(registryOf('ghcr.io/o/app:1')).toBe('ghcr.io');
    expect(registryOf('localhost/app')).toBe('localhost');
    expect(registryOf('federatedai/fateboard:2.0')).toBe('docker.io');
    expect(registryOf('busybox:stable')).toBe('docker.io');
    expect(withoutRegistry('127.0.0.1:5000/ns/app:1')).toBe('ns/app:1');
    expect(withoutRegistry('ns/app:1')).toBe('ns/app:1');
  });

  it('tells auth failures from transient ones', () => {
    expect(classifyFailure('unauthorized: authentication required')).toBe('auth');
    expect(classifyFailure('denied: requested access to the resource is denied')).toBe('auth');
    expect(classifyFailure('no basic auth credentials')).toBe('auth');
    expect(classifyFailure(refused.stderr)).toBe('transient');
    expect(classifyFailure('read tcp: connection reset by peer')).toBe('transient');
    expect(classifyFailure('received unexpected HTTP status: 503 Service Unavailable')).toBe('transient');
    expect(classifyFailure('net/http: TLS handshake timeout')).toBe('transient');
    expect(classifyFailure('An image does not exist locally with the tag: x')).toBe('other');
    // the daemon socket's "permission denied" is not a registry refusing credentials
    expect(classifyFailure('permission denied while trying to connect to the Docker daemon socket')).toBe('other');
  });

  it('reads the digest docker push prints', () => {
    expect(pushedDigest(pushed('t1').stdout)).toBe(DIGEST);
    expect(pushedDigest('nothing here')).toBeUndefined();
  });
});

describe('pushRef', () => {
  it('retries transient failures with exponential backoff, then gives up', async () => {
    const docker = fakeDocker([{ match: 'push', ...refused }]);
    const { waits, sleep } = recorder();
    const result = await pushRef('127.0.0.1:5999/a:1', { docker, attempts: 4, backoffMs: 100, sleep });
    expect(result).toMatchObject({ status: 'failed', kind: 'transient' });
    expect(docker.calls.map((c) => c.argv)).toEqual(Array(4).fill(['push', '127.0.0.1:5999/a:1']));
    expect(waits).toEqual([100, 200, 400]);
  });

  it('succeeds on a retry and returns the digest', async () => {
    let n = 0;
    const docker = fakeDocker([
      { match: () => ++n === 1, ...refused },
      { match: 'push', ...pushed('1') },
    ]);
    const result = await pushRef('r.io/a:1', { docker, sleep: async () => {} });
    expect(result).toEqual({ ref: 'r.io/a:1', status: 'pushed', digest: DIGEST });
    expect(docker.calls).toHaveLength(2);
  });

  it('never retries an auth failure', async () => {
    const docker = fakeDocker([{ match: 'push', ...noAuth }]);
    const { waits, sleep } = recorder();
    expect(await pushRef('r.io/a:1', { docker, sleep })).toMatchObject({
      status: 'failed',
      kind: 'auth',
      reason: 'no basic auth credentials',
    });
    expect(docker.calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('puts docker global options first', async () => {
    const docker = fakeDocker([{ match: 'push', ...pushed('1') }]);
    await pushRef('r.io/a:1', { docker, globalArgs: ['--context', 'remote'] });
    expect(docker.calls[0]?.argv).toEqual(['--context', 'remote', 'push', 'r.io/a:1']);
  });
});

describe('pushImages', () => {
  it('skips push:false and unbuilt images; after a registry failed, its other tags are not tried', async () => {
    const local = new Map(
      ['r.io/base:1', 'r.io/app:1', 'r.io/app:latest', 'down.io/other:1', 'down.io/other:latest'].map((r) => [r, { id: 'sha256:1' }]),
    );
    const docker = fakeDocker(
      [
        { match: (a) => a[0] === 'push' && (a[1] ?? '').startsWith('down.io'), ...refused },
        { match: 'push', ...pushed('x') },
      ],
      { local },
    );
    const report = await pushImages(
      [
        { id: 'base', tags: ['r.io/base:1'], push: false },
        { id: 'missing', tags: ['r.io/missing:1'], push: true },
        { id: 'app', tags: ['r.io/app:1', 'r.io/app:latest'], push: true },
        { id: 'other', tags: ['down.io/other:1', 'down.io/other:latest'], push: true },
      ],
      { docker, attempts: 2, sleep: async () => {} },
    );
    expect(report.images.map((i) => [i.id, i.status])).toEqual([
      ['base', 'never-pushed'],
      ['missing', 'not-built'],
      ['app', 'pushed'],
      ['other', 'failed'],
    ]);
    expect(report.images[3]?.tags.map((t) => t.status)).toEqual(['failed', 'not-tried']);
    expect(docker.calls.filter((c) => c.argv[0] === 'push').map((c) => c.argv[1])).toEqual([
      'r.io/app:1',
      'r.io/app:latest',
      'down.io/other:1',
      'down.io/other:1',
    ]);
    expect(report.ok).toBe(false);
    expect(report.advice).toEqual([expect.stringMatching(/^registry down\.io did not answer after 2 attempts: check that it is running/)]);
  });

  it("pushes up to `parallel` images at once, an image's tags one after another, and reports in the given order", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const local = new Map(['a', 'b', 'c', 'd'].flatMap((id) => [`r.io/${id}:1`, `r.io/${id}:latest`]).map((r) => [r, { id: 'sha256:1' }]));
    const docker = fakeDocker(
      [
        // every first tag stays "uploading" until released
        { match: (a) => a[0] === 'push' && (a[1] ?? '').endsWith(':1'), ...pushed('1'), until: held },
        { match: 'push', ...pushed('latest') },
      ],
      { local },
    );
    const pushes = (): string[] => docker.calls.filter((c) => c.argv[0] === 'push').map((c) => c.argv[1] as string);
    const items = ['a', 'b', 'c', 'd'].map((id) => ({ id, tags: [`r.io/${id}:1`, `r.io/${id}:latest`], push: true }));
    const done = pushImages(items, { docker, parallel: 3 });
    await vi.waitFor(() => expect(pushes()).toHaveLength(3));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // three images at once; no second tag before its first is pushed; d waits for a free slot
    expect(pushes()).toEqual(['r.io/a:1', 'r.io/b:1', 'r.io/c:1']);
    release();
    const report = await done;
    expect(report.images.map((i) => [i.id, i.status])).toEqual([
      ['a', 'pushed'],
      ['b', 'pushed'],
      ['c', 'pushed'],
      ['d', 'pushed'],
    ]);
    expect(pushes()).toHaveLength(8);
    for (const id of ['a', 'b', 'c', 'd']) expect(pushes().indexOf(`r.io/${id}:latest`)).toBeGreaterThan(pushes().indexOf(`r.io/${id}:1`));
  });

  it('pushes one image at a time by default', async () => {
    const docker = fakeDocker([{ match: 'push', ...pushed('x') }], {
      local: new Map(['a', 'b', 'c'].map((id) => [`r.io/${id}:1`, { id: 'sha256:1' }])),
    });
    await pushImages(
      ['a', 'b', 'c'].map((id) => ({ id, tags: [`r.io/${id}:1`], push: true })),
      { docker },
    );
    expect(docker.maxRunning).toBe(1);
  });
});
