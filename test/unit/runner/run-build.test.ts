import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { ImageBuild } from '../../../src/plan/image-build.js';
import { buildxArgv } from '../../../src/plan/buildx-argv.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planBuild } from '../../../src/plan/build-plan.js';
import type { Progress } from '../../../src/runner/progress/progress.js';
import type { ImageResult } from '../../../src/runner/result.js';
import { runBuild, type RunBuildOptions } from '../../../src/runner/run-build.js';
import { model, settings } from '../plan/images.js';
import { deferred, fakeDocker, type FakeDocker } from '../support/fake-docker.js';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

/** base ← mid ← top, other: planned with buildx, no registry. */
const plan = planBuild(
  [
    model('base'),
    model('mid', { from: 'base' }),
    model('top', { from: 'mid' }),
    model('other', { secrets: [{ id: 'tok', env: 'TOKEN' }] }),
  ],
  settings(),
  {},
  { engine: { buildx: true } },
);
const isBuildOf = (id: string) => (argv: readonly string[]) => argv[1] === 'build' && argv.includes(`${id}:latest`);

function recorder(): Progress & { events: string[] } {
  const events: string[] = [];
  const note = (e: string): void => void events.push(e);
  return {
    events,
    start: (id) => note(`start ${id}`),
    line: (id, line) => note(`${id}: ${line}`),
    done: (r: ImageResult) => note(`${r.status} ${r.id}`),
    close: () => note('close'),
  };
}

function options(docker: FakeDocker, over: Partial<RunBuildOptions> = {}): RunBuildOptions {
  const root = mkdtempSync(join(tmpdir(), 'dw-run-'));
  roots.push(root);
  return { docker, root, logsDir: 'build-logs', parallel: 2, progress: recorder(), ...over };
}

describe('runBuild', () => {
  it('runs every step in the project root, logs its output to its file, and reports sizes', async () => {
    const docker = fakeDocker([{ match: isBuildOf('base'), lines: ['#1 [main 1/2] FROM busybox:stable', '#1 DONE 0.1s'] }], {
      local: new Map([['base:latest', { id: 'sha256:b', size: 1_980_000 }]]),
    });
    const progress = recorder();
    const opts = options(docker, { progress, env: { DOCKER_HOST: 'unix:///tmp/far.sock' } });
    const report = await runBuild(plan, opts);
    expect(report.ok).toBe(true);
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['base', 'built'],
      ['mid', 'built'],
      ['top', 'built'],
      ['other', 'built'],
    ]);
    expect(report.results[0]?.size).toBe(1_980_000);
    const build = docker.calls.find((c) => isBuildOf('base')(c.argv));
    expect(build?.opts.cwd).toBe(opts.root);
    // buildx's git lookups are off unless the environment says otherwise
    expect(build?.opts.env).toEqual({ BUILDX_GIT_INFO: '0', DOCKER_HOST: 'unix:///tmp/far.sock' });
    const log = readFileSync(join(opts.root, 'build-logs', 'base.log'), 'utf8');
    expect(log).toBe(
      `$ docker ${buildxArgv(plan.builds[0] as ImageBuild, plan).argv.join(' ')}\n#1 [main 1/2] FROM busybox:stable\n#1 DONE 0.1s\n`,
    );
    expect(progress.events).toContain('base: #1 [main 1/2] FROM busybox:stable');
    expect(progress.events.indexOf('built base')).toBeLessThan(progress.events.indexOf('start mid'));
  });

  it('a secret reaches docker through the environment only, never on argv or in the log', async () => {
    const docker = fakeDocker();
    const opts = options(docker, { env: { TOKEN: 's3cr3t-value' } });
    await runBuild(plan, opts);
    const build = docker.calls.find((c) => isBuildOf('other')(c.argv));
    expect(build?.argv).toEqual(expect.arrayContaining(['--secret', 'id=tok,env=TOKEN']));
    expect(JSON.stringify(docker.calls.map((c) => c.argv))).not.toContain('s3cr3t-value');
    expect(build?.opts.env?.TOKEN).toBe('s3cr3t-value');
    expect(readFileSync(join(opts.root, 'build-logs', 'other.log'), 'utf8')).not.toContain('s3cr3t-value');
  });

  it("a failed image: its dependents are skipped, the others built, its last lines and BuildKit's reason kept", async () => {
    const lines = [...Array(30).keys()].map((i) => `#5 0.${i} line ${i}`);
    const docker = fakeDocker([
      {
        match: isBuildOf('mid'),
        exitCode: 1,
        lines: [...lines, 'ERROR: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3'],
      },
    ]);
    const report = await runBuild(plan, options(docker));
    expect(report.ok).toBe(false);
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['base', 'built'],
      ['mid', 'failed'],
      ['top', 'skipped-dependency'],
      ['other', 'built'],
    ]);
    const mid = report.results[1];
    expect(mid?.reason).toBe('failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3');
    expect(mid?.tail).toHaveLength(20);
    expect(mid?.tail?.[0]).toBe('#5 0.11 line 11');
    expect(report.results[2]?.reason).toBe('mid did not build');
    expect(docker.calls.some((c) => isBuildOf('top')(c.argv))).toBe(false);
  });

  it('an abort stops the running docker processes and reports the rest as cancelled', async () => {
    const hold = deferred();
    const docker = fakeDocker([{ match: isBuildOf('mid'), until: hold.promise }]);
    const stop = new AbortController();
    const running = runBuild(plan, options(docker, { signal: stop.signal, parallel: 1 }));
    await new Promise((r) => setTimeout(r, 20));
    expect([...docker.running].map((c) => c.argv.includes('mid:latest'))).toEqual([true]);
    stop.abort();
    const report = await running;
    expect(report.interrupted).toBe(true);
    expect(report.results.map((r) => [r.id, r.status, r.reason])).toEqual([
      ['base', 'built', undefined],
      ['mid', 'cancelled', 'interrupted'],
      ['top', 'cancelled', 'interrupted'],
      ['other', 'cancelled', 'interrupted'],
    ]);
    expect(docker.running.size).toBe(0);
  });

  it('--fail-fast: cancelled images say why', async () => {
    const docker = fakeDocker([{ match: isBuildOf('base'), exitCode: 1 }]);
    const report = await runBuild(plan, options(docker, { failFast: true, parallel: 1 }));
    expect(report.results.map((r) => [r.status, r.reason])).toEqual([
      ['failed', 'docker exited with 1'],
      ['skipped-dependency', 'base did not build'],
      ['skipped-dependency', 'mid did not build'],
      ['cancelled', 'stopped after base failed (--fail-fast)'],
    ]);
  });

  it('keeps within --parallel', async () => {
    const docker = fakeDocker();
    const wide = planBuild(
      ['a', 'b', 'c', 'd', 'e'].map((id) => model(id)),
      settings(),
      {},
      { engine: { buildx: true } },
    );
    await runBuild(wide, options(docker, { parallel: 3 }));
    expect(docker.maxRunning).toBeLessThanOrEqual(3);
    expect(docker.maxRunning).toBeGreaterThan(1);
  });
});
