/**
 * Pre-build inputs in real builds: a file fetched from a loopback HTTP server with its checksum
 * (cached: the second build does not download again), a copy-list context assembled from paths
 * elsewhere in the project and removed afterwards, a prerequisite command skipped when its inputs
 * did not change; a wrong checksum fails the image and keeps nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerOk } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { removeImages, uniquePrefix } from './support/images.js';
import { shipProject, type ShipProject } from './support/ship-project.js';

const RELEASE = 'fit-framework release 3.5.0\n';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const definitions = (port: number): string => `import { image, copy } from 'dockwright';
export const assembled = image({
  name: 'assembled', context: 'docker/assembled', from: 'busybox:stable',
  inputs: {
    fetch: [{ url: 'http://127.0.0.1:${port}/release.zip', sha256: '${sha256(RELEASE)}', dest: 'dl/release.zip' }],
    copyList: [
      { src: 'shared/lib.txt', dest: 'lib.txt' },
      { src: 'shared/conf', dest: 'conf' },
      { src: 'out/tool', dest: 'bin/tool' },
    ],
    prerequisites: [{ name: 'tool', command: ['sh', '-c', 'mkdir -p out && echo "tool built from $(cat src/main.txt)" > out/tool && echo run >> runs.log'], inputs: ['src/**/*.txt'], outputs: ['out/tool'] }],
  },
  steps: [copy(['own.txt', 'dl/release.zip', 'lib.txt', 'bin/tool'], '/opt/'), copy('conf/', '/opt/conf/')],
});
export const badsum = image({
  name: 'badsum', from: 'busybox:stable',
  inputs: { fetch: [{ url: 'http://127.0.0.1:${port}/release.zip', sha256: '${'0'.repeat(64)}', dest: 'release.zip' }] },
  steps: [copy('release.zip', '/opt/')],
});
`;

describe.skipIf(!engineAvailable)('pre-build inputs (engine)', () => {
  const prefix = uniquePrefix('inputs');
  let project: ShipProject;
  let server: Server;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests += 1;
      if (req.url === '/release.zip') res.end(RELEASE);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    project = await shipProject(`{ namespace: '${prefix}', tag: 't1' }`, {
      'definitions/images.ts': definitions(port),
      'docker/assembled/own.txt': 'from the context folder\n',
      'shared/lib.txt': 'shared library\n',
      'shared/conf/app.conf': 'key=value\n',
      'shared/conf/nested/more.conf': 'more=1\n',
      'src/main.txt': 'v1',
    });
  });

  afterAll(async () => {
    await removeImages(prefix);
    await project?.remove();
    await new Promise((resolve) => server?.close(resolve));
  });

  const contexts = async (): Promise<string[]> => readdir(join(project.root, '.dockwright/cache/contexts')).catch(() => []);
  const runs = async (): Promise<number> =>
    (await readFile(join(project.root, 'runs.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;

  it('fetches, assembles the context, runs the prerequisite; the image has every file; the context is removed', async () => {
    const r = await project.cli(['build', 'assembled', '--progress', 'plain']);
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    const files = await dockerOk([
      'run',
      '--rm',
      `${prefix}/assembled:t1`,
      'sh',
      '-c',
      'cd /opt && cat own.txt release.zip lib.txt tool conf/app.conf conf/nested/more.conf',
    ]);
    expect(files.stdout).toBe(`from the context folder\n${RELEASE}shared library\ntool built from v1\nkey=value\nmore=1`);
    expect(requests).toBe(1);
    expect(await runs()).toBe(1);
    expect(existsSync(join(project.root, '.dockwright/cache/downloads', sha256(RELEASE)))).toBe(true);
    expect(await contexts()).toEqual([]);
    const log = await readFile(join(project.root, 'build-logs/assembled.log'), 'utf8');
    expect(log).toContain('prerequisite tool: ran');
    expect(log).toContain('fetch dl/release.zip: downloaded');
    expect(log).toMatch(/\.dockwright\/cache\/contexts\/assembled-\d+-[a-z0-9]+$/m);
  });

  it('a second build reuses the download and skips the prerequisite; a changed input runs it again', async () => {
    const again = await project.cli(['build', 'assembled', '--force', '--progress', 'plain']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(requests).toBe(1);
    expect(await runs()).toBe(1);
    const log = await readFile(join(project.root, 'build-logs/assembled.log'), 'utf8');
    expect(log).toContain('prerequisite tool: up to date, skipped');
    expect(log).toContain('fetch dl/release.zip: from the cache');

    await project.write({ 'src/main.txt': 'v2' });
    const changed = await project.cli(['build', 'assembled', '--progress', 'plain']);
    expect(changed.exitCode, changed.stderr).toBe(0);
    expect(await runs()).toBe(2);
    expect((await dockerOk(['run', '--rm', `${prefix}/assembled:t1`, 'cat', '/opt/tool'])).stdout).toBe('tool built from v2');
    expect(await contexts()).toEqual([]);
  });

  it('a wrong checksum fails the image, names url and both digests, and keeps no file', async () => {
    const before = requests;
    const r = await project.cli(['build', 'badsum', '--progress', 'plain']);
    expect(r.exitCode).toBe(1);
    expect(requests).toBe(before + 1);
    expect(r.stderr).toContain(
      `badsum: checksum mismatch for http://127.0.0.1:${(server.address() as AddressInfo).port}/release.zip: expected sha256 ${'0'.repeat(64)}, got ${sha256(RELEASE)}; the file was not kept`,
    );
    expect((await readdir(join(project.root, '.dockwright/cache/downloads'))).sort()).toEqual([sha256(RELEASE)]);
    expect(await contexts()).toEqual([]);
  });
});
