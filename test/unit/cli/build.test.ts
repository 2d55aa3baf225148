import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCommand } from '../../../src/cli/build.js';
import type { CliContext } from '../../../src/cli/context.js';
import { addGlobalOptions } from '../../../src/cli/global-options.js';
import { handleError } from '../../../src/cli/handle-error.js';
import { fakeDocker, type FakeDocker } from '../support/fake-docker.js';
import { cleanupProjects, tempProject } from './support/temp-project.js';

afterAll(cleanupProjects);

const files = {
  'dockwright.config.ts': `import { defineConfig } from 'dockwright';\nexport default defineConfig({ registry: '127.0.0.1:5000', tag: '1.0' });\n`,
  'definitions/chain.ts': [
    `import { image, run, arg } from 'dockwright';`,
    `export const base = image({ name: 'base', from: 'busybox:stable', push: false, steps: [run('echo base > /base')] });`,
    `export const app = image({ name: 'app', from: base, args: { MODE: 'fast' }, steps: [run('echo $MODE')] });`,
    `export const lone = image({ name: 'lone', from: 'busybox:stable', secrets: [{ id: 'tok', env: 'TOKEN' }], steps: [run('true')] });`,
  ].join('\n'),
};

async function dockwright(root: string, argv: string[], docker: FakeDocker) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    cwd: root,
    env: { PATH: process.env.PATH, TOKEN: 'the-secret', SOURCE_DATE_EPOCH: '1700000000' },
    stdout: { write: (t) => void out.push(t) },
    stderr: { write: (t) => void err.push(t) },
  };
  const program = addGlobalOptions(
    new Command('dockwright').exitOverride().configureOutput({ writeOut: (t) => out.push(t), writeErr: (t) => err.push(t) }),
  );
  program.addCommand(buildCommand(ctx, docker).exitOverride());
  let code = 0;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    code = handleError(e, ctx);
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('dockwright build', () => {
  it('--dry-run prints the order and every argv, and runs no build', async () => {
    const root = await tempProject(files);
    const docker = fakeDocker();
    const r = await dockwright(root, ['build', 'app', '--dry-run', '--build-arg', 'MODE=slow', '--', '--network=host'], docker);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('2 images to build, in this order:');
    expect(lines[1]).toBe('  1. base');
    expect(lines[3]).toBe('  2. app  (after base)');
    expect(lines[4]).toContain(
      'docker buildx build --progress=plain -f generated/app/Dockerfile --target main --build-arg BASE_IMAGE=127.0.0.1:5000/base:1.0 --build-arg MODE=slow',
    );
    expect(lines[4]).toContain('--label org.opencontainers.image.created=2023-11-14T22:13:20.000Z');
    expect(lines[4]).toMatch(/-t 127\.0\.0\.1:5000\/app:1\.0 --load --network=host \.$/);
    // the buildx probe, and one look at the local images (are they up to date?); no build
    expect(docker.calls.map((c) => c.argv.slice(0, 2).join(' '))).toEqual(['buildx version', 'image inspect']);
    expect(r.stdout).toContain('Up to date?\n  base: would build: no image 127.0.0.1:5000/base:1.0 yet\n');
  });

  it('--json prints the plan as JSON', async () => {
    const root = await tempProject(files);
    const r = await dockwright(root, ['build', '--json', '--no-deps', 'app', '--context', 'far'], fakeDocker());
    const plan = JSON.parse(r.stdout) as { order: string[]; external: unknown[]; builds: { command: { argv: string[] } }[] };
    expect(plan.order).toEqual(['app']);
    expect(plan.external).toEqual([{ id: 'base', ref: '127.0.0.1:5000/base:1.0' }]);
    expect(plan.builds[0]?.command.argv.slice(0, 4)).toEqual(['--context', 'far', 'buildx', 'build']);
  });

  it('several platforms on a classic store: exit 2 before anything runs, saying what to change; the store is asked only then', async () => {
    const root = await tempProject(files);
    const classic = fakeDocker([
      { match: 'info', stdout: JSON.stringify([['Backing Filesystem', 'extfs']]) },
      { match: (a) => a[1] === 'inspect' && a[0] === 'buildx', stdout: 'Driver: docker\n' },
    ]);
    const r = await dockwright(root, ['build', 'app', '--platform', 'linux/amd64,linux/arm64', '--dry-run'], classic);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('base, app: several platforms (linux/amd64, linux/arm64) cannot be loaded into this engine');
    expect(r.stderr).toContain('containerd-snapshotter');
    expect(classic.calls.map((c) => c.argv.slice(0, 2).join(' '))).toEqual(['buildx version', 'info --format', 'buildx inspect']);
    const one = fakeDocker();
    expect((await dockwright(root, ['build', 'app', '--platform', 'linux/arm64', '--dry-run'], one)).code).toBe(0);
    expect(one.calls.map((c) => c.argv[0])).not.toContain('info');
  });

  it("--registry-cache TAG on a containerd store: every image imports and exports its cache there; --push of several platforms is the build's", async () => {
    const root = await tempProject(files);
    const containerd = fakeDocker([
      { match: 'info', stdout: JSON.stringify([['driver-type', 'io.containerd.snapshotter.v1']]) },
      { match: (a) => a[1] === 'inspect' && a[0] === 'buildx', stdout: 'Driver: docker\n' },
    ]);
    const r = await dockwright(
      root,
      ['build', 'app', '--registry-cache', 'ci', '--platform', 'linux/amd64,linux/arm64', '--push', '--dry-run'],
      containerd,
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      '--cache-from type=registry,ref=127.0.0.1:5000/app:ci --cache-to type=registry,ref=127.0.0.1:5000/app:ci,mode=max,ignore-error=true',
    );
    expect(r.stdout).toContain('--output type=image,push=true');
  });

  it('secrets stay off argv', async () => {
    const root = await tempProject(files);
    const r = await dockwright(root, ['build', 'lone', '--json'], fakeDocker());
    expect(r.stdout).toContain('id=tok,env=TOKEN');
    expect(r.stdout).not.toContain('the-secret');
  });

  it('an unknown name is a usage error (exit 2) listing the images', async () => {
    const root = await tempProject(files);
    const r = await dockwright(root, ['build', 'nope', '--dry-run'], fakeDocker());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"nope" matches no image; the images are: base, app, lone');
  });

  it('a misspelt image or group name is a usage error (exit 2) with did you mean', async () => {
    const root = await tempProject(files);
    const image = await dockwright(root, ['build', 'bsae', '--dry-run'], fakeDocker());
    expect(image).toMatchObject({
      code: 2,
      stderr: 'error: "bsae" matches no image; did you mean "base"? the images are: base, app, lone\n',
    });
    const grouped = await tempProject({
      ...files,
      'definitions/web.ts': `import { image } from 'dockwright';\nexport const web = image({ name: 'web', from: 'busybox:stable', groups: ['services'], steps: [] });\n`,
    });
    const group = await dockwright(grouped, ['build', '--group', 'servics', '--dry-run'], fakeDocker());
    expect(group).toMatchObject({
      code: 2,
      stderr: 'error: group "servics" has no image; did you mean "services"? the groups are: services\n',
    });
  });

  it('--target: an image without that stage is a usage error (exit 2) naming its stages', async () => {
    const root = await tempProject(files);
    const r = await dockwright(root, ['build', 'app', '--target', 'cann', '--json'], fakeDocker());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--target "cann" is not a stage of image app (stages: main)');
    const ok = await dockwright(root, ['build', 'app', '--target', 'main', '--json'], fakeDocker());
    expect(ok.code).toBe(0);
  });

  it('--no-deps: a parent that exists neither locally nor in its registry stops the run before any build (exit 2)', async () => {
    const root = await tempProject(files);
    const docker = fakeDocker([{ match: (a) => (a[0] === 'image' && a[1] === 'inspect') || a[0] === 'manifest', exitCode: 1 }]);
    const r = await dockwright(root, ['build', 'app', '--no-deps'], docker);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('base (127.0.0.1:5000/base:1.0)');
    expect(docker.calls.map((c) => c.argv.slice(0, 2).join(' '))).toEqual([
      'buildx version',
      'version --format',
      'image inspect',
      'manifest inspect',
    ]);
  });

  it('builds through the seam (--no-bake: one docker build per image): generated files first, a summary, exit 1 when an image failed', async () => {
    const root = await tempProject(files);
    const docker = fakeDocker([
      { match: (a) => a[1] === 'build' && a.includes('127.0.0.1:5000/base:1.0'), exitCode: 1, lines: ['ERROR: failed to solve: boom'] },
    ]);
    const r = await dockwright(root, ['build', '--progress', 'plain', '--no-bake'], docker);
    expect(r.code).toBe(1);
    expect(docker.calls.some((c) => c.argv.includes('bake'))).toBe(false);
    expect(r.stdout).toMatch(/^base\s+failed/m);
    expect(r.stdout).toMatch(/^app\s+skipped \(dependency failed\)/m);
    expect(r.stdout).toMatch(/^lone\s+built/m);
    expect(r.stderr).toContain('[base] ERROR: failed to solve: boom');
    expect(r.stderr).toContain('✖ base failed: failed to solve: boom (full log: build-logs/base.log)');
    expect(r.stderr).toContain('error: 1 image failed to build: base');
    expect(await readFile(`${root}/generated/lone/Dockerfile`, 'utf8')).toContain('FROM busybox:stable');
    const lone = docker.calls.find((c) => c.argv.includes('127.0.0.1:5000/lone:1.0'));
    expect(lone?.opts.env?.TOKEN).toBe('the-secret');
    expect(lone?.argv.join(' ')).not.toContain('the-secret');
  });
});
