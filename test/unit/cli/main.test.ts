import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { handleError } from '../../../src/cli/handle-error.js';
import { UsageError } from '../../../src/errors/index.js';
import { captureContext, runCli } from './support/run-cli.js';
import { cleanupProjects, tempProject } from './support/temp-project.js';

afterEach(cleanupProjects);

const PROJECT = {
  'dockwright.config.ts': `import { defineConfig } from 'dockwright';\nexport default defineConfig({ namespace: 'federatedai' });\n`,
  'definitions/base.ts': `import { image } from 'dockwright';\nexport const base = image({ name: 'base', tagSet: 'base', push: false, from: 'debian:bookworm-slim', steps: [] });\n`,
  'definitions/fit.ts': `import { image, variants, copy } from 'dockwright';
import { base } from './base.js';
export const fit = variants({ name: 'fit', axes: { os: ['alpine', 'debian'] }, image: ({ os }) => ({ groups: ['fit'], from: os === 'debian' ? base : 'alpine:3', steps: [copy('a', '/a', { from: base })] }) });
`,
};

describe('main', () => {
  it('DOCKWRIGHT_TIMING=1 prints where the time went, phase by phase, on stderr; nothing without it', async () => {
    const root = await tempProject(PROJECT);
    const timed = await runCli(['gen'], root, { DOCKWRIGHT_TIMING: '1' });
    expect(timed.code).toBe(0);
    const phases = [...timed.stderr.matchAll(/^timing: +\d+ ms  \+ *\d+ ms  cpu +\d+ ms  (.+)$/gm)].map((m) => m[1]);
    expect(phases).toEqual(expect.arrayContaining(['settings', 'load definitions', 'validate definitions', 'render and lint', 'end']));
    expect(phases.indexOf('load definitions')).toBeLessThan(phases.indexOf('render and lint'));
    expect((await runCli(['gen', '--check'], root)).stderr).not.toMatch(/^timing:/m);
  }, 30_000);

  it('prints the version and the help, exit 0', async () => {
    const root = await tempProject({});
    const version = await runCli(['--version'], root);
    expect(version).toMatchObject({ code: 0, stdout: '0.1.0\n' });
    const help = await runCli(['--help'], root);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: dockwright/);
    expect(help.stdout).toMatch(/\bgen\b/);
    expect(help.stdout).toMatch(/\blist\b/);
    expect(help.stdout).toMatch(/--image-version <version>/);
  });

  it('finds the project from a subfolder through package.json, and says where it looked when there is none (exit 2)', async () => {
    const { 'dockwright.config.ts': _config, ...definitions } = PROJECT;
    const root = await tempProject({
      ...definitions,
      'package.json': '{ "devDependencies": { "dockwright": "^0.1.0" } }',
      'docs/x.md': '',
    });
    const listed = await runCli(['list'], path.join(root, 'docs'));
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('fit:debian');
    const empty = await tempProject({ 'sub/x.md': '' });
    expect(await runCli(['gen'], path.join(empty, 'sub'))).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(
        /^error: no dockwright project in .*sub or any folder above it: .* Run `npx dockwright init` to start one/,
      ),
    });
  });

  it('exits 2 on a usage error', async () => {
    const root = await tempProject({});
    const unknown = await runCli(['frobnicate'], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
    const option = await runCli(['list', '--nope'], root);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/unknown option '--nope'/);
  });

  it('lists images with full tags, parents and files', async () => {
    const root = await tempProject(PROJECT);
    const run = await runCli(['list'], root, { DOCKWRIGHT_TAG: '1.0' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'ID          VARIANT    GROUPS  PUSH  TAGS                        PARENTS  FILE',
        'base        -          -       no    federatedai/base:1.0        -        definitions/base.ts',
        'fit:alpine  os=alpine  fit     yes   federatedai/fit:1.0-alpine  base     definitions/fit.ts',
        'fit:debian  os=debian  fit     yes   federatedai/fit:1.0-debian  base     definitions/fit.ts',
        '',
      ].join('\n'),
    );
  });

  it('lists JSON with global options applied, from a subfolder or with -C', async () => {
    const root = await tempProject(PROJECT);
    const run = await runCli(
      ['-C', `${root}/definitions`, 'list', '--json', '--registry', 'reg:5000', '--git-ref', 'refs/tags/v2.0.0'],
      '/',
    );
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as { id: string; tags: string[]; parents: string[]; variant: unknown }[];
    expect(rows.map((r) => [r.id, r.tags, r.parents, r.variant])).toEqual([
      ['base', ['reg:5000/federatedai/base:2.0.0-release'], [], null],
      ['fit:alpine', ['reg:5000/federatedai/fit:2.0.0-release-alpine'], ['base'], { os: 'alpine' }],
      ['fit:debian', ['reg:5000/federatedai/fit:2.0.0-release-debian'], ['base'], { os: 'debian' }],
    ]);
    expect(Object.keys(JSON.parse(run.stdout)[0])).toEqual(['id', 'name', 'variant', 'groups', 'push', 'tags', 'parents', 'file', 'dir']);
  });

  it('reports a bad environment value with its source, exit 2', async () => {
    const root = await tempProject(PROJECT);
    const run = await runCli(['list'], root, { DOCKWRIGHT_PARALLEL: 'abc' });
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'error: DOCKWRIGHT_PARALLEL=abc (environment): expected a positive integer\n' });
  });
});

describe('signals', () => {
  it('handles SIGINT/SIGTERM only when run without a context (from the bin), and lets go after', async () => {
    const once = vi.spyOn(process, 'once');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    try {
      expect(await main(['--version'])).toBe(0);
      expect(once.mock.calls.map((c) => c[0])).toEqual(['SIGINT', 'SIGTERM']);
      expect(write).toHaveBeenCalledWith('0.1.0\n');
      expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
      once.mockClear();
      await runCli(['--version'], '/');
      expect(once).not.toHaveBeenCalled();
    } finally {
      once.mockRestore();
      write.mockRestore();
    }
  });
});

describe('handleError', () => {
  it('maps dockwright errors to their exit code and anything else to a bug report, exit 1', () => {
    const a = captureContext('/');
    expect(handleError(new UsageError('no such image'), a.ctx)).toBe(2);
    expect(a.err()).toBe('error: no such image\n');
    const b = captureContext('/');
    expect(handleError(new TypeError('x is undefined'), b.ctx)).toBe(1);
    expect(b.err()).toMatch(
      /^error: x is undefined\nthis is a bug in dockwright; please report it with the details below\.\nTypeError: x is undefined\n/,
    );
  });

  it('exits 130 when the run was interrupted', () => {
    const controller = new AbortController();
    controller.abort();
    const c = captureContext('/');
    expect(handleError(new Error('killed'), { ...c.ctx, signal: controller.signal })).toBe(130);
  });
});
