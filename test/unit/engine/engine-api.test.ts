import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildxPlugin, direct } from '../../../src/engine/buildx-plugin.js';
import { engineApi, localSocket } from '../../../src/engine/engine-api.js';

const dirs: string[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'dw-api-'));
  dirs.push(d);
  return d;
};

describe('localSocket', () => {
  it('is the socket of DOCKER_HOST=unix://…, and none for a remote host, a context or global options', () => {
    const config = temp();
    expect(localSocket({ DOCKER_HOST: 'unix:///run/other.sock', DOCKER_CONFIG: config })).toBe('/run/other.sock');
    expect(localSocket({ DOCKER_HOST: 'tcp://127.0.0.1:2375', DOCKER_CONFIG: config })).toBeUndefined();
    expect(localSocket({ DOCKER_HOST: 'ssh://me@host', DOCKER_CONFIG: config })).toBeUndefined();
    expect(localSocket({ DOCKER_CONTEXT: 'far', DOCKER_CONFIG: config })).toBeUndefined();
    expect(localSocket({ DOCKER_HOST: 'unix:///run/other.sock', DOCKER_CONFIG: config }, ['--context', 'far'])).toBeUndefined();
  });

  it("is none when docker's config names a current context other than default", () => {
    const config = temp();
    writeFileSync(join(config, 'config.json'), JSON.stringify({ currentContext: 'remote' }));
    expect(localSocket({ DOCKER_CONFIG: config })).toBeUndefined();
  });
});

describe('engineApi', () => {
  /** A stand-in engine on a unix socket: answers /images/<ref>/json from `images`. */
  async function engine(images: Record<string, unknown>, status = 200): Promise<{ socket: string; paths: string[] }> {
    const socket = join(temp(), 'engine.sock');
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(req.url ?? '');
      const ref = decodeURI(/^\/images\/(.*)\/json$/.exec(req.url ?? '')?.[1] ?? '');
      const image = images[ref];
      res.statusCode = image ? status : 404;
      res.end(image ? JSON.stringify(image) : '{"message":"No such image"}');
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(socket, r));
    return { socket, paths };
  }

  it('answers what docker image inspect answers: id, labels, size, layers and content of each ref found, nothing for a missing one', async () => {
    const { socket, paths } = await engine({
      '127.0.0.1:5000/acme/app:1': {
        Id: 'sha256:a',
        Size: 42,
        Config: { Labels: { k: 'v' } },
        RootFS: { Type: 'layers', Layers: ['sha256:l1', 'sha256:l2'] },
      },
      'busybox:stable': { Id: 'sha256:b', Size: 7, Config: { Labels: null } },
    });
    const found = await engineApi(socket).images(['127.0.0.1:5000/acme/app:1', 'busybox:stable', 'nope:1']);
    expect(found).toEqual(
      new Map([
        [
          '127.0.0.1:5000/acme/app:1',
          {
            id: 'sha256:a',
            labels: { k: 'v' },
            size: 42,
            layers: ['sha256:l1', 'sha256:l2'],
            content: expect.stringMatching(/^content:[0-9a-f]{64}$/),
          },
        ],
        // no layers: its content is its id
        ['busybox:stable', { id: 'sha256:b', labels: {}, size: 7, layers: [], content: 'sha256:b' }],
      ]),
    );
    expect(paths.sort()).toEqual(['/images/127.0.0.1:5000/acme/app:1/json', '/images/busybox:stable/json', '/images/nope:1/json']);
  });

  it('reads a reply sent in chunks, in several writes', async () => {
    const socket = join(temp(), 'engine.sock');
    const server = createServer((_req, res) => {
      const body = JSON.stringify({ Id: 'sha256:c', Size: 3, Config: { Labels: { big: 'x'.repeat(100_000) } } });
      res.write(body.slice(0, 10));
      setTimeout(() => res.end(body.slice(10)), 10);
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(socket, r));
    const found = await engineApi(socket).images(['c:1']);
    expect(found?.get('c:1')?.labels.big).toHaveLength(100_000);
  });

  it('gives no answer (the caller asks the CLI) when the engine errs or is not there', async () => {
    const { socket } = await engine({ 'x:1': { Id: 'sha256:x' } }, 500);
    expect(await engineApi(socket).images(['x:1'])).toBeUndefined();
    expect(await engineApi(join(temp(), 'absent.sock')).images(['x:1'])).toBeUndefined();
  });
});

describe('buildx run directly', () => {
  it("runs the plugin from docker's plugin folders for `buildx …`, docker for anything else", () => {
    const config = temp();
    mkdirSync(join(config, 'cli-plugins'));
    writeFileSync(join(config, 'cli-plugins', 'docker-buildx'), '');
    const env = { DOCKER_CONFIG: config };
    expect(buildxPlugin(env)).toBe(join(config, 'cli-plugins', 'docker-buildx'));
    expect(direct('docker', ['buildx', 'bake', '-f', '-'], env)).toEqual({
      file: join(config, 'cli-plugins', 'docker-buildx'),
      args: ['bake', '-f', '-'],
    });
    expect(direct('docker', ['image', 'inspect', 'x'], env)).toEqual({ file: 'docker', args: ['image', 'inspect', 'x'] });
    expect(direct('docker', ['--context', 'far', 'buildx', 'build', '.'], env)).toEqual({
      file: 'docker',
      args: ['--context', 'far', 'buildx', 'build', '.'],
    });
    expect(direct('sh', ['buildx', 'build'], env).file).toBe('sh');
  });

  it('leaves it to docker when its config adds plugin folders', () => {
    const config = temp();
    mkdirSync(join(config, 'cli-plugins'));
    writeFileSync(join(config, 'cli-plugins', 'docker-buildx'), '');
    writeFileSync(join(config, 'config.json'), JSON.stringify({ cliPluginsExtraDirs: ['/opt/plugins'] }));
    expect(direct('docker', ['buildx', 'build', '.'], { DOCKER_CONFIG: config })).toEqual({
      file: 'docker',
      args: ['buildx', 'build', '.'],
    });
  });
});
