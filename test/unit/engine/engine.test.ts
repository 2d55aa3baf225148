import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../../src/engine/engine-api.js';
import { driverOf, probeStore, storeOf } from '../../../src/engine/engine.js';
import { findImage } from '../../../src/engine/images.js';
import { fakeDocker } from '../support/fake-docker.js';

const api = (known: readonly string[]): EngineApi => ({
  images: async (refs) =>
    new Map(
      refs.filter((r) => known.includes(r)).map((r) => [r, { id: `sha256:${r}`, labels: {}, size: 1, layers: [], content: `sha256:${r}` }]),
    ),
});

describe('findImage', () => {
  it('asks the engine API for the local store when there is one, and docker only for the registry', async () => {
    const docker = fakeDocker([{ match: 'manifest', exitCode: 1 }]);
    expect(await findImage({ docker, api: api(['a:1']) }, 'a:1')).toBe('local');
    expect(docker.calls).toEqual([]);
    expect(await findImage({ docker, api: api([]) }, 'b:1')).toBe('missing');
    expect(docker.calls.map((c) => c.argv.slice(0, 2))).toEqual([['manifest', 'inspect']]);
  });

  it('without the API: docker image inspect, then docker manifest inspect', async () => {
    const docker = fakeDocker([
      { match: 'image', exitCode: 1 },
      { match: 'manifest', exitCode: 0 },
    ]);
    expect(await findImage({ docker }, 'r.io/c:1')).toBe('registry');
    expect(docker.calls.map((c) => c.argv.slice(0, 2))).toEqual([
      ['image', 'inspect'],
      ['manifest', 'inspect'],
    ]);
  });

  it('falls back to docker when the API cannot answer', async () => {
    const docker = fakeDocker([], { local: new Map([['d:1', { id: 'sha256:d' }]]) });
    expect(await findImage({ docker, api: { images: async () => undefined } }, 'd:1')).toBe('local');
    expect(docker.calls.map((c) => c.argv.slice(0, 2))).toEqual([['image', 'inspect']]);
  });
});

describe('probeStore', () => {
  const classic = JSON.stringify([
    ['Backing Filesystem', 'extfs'],
    ['Supports d_type', 'true'],
  ]);
  const containerd = JSON.stringify([['driver-type', 'io.containerd.snapshotter.v1']]);
  const inspect = (driver: string) => `Name:          default\nDriver:        ${driver}\nLast Activity: now\n`;

  it('the containerd image store (driver-type io.containerd.snapshotter.v1) and the driver of the builder asked for', async () => {
    const docker = fakeDocker([
      { match: 'info', stdout: containerd },
      { match: (a) => a.join(' ') === 'buildx inspect far', stdout: inspect('docker-container') },
    ]);
    expect(await probeStore({ docker }, 'far')).toEqual({
      store: 'containerd',
      driver: 'docker-container',
    });
  });

  it('a classic store (graph driver status only) with the docker driver', async () => {
    const docker = fakeDocker([
      { match: 'info', stdout: classic },
      { match: 'inspect', stdout: inspect('docker') },
    ]);
    expect(await probeStore({ docker })).toEqual({ store: 'classic', driver: 'docker' });
    expect(storeOf('not json')).toBeUndefined();
    expect(driverOf('Name: x\n')).toBeUndefined();
  });
});
