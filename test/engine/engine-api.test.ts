/**
 * The read-only shortcuts of the real seam, against the real engine: the engine API on its socket
 * answers image questions as `docker image inspect` does, and the buildx plugin run directly
 * builds as `docker buildx` does.
 */
import { describe, expect, it } from 'vitest';
import { inspectLocal } from '../../src/engine/images.js';
import { buildxPlugin, direct } from '../../src/engine/buildx-plugin.js';
import { createDockerExec } from '../../src/engine/docker-exec.js';
import { defaultEngineApi } from '../../src/engine/engine-api.js';
import { engineAvailable } from './support/engine.js';

describe.skipIf(!engineAvailable)('engine shortcuts (engine)', () => {
  it('the engine API gives what docker image inspect gives, for found and missing refs alike', async () => {
    const api = defaultEngineApi(process.env);
    expect(api, 'the engine of these tests listens on its local socket').toBeDefined();
    const refs = ['busybox:stable', 'docker.io/library/debian:bookworm-slim', 'dockwright-no-such-image:1'];
    const viaApi = await inspectLocal({ docker: createDockerExec(), api }, refs);
    const viaCli = await inspectLocal({ docker: createDockerExec() }, refs);
    expect(viaApi.size).toBe(2);
    expect(viaApi).toEqual(viaCli);
  });

  it('buildx runs directly (no docker CLI in between) and answers as docker buildx does', async () => {
    const plugin = buildxPlugin(process.env);
    expect(plugin, 'the buildx plugin of the engine install').toBeDefined();
    expect(direct('docker', ['buildx', 'version'], process.env)).toEqual({ file: plugin, args: ['version'] });
    const docker = createDockerExec();
    const run = await docker.run(['buildx', 'version']);
    const { execa } = await import('execa');
    const viaCli = await execa('docker', ['buildx', 'version'], { reject: false });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(viaCli.stdout);
  });
});
