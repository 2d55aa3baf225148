import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planBuild } from '../../../src/plan/build-plan.js';
import type { ImageBuild } from '../../../src/plan/image-build.js';
import type { EngineApi } from '../../../src/engine/engine-api.js';
import type { Progress } from '../../../src/runner/progress/progress.js';
import type { ImageResult } from '../../../src/runner/result.js';
import type { BuildDecision } from '../../../src/runner/run-build.js';
import { runPlan, type RunPlanOptions } from '../../../src/runner/run-plan.js';
import { model, settings } from '../plan/images.js';
import { deferred, fakeDocker, type FakeDocker } from '../support/fake-docker.js';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

/** base ← mid ← top, other (alone). */
const plan = planBuild(
  [model('base'), model('mid', { from: 'base' }), model('top', { from: 'mid' }), model('other')],
  settings(),
  {},
  { engine: { buildx: true } },
);
const isBake = (argv: readonly string[]): boolean => argv[1] === 'bake';
const isBuildOf = (id: string) => (argv: readonly string[]) => argv[1] === 'build' && argv.includes(`${id}:latest`);

function recorder(): Progress & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    start: (id) => void events.push(`start ${id}`),
    line: (id, line) => void events.push(`${id}: ${line}`),
    done: (r: ImageResult) => void events.push(`${r.status} ${r.id}`),
    close: () => {},
  };
}

/** Every build out of date (with a digest label and a note), except those named up to date; `built` records ids. */
function decider(upToDate: readonly string[] = []) {
  const recorded: string[] = [];
  const decide = async (step: ImageBuild): Promise<BuildDecision> =>
    upToDate.includes(step.id)
      ? { upToDate: 'inputs unchanged', size: 7 }
      : {
          labels: { 'dev.dockwright.input-digest': `sha256:${step.id}` },
          notes: [`note of ${step.id}`],
          built: async () => void recorded.push(step.id),
        };
  return { decide, recorded };
}

function options(docker: FakeDocker, over: Partial<RunPlanOptions> = {}): RunPlanOptions & { progress: ReturnType<typeof recorder> } {
  const root = mkdtempSync(join(tmpdir(), 'dw-plan-'));
  roots.push(root);
  return { docker, root, logsDir: 'build-logs', parallel: 2, progress: recorder(), ...over } as RunPlanOptions & {
    progress: ReturnType<typeof recorder>;
  };
}

/** bake's output for targets that all finish. */
const exported = (...targets: string[]): string[] =>
  targets.flatMap((t, i) => [`#${i + 10} [${t}] exporting to image`, `#${i + 10} DONE 0.1s`]);

/** bake's output for a target whose `RUN false` step fails. */
const runFalse = (target: string): string[] => [
  `#20 [${target} 1/1] RUN false`,
  '#20 ERROR: process "/bin/sh -c false" did not complete successfully: exit code: 1',
];

/** The engine's API as it would answer after the build: each image's size and layers. */
const engineWith = (images: Record<string, { size: number; layers: readonly string[] }>): EngineApi => ({
  images: async (refs) =>
    new Map(
      refs.flatMap((ref) => {
        const image = images[ref.replace(/:latest$/, '')];
        return image ? [[ref, { id: `sha256:${ref}`, content: `sha256:${ref}`, labels: {}, ...image }] as const] : [];
      }),
    ),
});

