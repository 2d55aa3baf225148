/**
 * executeBuild decides every image before it loads the build runner: when all are up to date (a
 * fresh machine whose registry has every image, a no-op on the full path) run-plan.ts is never
 * imported; when one is out of date it is, and that image's decision is the one the skipper made.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Decision, Skipper } from '../../../src/incremental/skipper.js';
import { planBuild } from '../../../src/plan/build-plan.js';
import type { ImageBuild } from '../../../src/plan/image-build.js';
import { model, settings } from '../plan/images.js';
import { fakeDocker } from '../support/fake-docker.js';

const plan = planBuild([model('base'), model('app', { from: 'base' })], settings(), {}, { engine: { buildx: true } });

function skipper(stale: readonly string[]): Skipper & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    decide: async (build: ImageBuild): Promise<Decision> => {
      asked.push(build.id);
      return stale.includes(build.id)
        ? { labels: {}, notes: [], built: async () => undefined }
        : { upToDate: 'input digest sha256:1 unchanged' };
    },
    explain: async () => [],
    externalsPresent: async () => true,
    close: async () => undefined,
  };
}

const streams = () => {
  const out: string[] = [];
  return { out, io: { stdout: { write: (t: string) => void out.push(t) }, stderr: { write: (t: string) => void out.push(t) } } };
};

afterEach(() => {
  vi.doUnmock('../../../src/runner/run-plan.js');
  vi.resetModules();
});

describe('executeBuild', () => {
  async function run(stale: readonly string[]) {
    const loaded: string[] = [];
    vi.resetModules();
    vi.doMock('../../../src/runner/run-plan.js', async (original) => {
      loaded.push('run-plan');
      return original();
    });
    const { executeBuild } = await import('../../../src/runner/execute-build.js');
    const s = skipper(stale);
    const { io, out } = streams();
    const docker = fakeDocker();
    const report = await executeBuild(
      {
        root: '/p',
        settings: settings(),
        images: [],
        plan,
        engine: { docker },
        skipper: s,
        progress: 'plain',
        parallel: 1,
        failFast: false,
        bake: false,
      },
      io,
    );
    return { report, loaded, asked: s.asked, out: out.join(''), docker };
  }

  it('every image up to date: each decided once, the build runner never loaded, no docker call', async () => {
    const r = await run([]);
    expect(r.report.results.map((x) => x.status)).toEqual(['up-to-date', 'up-to-date']);
    expect(r.asked.sort()).toEqual(['app', 'base']);
    expect(r.loaded).toEqual([]);
    expect(r.docker.calls).toEqual([]);
  });

  it('one image out of date: the runner is loaded and builds it, each image decided once', async () => {
    const r = await run(['app']);
    expect(r.loaded).toEqual(['run-plan']);
    expect(r.asked.sort()).toEqual(['app', 'base']);
    expect(r.report.results.map((x) => `${x.id} ${x.status}`)).toEqual(['base up-to-date', 'app built']);
    expect(r.docker.calls.some((c) => c.argv.includes('app:latest'))).toBe(true);
  });
});
