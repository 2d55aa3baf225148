/**
 * Several platforms (linux/amd64 + linux/arm64, arm64 under qemu) on the containerd-store engine:
 * one build makes both, loads them, and `--push` pushes one image index by the build itself; a
 * child's arm64 variant is built FROM its parent's arm64 variant, in a bake session and image by
 * image. On the classic store the plan stops before any build, saying what to change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerdHost } from './support/containerd-engine.js';
import { docker, dockerOk } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { removeImages, uniquePrefix } from './support/images.js';
import { startRegistry, type Registry } from './support/registry.js';
import { shipProject, type ShipProject } from './support/ship-project.js';

const definitions = `import { image, run } from 'dockwright';
const platforms = ['linux/amd64', 'linux/arm64'];
export const base = image({ name: 'base', platforms, from: 'busybox:stable', steps: [run('uname -m > /base-arch')] });
export const app = image({ name: 'app', platforms, from: base, steps: [run('cat /base-arch > /arch && uname -m >> /arch')] });
`;

describe.skipIf(!engineAvailable || containerdHost === undefined)('several platforms (engine, containerd store)', () => {
  const host = containerdHost as string;
  const prefix = uniquePrefix('platforms');
  let registry: Registry;
  let project: ShipProject;
  const env = (): Record<string, string> => ({ DOCKER_HOST: host });
  const ref = (name: string): string => `${registry.host}/${prefix}/${name}:t1`;
  const archOf = async (platform: string): Promise<string> =>
    (await dockerOk(['run', '--rm', '--platform', platform, ref('app'), 'cat', '/arch'], { host })).stdout.trim();

  beforeAll(async () => {
    registry = await startRegistry();
    project = await shipProject(`{ registry: '${registry.host}', namespace: '${prefix}', tag: 't1' }`, {
      'definitions/images.ts': definitions,
    });
  });

  afterAll(async () => {
    await removeImages(prefix, { host });
    await project?.remove();
    await registry?.stop();
  });

  it('builds both platforms in one bake session and loads them; each runs its own architecture on its parent of the same platform', async () => {
    const r = await project.cli(['build', '--progress', 'plain'], env());
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(await archOf('linux/amd64')).toBe('x86_64\nx86_64');
    expect(await archOf('linux/arm64')).toBe('aarch64\naarch64');
    // nothing pushed without --push
    expect((await docker(['buildx', 'imagetools', 'inspect', ref('app')])).exitCode).not.toBe(0);
  });

  it('--push: the build pushes one image index per image (both platforms), nothing is pushed twice; then both are up to date in the registry', async () => {
    const r = await project.cli(['build', '--push', '--progress', 'plain'], env());
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stderr).toContain('pushed by their build (one image index each): base, app');
    // no `docker push` table: buildx pushed them
    expect(r.stdout).not.toMatch(/^IMAGE\s+STATUS\s+TAG/m);
    for (const name of ['base', 'app']) {
      const index = await dockerOk(['buildx', 'imagetools', 'inspect', ref(name)]);
      expect(index.stdout).toContain('MediaType: application/vnd.oci.image.index.v1+json');
      expect(index.stdout).toMatch(/Platform:\s+linux\/amd64/);
      expect(index.stdout).toMatch(/Platform:\s+linux\/arm64/);
    }
    const again = await project.cli(['build', '--push', '--progress', 'plain'], env());
    expect(again.exitCode, `${again.stdout}\n${again.stderr}`).toBe(0);
    expect(again.stderr).toMatch(/^\[base\] up to date: in the registry with input digest/m);
    expect(again.stderr).toMatch(/^\[app\] up to date: in the registry with input digest/m);
    expect(again.stdout).toContain('2 up to date');
  });

  it('image by image (--no-bake): the child FROM its parent tag, per platform', async () => {
    await removeImages(prefix, { host });
    const r = await project.cli(['build', '--no-bake', '--force', '--progress', 'plain'], env());
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(await archOf('linux/arm64')).toBe('aarch64\naarch64');
    expect(await archOf('linux/amd64')).toBe('x86_64\nx86_64');
  });

  it('on the classic store (the default engine): exit 2 before any build, saying to enable the containerd store', async () => {
    const r = await project.cli(['build', '--progress', 'plain']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(
      "base, app: several platforms (linux/amd64, linux/arm64) cannot be loaded into this engine's classic image store",
    );
    expect(r.stderr).toContain('"containerd-snapshotter": true');
  });
});
