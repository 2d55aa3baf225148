import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docker, dockerOk } from './support/docker-cli.js';
import { startSecondDockerd } from './support/dockerd.js';
import { engineAvailable } from './support/engine.js';
import { copyImage, imageExists, removeImages, uniquePrefix } from './support/images.js';
import { startRegistry } from './support/registry.js';

describe.skipIf(!engineAvailable)('engine test infrastructure', () => {
  const prefix = uniquePrefix('infra');

  afterAll(async () => {
    await removeImages(prefix);
  });

  it('pushes to a registry it started, and pulls the image back', async () => {
    const registry = await startRegistry();
    try {
      const ref = `${registry.host}/${prefix}/busybox:1`;
      await dockerOk(['tag', 'busybox:stable', ref]);
      await dockerOk(['push', ref]);
      const catalog = (await (await fetch(`${registry.url}/v2/_catalog`)).json()) as { repositories: string[] };
      expect(catalog.repositories).toEqual([`${prefix}/busybox`]);

      await dockerOk(['image', 'rm', ref]);
      expect(await imageExists(ref)).toBe(false);
      await dockerOk(['pull', ref]);
      expect(await imageExists(ref)).toBe(true);
      const digests = await dockerOk(['image', 'inspect', '--format', '{{json .RepoDigests}}', ref]);
      expect(digests.stdout).toContain(`${registry.host}/${prefix}/busybox@sha256:`);
    } finally {
      await registry.stop();
    }
    await expect(fetch(`${registry.url}/v2/`)).rejects.toThrow();
    expect(await removeImages(prefix)).toEqual([`${registry.host}/${prefix}/busybox:1`]);
  });

  it('a registry with auth refuses a push without login and takes one after docker login', async () => {
    const auth = { user: 'dockwright', password: 'not-a-secret-7' };
    const registry = await startRegistry({ auth });
    const configDir = await mkdtemp(join(tmpdir(), 'dockwright-docker-config-'));
    try {
      const ref = `${registry.host}/${prefix}/private:1`;
      await dockerOk(['tag', 'busybox:stable', ref]);

      const denied = await docker(['push', ref], { configDir });
      expect(denied.exitCode).not.toBe(0);
      expect(denied.stderr).toContain('no basic auth credentials');

      const wrong = await docker(['login', '--username', auth.user, '--password-stdin', registry.host], {
        configDir,
        input: 'wrong-password',
      });
      expect(wrong.exitCode).not.toBe(0);
      expect(wrong.stderr).toMatch(/unauthorized/i);

      const login = await docker(['login', '--username', auth.user, '--password-stdin', registry.host], {
        configDir,
        input: auth.password,
      });
      expect(login.exitCode, login.stderr).toBe(0);
      expect(login.stdout).toContain('Login Succeeded');
      expect(await readFile(join(configDir, 'config.json'), 'utf8')).toContain(registry.host);

      await dockerOk(['push', ref], { configDir });
    } finally {
      await registry.stop();
      await rm(configDir, { recursive: true, force: true });
    }
  });

  it('a second dockerd answers on its own socket and runs a container', async () => {
    const daemon = await startSecondDockerd();
    try {
      const info = await dockerOk(['info', '--format', '{{.DockerRootDir}}'], { host: daemon.host });
      expect(info.stdout.trim()).toBe(daemon.dataRoot);
      expect(await imageExists('busybox:stable', { host: daemon.host })).toBe(false);

      await copyImage('busybox:stable', { host: daemon.host });
      expect(await imageExists('busybox:stable', { host: daemon.host })).toBe(true);
      const run = await dockerOk(['run', '--rm', 'busybox:stable', 'sh', '-c', 'echo ran-on-second'], {
        host: daemon.host,
      });
      expect(run.stdout.trim()).toBe('ran-on-second');
    } finally {
      await daemon.stop();
    }
    expect((await docker(['info'], { host: daemon.host })).exitCode).not.toBe(0);
    // the main daemon's default bridge network survives a second daemon
    await dockerOk(['run', '--rm', 'busybox:stable', 'true']);
  });
});
