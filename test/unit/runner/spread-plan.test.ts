import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planBuild } from '../../../src/plan/build-plan.js';
import type { ImageResult } from '../../../src/runner/result.js';
import { repositoryOf } from '../../../src/runner/parent-handover.js';
import { runPlan, type RunPlanOptions } from '../../../src/runner/run-plan.js';
import { model, settings } from '../plan/images.js';
import { fakeDocker, type FakeDocker } from '../support/fake-docker.js';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

/** base (a) ← mid (b); other (a) ← kit (a). */
const plan = planBuild(
  [
    model('base', { engine: 'a' }),
    model('mid', { from: 'base', engine: 'b' }),
    model('other', { engine: 'a' }),
    model('kit', { from: 'other', engine: 'a' }),
  ],
  settings({
    registry: 'r.example',
    namespace: 'acme',
    tag: '1',
    engines: [
      { name: 'a', context: 'ctx-a' },
      { name: 'b', host: 'tcp://b.example:2375' },
    ],
  }),
  {},
  { engine: { buildx: true }, push: true },
);
const ref = (name: string): string => `r.example/acme/${name}:1`;
const digests: Record<string, string> = { base: 'sha256:b1', mid: 'sha256:m1', other: 'sha256:o1', kit: 'sha256:k1' };

function options(docker: FakeDocker): RunPlanOptions {
  const root = mkdtempSync(join(tmpdir(), 'dw-spread-'));
  roots.push(root);
  const progress = { start: () => {}, line: () => {}, done: (_r: ImageResult) => {}, close: () => {} };
  return {
    docker,
    root,
    logsDir: 'build-logs',
    parallel: 2,
    progress,
    decide: async (b) => ({ labels: { 'dev.dockwright.input-digest': `sha256:${b.id}` } }),
  };
}

describe('runPlan over several engines', () => {
  it('a bake session per engine; a child elsewhere FROM its parent by digest, on its own engine; the pushed digests reported', async () => {
    const docker = fakeDocker(
      [
        {
          match: (a) => a.includes('bake'),
          lines: ['base', 'other', 'kit'].flatMap((t, i) => [`#${i + 1} [${t}] exporting to image`, `#${i + 1} DONE 0.1s`]),
        },
      ],
      { manifests: new Map(Object.entries(digests).map(([name, d]) => [ref(name), d])) },
    );
    const report = await runPlan(plan, options(docker));
    expect(report.results.map((r) => [r.id, r.status, r.pushed])).toEqual([
      ['base', 'built', 'r.example/acme/base@sha256:b1'],
      ['mid', 'built', 'r.example/acme/mid@sha256:m1'],
      ['other', 'built', 'r.example/acme/other@sha256:o1'],
      ['kit', 'built', 'r.example/acme/kit@sha256:k1'],
    ]);
    const builds = docker.calls.filter((c) => c.argv.includes('build') || c.argv.includes('bake'));
    const bake = builds.find((c) => c.argv.includes('bake'));
    // engine a's session: base, other, kit; mid (engine b) waits for base and builds on its own
    expect(bake?.argv.slice(0, 4)).toEqual(['--context', 'ctx-a', 'buildx', 'bake']);
    expect(bake?.argv.slice(-3)).toEqual(['base', 'other', 'kit']);
    expect(builds).toHaveLength(2);
    const mid = builds.find((c) => c.argv.includes(ref('mid')));
    expect(mid?.opts.env?.DOCKER_HOST).toBe('tcp://b.example:2375');
    expect(mid?.argv).toContain('BASE_IMAGE=r.example/acme/base@sha256:b1');
    expect(mid?.argv).not.toContain('--context');
    expect(bake?.opts.env?.DOCKER_HOST).toBeUndefined();
  });

  it('a parent missing from its registry fails only the child on the other engine', async () => {
    const docker = fakeDocker([{ match: (a) => a.includes('bake'), exitCode: 1 }], {
      manifests: new Map([[ref('other'), 'sha256:o1']]),
    });
    const report = await runPlan(plan, { ...options(docker), bake: false });
    const byId = new Map(report.results.map((r) => [r.id, r]));
    expect(byId.get('mid')?.status).toBe('failed');
    expect(byId.get('mid')?.reason).toMatch(
      /^base \(built on a\) is not in its registry as r\.example\/acme\/base:1: nothing to hand to mid$/,
    );
    expect(['base', 'other', 'kit'].map((id) => byId.get(id)?.status)).toEqual(['built', 'built', 'built']);
  });

  it('repositoryOf keeps a registry port and drops a tag or digest', () => {
    expect(repositoryOf('127.0.0.1:5000/acme/app:1')).toBe('127.0.0.1:5000/acme/app');
    expect(repositoryOf('127.0.0.1:5000/acme/app')).toBe('127.0.0.1:5000/acme/app');
    expect(repositoryOf('r/acme/app@sha256:ab')).toBe('r/acme/app');
  });
});
