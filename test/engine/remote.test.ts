/**
 * Another engine than the default one: a second dockerd on its own socket, reached through
 * DOCKER_HOST and through a docker context (`--context NAME`). Images built there exist there
 * only; `test`, `save` and `load` work against it too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerOk } from './support/docker-cli.js';
import { startSecondDockerd, type SecondDockerd } from './support/dockerd.js';
import { engineAvailable } from './support/engine.js';
import { copyImage, imageExists, removeImages, uniquePrefix } from './support/images.js';
import { shipProject, type ShipProject } from './support/ship-project.js';

const definitions = `import { image, run } from 'dockwright';
export const remote = image({
  name: 'remote', from: 'busybox:stable', steps: [run('mkdir /www && echo built-remotely > /www/index.html')],
  cmd: ['httpd', '-f', '-p', '8080', '-h', '/www'],
  healthcheck: { test: ['wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/index.html'], interval: '1s', retries: 3 },
  test: { timeout: '30s', smoke: [{ argv: ['cat', '/www/index.html'], expect: 'built-remotely' }], http: { port: 8080, path: '/index.html', expect: 'built-remotely' } },
});
`;

describe.skipIf(!engineAvailable)('remote engines (engine)', () => {
  const prefix = uniquePrefix('remote');
  const ref = `${prefix}/remote:t1`;
  let daemon: SecondDockerd;
  let project: ShipProject;
  let configDir = '';

  beforeAll(async () => {
    daemon = await startSecondDockerd();
    await copyImage('busybox:stable', { host: daemon.host });
    project = await shipProject(`{ namespace: '${prefix}', tag: 't1' }`, { 'definitions/images.ts': definitions });
    configDir = await mkdtemp(join(tmpdir(), 'dockwright-docker-config-'));
  });

  afterAll(async () => {
    await removeImages(prefix);
    await project?.remove();
    await daemon?.stop();
    if (configDir) await rm(configDir, { recursive: true, force: true });
  });

  it('DOCKER_HOST: builds and tests on the second daemon; the image is there and not on the main one', async () => {
    const env = { DOCKER_HOST: daemon.host };
    const built = await project.cli(['build', '--progress', 'plain'], env);
    expect(built.exitCode, built.stderr).toBe(0);
    expect(await imageExists(ref, { host: daemon.host })).toBe(true);
    expect(await imageExists(ref)).toBe(false);

    const tested = await project.cli(['test'], env);
    expect(tested.exitCode, `${tested.stdout}\n${tested.stderr}`).toBe(0);
    expect(tested.stdout).toMatch(/^remote\s+passed\s+\S+\s+healthy, smoke: cat \/www\/index\.html, http :8080\/index\.html$/m);
    expect((await dockerOk(['ps', '-aq', '--filter', 'name=dw-test-'], { host: daemon.host })).stdout).toBe('');
  });

  it('--context NAME: saves from the second daemon, loads into the main one', async () => {
    const env = { DOCKER_CONFIG: configDir };
    const name = `dwt-${prefix.slice(-10)}`;
    await dockerOk(['context', 'create', name, '--docker', `host=${daemon.host}`], { configDir });
    const saved = await project.cli(['save', '-o', 'remote.tar.gz', 'remote', '--context', name], env);
    expect(saved.exitCode, saved.stderr).toBe(0);
    expect(await imageExists(ref)).toBe(false);

    const loaded = await project.cli(['load', 'remote.tar.gz']);
    expect(loaded.exitCode, loaded.stderr).toBe(0);
    expect(loaded.stdout).toBe(`loaded ${ref}\n`);
    expect(await imageExists(ref)).toBe(true);

    // and a build through the context lands on the second daemon only
    await dockerOk(['image', 'rm', ref], { host: daemon.host });
    const built = await project.cli(['build', '--progress', 'plain', '--force', '--context', name], env);
    expect(built.exitCode, built.stderr).toBe(0);
    expect(await imageExists(ref, { host: daemon.host })).toBe(true);
  });
});
