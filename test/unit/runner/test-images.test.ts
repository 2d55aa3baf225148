import { describe, expect, it, vi } from 'vitest';
import { testImages, type ImageTestItem } from '../../../src/runner/image-test/test-images.js';
import { fakeDocker } from '../support/fake-docker.js';

const items: ImageTestItem[] = ['a', 'b', 'c', 'd'].map((id) => ({ id, dir: id, tags: [`r.io/${id}:1`] }));
/** The first question `test` asks of an image: is it in the local store? */
const existsCall = (argv: readonly string[]): boolean => argv[0] === 'image' && argv.includes('{{.Id}}');

describe('testImages', () => {
  it('tests up to `parallel` images at once and reports them in the order given', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const docker = fakeDocker([
      { match: (a) => existsCall(a) && a.at(-1) !== 'r.io/d:1', stdout: 'sha256:1', until: held },
      { match: existsCall, stdout: 'sha256:1' },
      // no HEALTHCHECK and no test spec: skipped
      { match: (a) => a[0] === 'image', stdout: 'null' },
    ]);
    const done = testImages(items, { docker }, { parallel: 2 });
    await vi.waitFor(() => expect(docker.calls.filter((c) => existsCall(c.argv))).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(docker.calls.filter((c) => existsCall(c.argv)).map((c) => c.argv.at(-1))).toEqual(['r.io/a:1', 'r.io/b:1']);
    release();
    const results = await done;
    expect(results.map((r) => [r.id, r.status, r.reason])).toEqual(
      ['a', 'b', 'c', 'd'].map((id) => [id, 'skipped', 'no test spec and no HEALTHCHECK']),
    );
  });

  it('one image at a time by default; after an abort the images not started are skipped as interrupted', async () => {
    const controller = new AbortController();
    // the user interrupts while b is being looked at
    const interruptAtB = (a: readonly string[]): boolean => {
      const atB = existsCall(a) && a.at(-1) === 'r.io/b:1';
      if (atB) controller.abort();
      return atB;
    };
    const docker = fakeDocker([
      { match: interruptAtB, exitCode: 1 },
      { match: existsCall, exitCode: 1 },
    ]);
    const results = await testImages(items, { docker, signal: controller.signal });
    expect(docker.maxRunning).toBe(1);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['a', 'failed'],
      ['b', 'failed'],
      ['c', 'skipped'],
      ['d', 'skipped'],
    ]);
    expect(results.slice(2).map((r) => r.reason)).toEqual(['interrupted', 'interrupted']);
  });
});