describe('runPlan', () => {
  it('builds every out-of-date image in one bake run, parents as target: contexts, each image its own log', async () => {
    const docker = fakeDocker([
      {
        match: isBake,
        lines: ['#0 building with "default" instance using docker driver', '#2 [mid 1/1] FROM x', ...exported('base', 'mid', 'top')],
      },
      // one inspect of what bake made (in export order): sizes, and layers with each child on its parent's
      {
        match: (a) => a[0] === 'image' && a[1] === 'inspect',
        stdout: [
          ['base', 1, '"l1"'],
          ['mid', 2, '"l1","l2"'],
          ['top', 3, '"l1","l2","l3"'],
        ]
          .map(([id, size, l]) => `["${id}:latest"]\t[]\tsha256:${id}\tnull\t${size}\t[${l}]`)
          .join('\n'),
      },
    ]);
    const { decide, recorded } = decider(['other']);
    const opts = options(docker, { decide });
    const report = await runPlan(plan, opts);
    expect(report.ok).toBe(true);
    expect(report.results.map((r) => [r.id, r.status, r.size])).toEqual([
      ['base', 'built', 1],
      ['mid', 'built', 2],
      ['top', 'built', 3],
      ['other', 'up-to-date', 7],
    ]);
    // after the session one engine question gives the sizes and the layers; nothing is built again
    expect(docker.calls.map((c) => c.argv.slice(0, 2).join(' '))).toEqual(['buildx bake', 'image inspect']);
    const bake = docker.calls[0];
    expect(bake?.argv.slice(-3)).toEqual(['base', 'mid', 'top']);
    const file = JSON.parse(bake?.opts.input ?? '{}') as { target: Record<string, { contexts?: Record<string, string> }> };
    expect(Object.keys(file.target)).toEqual(['base', 'mid', 'top']);
    expect(file.target.top?.contexts).toEqual({ 'dockwright-target/mid': 'target:mid' });
    expect(recorded.sort()).toEqual(['base', 'mid', 'top']);
    const midLog = readFileSync(join(opts.root, 'build-logs', 'mid.log'), 'utf8').split('\n');
    expect(midLog[0]).toMatch(/^\$ docker buildx bake -f - .*<<< \(bake file of 3 images: base, mid, top\)$/);
    expect(midLog.slice(1)).toEqual(['note of mid', '#2 [1/1] FROM x', '#11 exporting to image', '#11 DONE 0.1s', '']);
    expect(opts.progress.events).toContain('mid: #2 [1/1] FROM x');
    expect(opts.progress.events.filter((e) => e.startsWith('built '))).toHaveLength(3);
  });

  it("when bake fails, keeps what it exported and builds the rest image by image: the failure stays the failed image's", async () => {
    const docker = fakeDocker([
      // base was exported before mid failed; bake then stopped top and other
      {
        match: isBake,
        exitCode: 1,
        lines: [...exported('base'), '#20 [mid 1/1] RUN false', 'ERROR: target mid: failed to solve: exit code 1'],
      },
      { match: isBuildOf('mid'), exitCode: 1, lines: ['ERROR: failed to solve: exit code 1'] },
    ]);
    const { decide, recorded } = decider();
    const opts = options(docker, { decide });
    const report = await runPlan(plan, opts);
    expect(report.ok).toBe(false);
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['base', 'built'],
      ['mid', 'failed'],
      ['top', 'skipped-dependency'],
      ['other', 'built'],
    ]);
    const builds = docker.calls.filter((c) => c.argv[1] === 'build').map((c) => c.argv[c.argv.indexOf('-t') + 1]);
    expect(builds.sort()).toEqual(['mid:latest', 'other:latest']);
    expect(recorded.sort()).toEqual(['base', 'other']);
    const midLog = readFileSync(join(opts.root, 'build-logs', 'mid.log'), 'utf8');
    expect(midLog).toContain('building on its own: the bake session of 4 images stopped (ERROR: target mid: failed to solve: exit code 1)');
    expect(midLog).toMatch(/^\$ docker buildx build /);
  });

  it("keeps bake's own result for an image whose step failed in the session: not built again, its dependents skipped", async () => {
    const docker = fakeDocker([
      {
        match: isBake,
        exitCode: 1,
        lines: [
          ...exported('base'),
          ...runFalse('mid'),
          'ERROR: failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1',
        ],
      },
    ]);
    const opts = options(docker, { decide: decider().decide });
    const report = await runPlan(plan, opts);
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['base', 'built'],
      ['mid', 'failed'],
      ['top', 'skipped-dependency'],
      ['other', 'built'],
    ]);
    expect(report.results[1]?.reason).toBe('failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1');
    // only other (stopped by mid's failure) is built again; mid's failing RUN ran once
    const builds = docker.calls.filter((c) => c.argv[1] === 'build').map((c) => c.argv[c.argv.indexOf('-t') + 1]);
    expect(builds).toEqual(['other:latest']);
    expect(opts.progress.events.filter((e) => e.endsWith(' mid')).at(-1)).toBe('failed mid');
    // no event of mid after its result
    expect(opts.progress.events.slice(opts.progress.events.indexOf('failed mid') + 1).some((e) => e.startsWith('mid:'))).toBe(false);
  });

  it('says once why no bake session could be made (an option after -- bake has no field for), and builds image by image', async () => {
    const docker = fakeDocker();
    const warnings: string[] = [];
    const withExtra = { ...plan, options: { ...plan.options, extra: ['--add-host', 'h:127.0.0.1'] } };
    const report = await runPlan(withExtra, options(docker, { decide: decider().decide, warn: (l) => void warnings.push(l) }));
    expect(report.ok).toBe(true);
    expect(warnings).toEqual([
      'no bake session, each image builds on its own: the option `--add-host` given after `--` has no equivalent in a bake file',
    ]);
    expect(docker.calls.filter((c) => c.argv[1] === 'build').map((c) => c.argv.slice(-3))).toContainEqual([
      '--add-host',
      'h:127.0.0.1',
      '.',
    ]);
  });

  it('builds image by image when bake is off, with --parallel 1, for one image, and for images with pre-build inputs', async () => {
    const perImage = async (over: Partial<RunPlanOptions>, upToDate: string[] = []) => {
      const docker = fakeDocker();
      const report = await runPlan(plan, options(docker, { decide: decider(upToDate).decide, ...over }));
      expect(report.ok).toBe(true);
      return docker.calls.filter((c) => c.argv[1] === 'build' || isBake(c.argv)).map((c) => c.argv[1]);
    };
    expect(await perImage({ bake: false })).toEqual(['build', 'build', 'build', 'build']);
    expect(await perImage({ parallel: 1 })).toEqual(['build', 'build', 'build', 'build']);
    expect(await perImage({}, ['base', 'mid', 'top'])).toEqual(['build']);
    // mid has inputs: it and its child build on their own, after bake built base and other
    expect(await perImage({ ownBuild: (s) => s.id === 'mid' })).toEqual(['bake', 'build', 'build']);
  });

  it("runs bake without buildx's git lookups, unless the environment asks for them", async () => {
    const envOf = async (env?: Record<string, string>) => {
      const docker = fakeDocker([{ match: isBake, lines: exported('base', 'mid', 'top', 'other') }]);
      await runPlan(plan, options(docker, { decide: decider().decide, ...(env ? { env } : {}) }));
      return docker.calls.find((c) => isBake(c.argv))?.opts.env?.BUILDX_GIT_INFO;
    };
    expect(await envOf()).toBe('0');
    expect(await envOf({ BUILDX_GIT_INFO: '1' })).toBe('1');
  });

  it('an abort during bake stops it; what it had not exported is reported cancelled', async () => {
    const hold = deferred();
    const controller = new AbortController();
    const docker = fakeDocker([{ match: isBake, lines: exported('base'), until: hold.promise }]);
    const running = runPlan(plan, options(docker, { decide: decider().decide, signal: controller.signal }));
    await new Promise((r) => setTimeout(r, 20));
    controller.abort(new Error('SIGINT'));
    const report = await running;
    expect(report.interrupted).toBe(true);
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['base', 'built'],
      ['mid', 'cancelled'],
      ['top', 'cancelled'],
      ['other', 'cancelled'],
    ]);
    expect(docker.calls.filter((c) => c.argv[1] === 'build')).toHaveLength(0);
  });

  it('builds again, on its own, an image bake put on other layers than its tagged parent, and the images on it', async () => {
    const docker = fakeDocker([{ match: isBake, lines: exported('base', 'mid', 'top', 'other') }]);
    const { decide } = decider();
    // mid came out on another result of base's steps (l1x, not l1); top sits on that mid
    const api = engineWith({
      base: { size: 1, layers: ['l1'] },
      mid: { size: 2, layers: ['l1x', 'l2'] },
      top: { size: 3, layers: ['l1x', 'l2', 'l3'] },
    });
    const opts = options(docker, { decide, api });
    const report = await runPlan(plan, opts);
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['base', 'built'],
      ['mid', 'built'],
      ['top', 'built'],
      ['other', 'built'],
    ]);
    const again = docker.calls.filter((c) => c.argv[1] === 'build').map((c) => c.argv[c.argv.indexOf('-t') + 1]);
    expect(again).toEqual(['mid:latest', 'top:latest']);
    expect(readFileSync(join(opts.root, 'build-logs', 'mid.log'), 'utf8')).toContain(
      "building again on its own: bake built it on other layers than the base image it tagged (BuildKit's cache held two results of one of its steps)",
    );
    expect(readFileSync(join(opts.root, 'build-logs', 'top.log'), 'utf8')).toContain('building again on its own: mid is built again');
    // mid's rebuild starts FROM the tagged base, not from a target: context
    const mid = docker.calls.find((c) => c.argv[1] === 'build' && c.argv.includes('mid:latest'));
    expect(mid?.argv).toContain('BASE_IMAGE=base:latest');
  });
  it('with a registry cache builds wave by wave: a child FROM its built parent image, in a later session or on its own', async () => {
    // base ← mid ← (top ← leaf, side), other; every image with a registry cache
    const cached = planBuild(
      [
        model('base'),
        model('mid', { from: 'base' }),
        model('top', { from: 'mid' }),
        model('side', { from: 'mid' }),
        model('leaf', { from: 'top' }),
        model('other'),
      ],
      settings({ registry: '127.0.0.1:5000', registryCache: 'buildcache' }),
      {},
      { engine: { buildx: true } },
    );
    const bakeOf = (...targets: string[]) => ({
      match: (a: readonly string[]) => isBake(a) && a.slice(a.indexOf('--progress=plain') + 1).join(' ') === targets.join(' '),
      lines: exported(...targets),
    });
    const docker = fakeDocker([bakeOf('base', 'other'), bakeOf('mid'), bakeOf('top', 'side')]);
    const report = await runPlan(cached, options(docker, { decide: decider().decide }));
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['base', 'built'],
      ['mid', 'built'],
      ['top', 'built'],
      ['side', 'built'],
      ['leaf', 'built'],
      ['other', 'built'],
    ]);
    // a wave of one goes to bake when others wait for it (mid), else it builds on its own (leaf)
    const runs = docker.calls.filter((c) => isBake(c.argv) || c.argv[1] === 'build');
    expect(
      runs.map((c) =>
        isBake(c.argv)
          ? `bake ${c.argv.slice(c.argv.indexOf('--progress=plain') + 1).join(' ')}`
          : `build ${c.argv[c.argv.indexOf('-t') + 1]}`,
      ),
    ).toEqual(['bake base other', 'bake mid', 'bake top side', 'build 127.0.0.1:5000/leaf:latest']);
    // a later session names the parent's image, not a target: context
    const third = JSON.parse(runs[2]?.opts.input ?? '{}') as {
      target: Record<string, { args?: Record<string, string>; contexts?: unknown }>;
    };
    expect(third.target.top?.args?.MID_IMAGE).toBe('127.0.0.1:5000/mid:latest');
    expect(third.target.top?.contexts).toBeUndefined();
    expect(runs[3]?.argv).toContain('TOP_IMAGE=127.0.0.1:5000/top:latest');
  });

  it('with a registry cache, a failed wave ends the sessions: what is left builds image by image, what is on the failure is skipped', async () => {
    const cached = planBuild(
      [model('base'), model('mid', { from: 'base' }), model('top', { from: 'mid' }), model('other'), model('more', { from: 'other' })],
      settings({ registry: '127.0.0.1:5000', registryCache: 'buildcache' }),
      {},
      { engine: { buildx: true } },
    );
    const docker = fakeDocker([
      {
        match: isBake,
        exitCode: 1,
        lines: [...exported('other'), ...runFalse('base')],
      },
    ]);
    const report = await runPlan(cached, options(docker, { decide: decider().decide }));
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['base', 'failed'],
      ['mid', 'skipped-dependency'],
      ['top', 'skipped-dependency'],
      ['other', 'built'],
      ['more', 'built'],
    ]);
    expect(docker.calls.filter((c) => isBake(c.argv))).toHaveLength(1);
    expect(docker.calls.filter((c) => c.argv[1] === 'build').map((c) => c.argv[c.argv.indexOf('-t') + 1])).toEqual([
      '127.0.0.1:5000/more:latest',
    ]);
  });
});
