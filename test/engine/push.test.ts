/**
 * `dockwright push` and `build --push` against real registries: every tag pushed with its digest
 * and pulled back; `push: false` and unbuilt images left out; a registry that is down and one that
 * refuses the credentials end with exit 1 and a message saying what to do, without credentials in
 * the output.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerOk } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { imageExists } from './support/images.js';
import { startRegistry } from './support/registry.js';
import { shipSuite } from './support/ship-suite.js';

const definitions = `import { image, run } from 'dockwright';
export const base = image({ name: 'base', push: false, from: 'busybox:stable', steps: [run('echo base > /base')] });
export const app = image({ name: 'app', tags: ['{tag}', 'latest'], from: base, steps: [run('echo app > /app')] });
export const unbuilt = image({ name: 'unbuilt', from: 'busybox:stable', steps: [run('echo never')] });
export const later = image({ name: 'later', from: 'busybox:stable', steps: [run('echo later > /later')] });
`;

const catalog = async (url: string): Promise<string[]> =>
  ((await (await fetch(`${url}/v2/_catalog`)).json()) as { repositories: string[] }).repositories;

describe.skipIf(!engineAvailable)('dockwright push (engine)', () => {
  const { prefix, project } = shipSuite('push', { 'definitions/images.ts': definitions });

  it('pushes every tag of the built images with their digests, leaves out push:false and unbuilt ones; they pull back', async () => {
    const registry = await startRegistry();
    try {
      const reg = ['--registry', registry.host];
      expect((await project.cli([...reg, 'build', 'app', '--progress', 'plain'])).exitCode).toBe(0);
      const r = await project.cli([...reg, 'push', 'app', 'unbuilt']);
      expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
      const app = `${registry.host}/${prefix}/app`;
      expect(r.stdout).toMatch(new RegExp(`^base\\s+push: false \\(skipped\\)`, 'm'));
      expect(r.stdout).toMatch(new RegExp(`^app\\s+pushed\\s+${app.replaceAll('.', '\\.')}:t1\\s+sha256:[0-9a-f]{64}$`, 'm'));
      expect(r.stdout).toMatch(new RegExp(`^app\\s+pushed\\s+${app.replaceAll('.', '\\.')}:latest\\s+sha256:[0-9a-f]{64}$`, 'm'));
      expect(r.stdout).toMatch(/^unbuilt\s+not built \(skipped\)/m);
      expect(r.stderr).toContain('not built, not pushed: unbuilt');
      expect(r.stderr).toMatch(new RegExp(`^pushed ${app.replaceAll('.', '\\.')}:t1 sha256:[0-9a-f]{64}$`, 'm'));
      expect(await catalog(registry.url)).toEqual([`${prefix}/app`]);

      const digest = /:t1\s+(sha256:[0-9a-f]{64})/.exec(r.stdout)?.[1];
      await dockerOk(['image', 'rm', `${app}:t1`, `${app}:latest`]);
      expect(await imageExists(`${app}:t1`)).toBe(false);
      await dockerOk(['pull', `${app}:t1`]);
      const repoDigests = await dockerOk(['image', 'inspect', '--format', '{{json .RepoDigests}}', `${app}:t1`]);
      expect(repoDigests.stdout).toContain(`${app}@${digest}`);

      // build --push: builds, then pushes what it built
      const b = await project.cli([...reg, 'build', 'later', '--push', '--progress', 'plain']);
      expect(b.exitCode, `${b.stdout}\n${b.stderr}`).toBe(0);
      expect(b.stdout).toMatch(/^later\s+pushed\s+\S+:t1\s+sha256:[0-9a-f]{64}$/m);
      expect(await catalog(registry.url)).toEqual([`${prefix}/app`, `${prefix}/later`]);
    } finally {
      await registry.stop();
    }
  });

  it('a registry that is down: retries with backoff, then exit 1 naming the registry and what to check', async () => {
    const registry = await startRegistry();
    await registry.stop();
    const reg = ['--registry', registry.host];
    expect((await project.cli([...reg, 'build', 'later', '--progress', 'plain'])).exitCode).toBe(0);
    const started = Date.now();
    const r = await project.cli([...reg, 'push', 'later', '--retries', '2']);
    expect(r.exitCode).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000); // waited 1 s, then 2 s
    expect(r.stderr).toContain(`retrying ${registry.host}/${prefix}/later:t1 in 1s (attempt 2 of 3)`);
    expect(r.stderr).toContain(`retrying ${registry.host}/${prefix}/later:t1 in 2s (attempt 3 of 3)`);
    expect(r.stderr).toContain(
      `error: could not push later\n  registry ${registry.host} did not answer after 3 attempts: check that it is running and reachable`,
    );
    expect(r.stderr).toContain('connection refused');
  });

  it('a registry with auth and wrong or no credentials: exit 1, says to docker login, shows no credentials', async () => {
    const auth = { user: 'dockwright', password: 'right-password-4711' };
    const registry = await startRegistry({ auth });
    const configDir = await mkdtemp(join(tmpdir(), 'dockwright-docker-config-'));
    try {
      const reg = ['--registry', registry.host];
      expect((await project.cli([...reg, 'build', 'later', '--progress', 'plain'])).exitCode).toBe(0);
      const env = { DOCKER_CONFIG: configDir };

      // no login at all
      const none = await project.cli([...reg, 'push', 'later'], env);
      expect(none.exitCode).toBe(1);
      expect(none.stderr).toContain(
        `registry ${registry.host} refused the credentials (or has none for it): log in with \`docker login ${registry.host}\``,
      );
      expect(none.stderr).not.toContain('retrying');

      // a wrong credential, written as `docker login` would
      const wrongPassword = 'wrong-password-0815';
      const encoded = Buffer.from(`${auth.user}:${wrongPassword}`).toString('base64');
      await writeFile(join(configDir, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth: encoded } } }));
      const wrong = await project.cli([...reg, 'push', 'later'], env);
      expect(wrong.exitCode).toBe(1);
      expect(wrong.stderr).toContain(`log in with \`docker login ${registry.host}\``);
      expect(wrong.stderr).not.toContain('retrying');
      const output = `${wrong.stdout}${wrong.stderr}${none.stdout}${none.stderr}`;
      for (const secret of [wrongPassword, auth.password, encoded]) expect(output).not.toContain(secret);
      const basic = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
      const listed = (await (await fetch(`${registry.url}/v2/_catalog`, { headers: { authorization: basic } })).json()) as {
        repositories: string[];
      };
      expect(listed.repositories).toEqual([]);
    } finally {
      await registry.stop();
      await rm(configDir, { recursive: true, force: true });
    }
  });
});
