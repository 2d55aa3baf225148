/**
 * Two machines sharing a registry and its registry cache: engine A (the containerd-store engine)
 * builds and pushes a graph with `--registry-cache`; engine B, fresh (a second dockerd with an
 * empty containerd store but for the base image), runs `build --push` and builds nothing; after a
 * change to one leaf's context, B builds exactly that image, its unchanged steps from the cache.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerdHost } from './support/containerd-engine.js';
import { dockerOk } from './support/docker-cli.js';
import { startSecondDockerd, type SecondDockerd } from './support/dockerd.js';
import { engineAvailable } from './support/engine.js';
import { copyImage, removeImages, uniquePrefix } from './support/images.js';
import { startRegistry, type Registry } from './support/registry.js';
import { shipProject, type ShipProject } from './support/ship-project.js';

const definitions = `import { copy, image, run } from 'dockwright';
export const base = image({ name: 'base', from: 'busybox:stable', context: 'base', steps: [run('echo base > /base')] });
export const left = image({ name: 'left', from: base, context: 'left', steps: [run('echo slow-step > /slow'), copy('leaf.txt', '/leaf.txt')] });
export const right = image({ name: 'right', from: base, context: 'right', steps: [run('echo right > /right')] });
`;

describe.skipIf(!engineAvailable || containerdHost === undefined)('a shared registry cache, a fresh second machine (engine)', () => {
  const hostA = containerdHost as string;
  const prefix = uniquePrefix('registry-cache');
  let registry: Registry;
  let machineB: SecondDockerd;
  let project: ShipProject;
  const cli = (host: string, args: string[]) => project.cli(['--registry', registry.host, ...args], { DOCKER_HOST: host });

  beforeAll(async () => {
    registry = await startRegistry();
    machineB = await startSecondDockerd({ containerdStore: true });
    await copyImage('busybox:stable', { host: machineB.host }, { host: hostA });
    project = await shipProject(`{ namespace: '${prefix}', tag: 't1', registryCache: 'buildcache' }`, {
      'definitions/images.ts': definitions,
      'left/leaf.txt': 'one\n',
      // own contexts: the project folder (the default) would hold left/leaf.txt too
      'base/.keep': '',
      'right/.keep': '',
    });
  });

  afterAll(async () => {
    await removeImages(prefix, { host: hostA });
    await project?.remove();
    await machineB?.stop();
    await registry?.stop();
  });

  it('A builds and pushes with the registry cache (a cache not there yet is no failure): every image has its cache ref in the registry', async () => {
    const a = await cli(hostA, ['build', '--push', '--progress', 'plain']);
    expect(a.exitCode, `${a.stdout}\n${a.stderr}`).toBe(0);
    expect(a.stdout).toContain('3 built');
    // parents by image: base in a session of its own, then left and right FROM base's tag (no target: context)
    const leftCommand = (await readFile(join(project.root, 'build-logs', 'left.log'), 'utf8')).split('\n')[0];
    expect(leftCommand).toMatch(/^\$ docker buildx bake .*\(bake file of 2 images: left, right\)$/);
    for (const name of ['base', 'left', 'right'])
      expect((await dockerOk(['buildx', 'imagetools', 'inspect', `${registry.host}/${prefix}/${name}:buildcache`])).stdout).toContain(
        'Name:',
      );
  });

  // B's copy of busybox:stable has another image id than A's (the containerd store names an image
  // by its index digest; save/load makes a new one): input digests use its content (layers and
  // inherited config), so both machines agree
  it('B (fresh) builds nothing and pulls nothing; after a leaf change B builds only that image', async () => {
    const b = await cli(machineB.host, ['build', '--push', '--progress', 'plain']);
    expect(b.exitCode, `${b.stdout}\n${b.stderr}`).toBe(0);
    // nothing decided to build (A's logs are in the same project folder: B's own output tells)
    expect(b.stderr).not.toMatch(/input digest \S+: building/);
    expect(b.stdout).toContain('3 up to date');
    for (const name of ['base', 'left', 'right']) expect(b.stderr).toMatch(new RegExp(`^\\[${name}\\] up to date: in the registry`, 'm'));
    const images = (await dockerOk(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'], { host: machineB.host })).stdout;
    expect(images.trim()).toBe('busybox:stable');

    await project.write({ 'left/leaf.txt': 'two\n' });
    const changed = await cli(machineB.host, ['build', '--push', '--progress', 'plain']);
    expect(changed.exitCode, `${changed.stdout}\n${changed.stderr}`).toBe(0);
    expect(changed.stdout).toMatch(/^left\s+built\b/m);
    expect(changed.stdout).toMatch(/^base\s+up to date\b/m);
    expect(changed.stdout).toMatch(/^right\s+up to date\b/m);
    const log = changed.stderr.split('\n').filter((l) => l.startsWith('[left]'));
    expect(log.join('\n')).toMatch(/importing cache manifest from/);
  });

  // with a registry cache every child is built FROM its parent's image, on A (after base was
  // built) as on B (base's pushed image): BuildKit keys an image source by its layers, so the cache
  // keys of left's steps are the same on both machines (src/plan/parent-by-image.ts)
  it("B's unchanged steps of the changed image come from the registry cache", async () => {
    // layers hold their files' times, so a RUN that ran again makes another layer: B's left has A's
    // layers up to its RUN (busybox, base's RUN, left's RUN, pulled from the cache), then its own
    // COPY. (BuildKit prints no CACHED for such a hit: its log shows the cached layers pulled under
    // the RUN's vertex.)
    const layers = async (host: string) =>
      JSON.parse(
        (await dockerOk(['image', 'inspect', '--format', '{{json .RootFS.Layers}}', `${registry.host}/${prefix}/left:t1`], { host }))
          .stdout,
      ) as string[];
    const [a, b] = [await layers(hostA), await layers(machineB.host)];
    expect(a).toHaveLength(4);
    expect(b.slice(0, 3)).toEqual(a.slice(0, 3));
    expect(b[3]).not.toBe(a[3]);
  });
});
