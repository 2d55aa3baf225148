/**
 * Errors a user can act on: with no engine, `build`, `push`, `test`, `save` and `load` stop before
 * any work with one message naming where docker looked (exit 1), while `build --dry-run` and
 * `build --json` need no engine; `push` with no registry anywhere is refused (exit 2).
 */
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCommand } from '../../../src/cli/build.js';
import type { CliContext } from '../../../src/cli/context.js';
import { addGlobalOptions } from '../../../src/cli/global-options.js';
import { handleError } from '../../../src/cli/handle-error.js';
import { loadCommand } from '../../../src/cli/load.js';
import { promoteCommand } from '../../../src/cli/promote.js';
import { pushCommand } from '../../../src/cli/push.js';
import { releaseCommand } from '../../../src/cli/release.js';
import { saveCommand } from '../../../src/cli/save.js';
import { testCommand } from '../../../src/cli/test.js';
import { fakeDocker, type FakeDocker } from '../support/fake-docker.js';
import { cleanupProjects, tempProject } from './support/temp-project.js';

afterAll(cleanupProjects);

const definitions = `import { image } from 'dockwright';
export const app = image({ name: 'app', from: 'busybox:stable', user: 'nobody', steps: [], test: { smoke: [{ argv: ['true'] }] } });
`;
const config = (fields: string): string => `import { defineConfig } from 'dockwright';\nexport default defineConfig({ ${fields} });\n`;

async function dockwright(root: string, argv: string[], docker: FakeDocker, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
    stdout: { write: (t) => void out.push(t) },
    stderr: { write: (t) => void err.push(t) },
  };
  const program = addGlobalOptions(
    new Command('dockwright').exitOverride().configureOutput({ writeOut: (t) => out.push(t), writeErr: (t) => err.push(t) }),
  );
  for (const make of [buildCommand, pushCommand, testCommand, saveCommand, loadCommand, releaseCommand, promoteCommand])
    program.addCommand(make(ctx, docker).exitOverride());
  let code = 0;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    code = handleError(e, ctx);
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const DAEMON_DOWN = 'Cannot connect to the Docker daemon at unix:///run/none.sock. Is the docker daemon running?';
/** An engine that is not there: `docker version` fails as docker does; `docker context inspect` names the current context. */
const noEngine = (): FakeDocker =>
  fakeDocker([
    { match: (a) => a.includes('version') && a.includes('--format'), exitCode: 1, stderr: `Client: …\n${DAEMON_DOWN}\n` },
    { match: (a) => a.includes('context') && a.includes('inspect'), stdout: 'ci unix:///run/none.sock\n' },
  ]);

describe('no engine: one message before any work', () => {
  it.each([
    ['build', ['build']],
    ['push', ['push']],
    ['test', ['test']],
    ['save', ['save', '-o', 'bundle.tar']],
    ['load', ['load', 'bundle.tar']],
  ])('%s: exit 1, where docker looked and what to do', async (_name, argv) => {
    const root = await tempProject({ 'dockwright.config.ts': config("registry: '127.0.0.1:5000'"), 'definitions/app.ts': definitions });
    const docker = noEngine();
    const r = await dockwright(root, argv, docker, { DOCKER_HOST: 'unix:///run/none.sock' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: no Docker engine answers at DOCKER_HOST=unix:///run/none.sock: ${DAEMON_DOWN}\n` +
        '  start the engine, or point dockwright at one: DOCKER_HOST, DOCKER_CONTEXT or --context NAME (`docker context ls` lists the contexts)\n',
    );
    // nothing after the check: no build, push, container, save or load
    const after = docker.calls.slice(docker.calls.findIndex((c) => c.argv.includes('version') && c.argv.includes('--format')) + 1);
    expect(after.map((c) => c.argv.slice(0, 2).join(' '))).toEqual([]);
  });

  it("names docker's current context, or the --context given, when DOCKER_HOST is unset", async () => {
    const root = await tempProject({ 'dockwright.config.ts': config("registry: '127.0.0.1:5000'"), 'definitions/app.ts': definitions });
    expect((await dockwright(root, ['test'], noEngine())).stderr).toContain(
      `no Docker engine answers at docker's current context ("ci", unix:///run/none.sock): ${DAEMON_DOWN}`,
    );
    expect((await dockwright(root, ['push', '--context', 'ci'], noEngine())).stderr).toContain(
      `no Docker engine answers at --context ci ("ci", unix:///run/none.sock): ${DAEMON_DOWN}`,
    );
  });

  it('build --dry-run and build --json need no engine', async () => {
    const root = await tempProject({ 'dockwright.config.ts': config("registry: '127.0.0.1:5000'"), 'definitions/app.ts': definitions });
    for (const flag of ['--dry-run', '--json']) {
      const r = await dockwright(root, ['build', flag], noEngine(), { DOCKER_HOST: 'unix:///run/none.sock' });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
  });
});

describe('push needs a registry', () => {
  const NO_REGISTRY =
    'error: no registry to push to: app:latest names no registry, and docker would push it to Docker Hub\n' +
    "  set one: `registry: '127.0.0.1:5000'` in dockwright.config.ts, DOCKWRIGHT_REGISTRY=127.0.0.1:5000, or --registry 127.0.0.1:5000\n";

  it('push, build --push, release and promote without a registry: exit 2, how to set one, and no docker call', async () => {
    const root = await tempProject({ 'definitions/app.ts': definitions });
    for (const argv of [['push'], ['build', '--push'], ['release'], ['promote', '--from-tag', 'rc']]) {
      const docker = fakeDocker();
      const r = await dockwright(root, argv, docker);
      expect(r).toMatchObject({ code: 2, stderr: NO_REGISTRY });
      expect(docker.calls.filter((c) => c.argv[0] !== 'buildx' || c.argv[1] !== 'version')).toEqual([]);
    }
  });

  it('a registry from the settings, --registry, or named in the namespace is enough', async () => {
    const root = await tempProject({ 'definitions/app.ts': definitions });
    expect((await dockwright(root, ['push'], fakeDocker(), { DOCKWRIGHT_REGISTRY: '127.0.0.1:5000' })).stderr).not.toContain('no registry');
    expect((await dockwright(root, ['--registry', '127.0.0.1:5000', 'push'], fakeDocker())).stderr).not.toContain('no registry');
    expect((await dockwright(root, ['--namespace', '127.0.0.1:5000/acme', 'push'], fakeDocker())).stderr).not.toContain('no registry');
  });
});
