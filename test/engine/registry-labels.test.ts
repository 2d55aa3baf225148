/**
 * Image labels read over the registry's HTTP API (registry-labels.ts) against a real registry
 * (`docker-registry` on loopback, plain HTTP): the same labels docker's `buildx imagetools
 * inspect` reads, for a single-platform image the default engine pushed and for a two-platform
 * image (with its attestation manifests) the containerd-store engine pushed; a tag that is not
 * there is "not found" for both.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerExec } from '../../src/engine/docker-exec.js';
import type { Engine } from '../../src/engine/engine.js';
import { registryLabels } from '../../src/engine/images.js';
import { registryApi } from '../../src/engine/registry-labels.js';
import { containerdHost } from './support/containerd-engine.js';
import { dockerOk } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { removeImages, uniquePrefix } from './support/images.js';
import { startRegistry, type Registry } from './support/registry.js';

const DOCKERFILE = 'FROM busybox:stable\nARG TARGETARCH\nLABEL arch=$TARGETARCH\n';

describe.skipIf(!engineAvailable)('registry labels over the HTTP API (engine)', () => {
  const prefix = uniquePrefix('registry-labels');
  let registry: Registry | undefined;
  let configDir = '';
  /** docker's imagetools only: the engine without the registry API. */
  let viaDocker: Engine = { docker: createDockerExec() };

  beforeAll(async () => {
    registry = await startRegistry();
    configDir = await mkdtemp(join(tmpdir(), 'dockwright-registry-labels-'));
    viaDocker = { docker: createDockerExec(), env: { DOCKER_CONFIG: configDir } };
  });

  afterAll(async () => {
    await removeImages(prefix);
    if (containerdHost) await removeImages(prefix, { host: containerdHost });
    await registry?.stop();
    if (configDir) await rm(configDir, { recursive: true, force: true });
  });

  const api = () => registryApi({ DOCKER_CONFIG: configDir });

  it('reads what imagetools reads for a single-platform image, and "not found" for a missing tag', async () => {
    const ref = `${registry?.host}/${prefix}/single:1`;
    const args = ['build', '--label', 'dev.dockwright.input-digest=sha256:single', '--build-arg', 'TARGETARCH=amd64', '-t', ref, '-'];
    await dockerOk(args, { input: DOCKERFILE, configDir });
    await dockerOk(['push', ref], { configDir });
    const fromDocker = await registryLabels(viaDocker, ref);
    expect(fromDocker?.['dev.dockwright.input-digest']).toBe('sha256:single');
    expect(await api().labels(ref)).toEqual({ found: true, labels: fromDocker });
    const missing = `${registry?.host}/${prefix}/single:missing`;
    expect(await registryLabels(viaDocker, missing)).toBeUndefined();
    expect(await api().labels(missing)).toEqual({ found: false });
  });

  it.skipIf(!containerdHost)('reads the labels both platforms of an index agree on, as imagetools does', async () => {
    const ref = `${registry?.host}/${prefix}/multi:1`;
    const build = ['buildx', 'build', '--platform', 'linux/amd64,linux/arm64', '--label', 'dev.dockwright.input-digest=sha256:multi'];
    await dockerOk([...build, '--provenance', 'mode=min', '--push', '-t', ref, '-'], {
      input: DOCKERFILE,
      host: containerdHost,
      configDir,
    });
    const manifest = JSON.parse((await dockerOk(['buildx', 'imagetools', 'inspect', '--raw', ref], { configDir })).stdout) as {
      manifests: { annotations?: Record<string, string> }[];
    };
    expect(manifest.manifests.some((m) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest')).toBe(true);
    const fromDocker = await registryLabels(viaDocker, ref);
    expect(fromDocker?.['dev.dockwright.input-digest']).toBe('sha256:multi');
    expect(fromDocker?.arch).toBeUndefined();
    expect(await api().labels(ref)).toEqual({ found: true, labels: fromDocker });
  });
});
