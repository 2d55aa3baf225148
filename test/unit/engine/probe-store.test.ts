import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineApi } from '../../../src/engine/engine-api.js';
import { probeStore, type Engine } from '../../../src/engine/engine.js';
import { fakeDocker } from '../support/fake-docker.js';
import { listen, scratchDir } from '../support/scratch.js';

const temp = (): string => scratchDir('dw-probe-');

const CONTAINERD = [['driver-type', 'io.containerd.snapshotter.v1']];
const INSPECT = 'Name:          far\nDriver:        docker-container\n';

/** A stand-in engine socket whose `GET /info` answers this DriverStatus (or this status code). */
async function engineSocket(driverStatus: unknown, status = 200): Promise<{ socket: string; paths: string[] }> {
  const socket = join(temp(), 'engine.sock');
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.statusCode = req.url === '/info' ? status : 404;
    res.end(JSON.stringify({ DriverStatus: driverStatus }));
  });
  await listen(server, socket);
  return { socket, paths };
}

/** A docker config folder whose buildx store holds `current` (and a default builder when given). */
function configWith(current: object | undefined, defaultBuilder?: string): string {
  const dir = temp();
  mkdirSync(join(dir, 'buildx', 'defaults'), { recursive: true });
  if (current) writeFileSync(join(dir, 'buildx', 'current'), JSON.stringify(current));
  if (defaultBuilder) writeFileSync(join(dir, 'buildx', 'defaults', '0123456789abcdef0123'), defaultBuilder);
  return dir;
}

async function probe(env: Record<string, string>, builder?: string, driverStatus: unknown = CONTAINERD, status = 200) {
  const { socket, paths } = await engineSocket(driverStatus, status);
  const docker = fakeDocker([
    { match: 'info', stdout: JSON.stringify([['Backing Filesystem', 'extfs']]) },
    { match: (a) => a[0] === 'buildx' && a[1] === 'inspect', stdout: INSPECT },
  ]);
  const engine: Engine = { docker, env, api: engineApi(socket) };
  const answer = await probeStore(engine, builder);
  return { answer, paths, argv: docker.calls.map((c) => c.argv.slice(0, 2).join(' ')) };
}

describe('probeStore without a process', () => {
  it('reads the store from GET /info and takes the docker driver when buildx uses the endpoint’s own builder', async () => {
    const current = { Key: 'unix:///var/run/docker.sock', Name: '', Global: false };
    const r = await probe({ DOCKER_CONFIG: configWith(current) });
    expect(r.answer).toEqual({ store: 'containerd', driver: 'docker' });
    expect(r.paths).toEqual(['/info']);
    expect(r.argv).toEqual([]);
    const none = await probe({ DOCKER_CONFIG: configWith(undefined) }, undefined, null);
    expect(none.answer).toEqual({ store: 'classic', driver: 'docker' });
    expect(none.argv).toEqual([]);
  });

  it('asks `docker buildx inspect` for --builder, BUILDX_BUILDER, a current or default builder in buildx’s store', async () => {
    const plain = configWith(undefined);
    for (const [env, builder] of [
      [{ DOCKER_CONFIG: plain }, 'far'],
      [{ DOCKER_CONFIG: plain, BUILDX_BUILDER: 'far' }, undefined],
      [{ DOCKER_CONFIG: configWith({ Key: 'unix:///var/run/docker.sock', Name: 'far', Global: false }) }, undefined],
      [{ DOCKER_CONFIG: configWith(undefined, 'far') }, undefined],
    ] as const) {
      const r = await probe(env, builder);
      expect(r.answer).toEqual({ store: 'containerd', driver: 'docker-container' });
      expect(r.argv).toEqual(['buildx inspect']);
    }
  });

  it('asks `docker info` when the API does not answer', async () => {
    const r = await probe({ DOCKER_CONFIG: configWith(undefined) }, undefined, CONTAINERD, 500);
    expect(r.answer).toEqual({ store: 'classic', driver: 'docker' });
    expect(r.argv).toEqual(['info --format']);
  });
});
