/**
 * The FATE-like example for linux/amd64 and linux/arm64 (arm64 under qemu) on the containerd-store
 * engine: `base-image` → `python` → `python-nn` from a copy of the repository's definitions and
 * contexts, `build --platform linux/amd64,linux/arm64 --push` to a registry started here. Each
 * platform's image runs its own architecture and passes python's smoke check, and each child's
 * variant of a platform is built on its parent's variant of that platform.
 *
 * Slow by nature: base-image's `apt-get update && apt-get install ca-certificates` runs under qemu
 * for arm64 (~3 min of the ~3.5 this file takes on a 2-core machine); every other arm64 step is a
 * copy or a `mkdir`.
 */
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerdHost } from './support/containerd-engine.js';
import { docker, dockerOk } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { removeImages, uniquePrefix } from './support/images.js';
import { startRegistry, type Registry } from './support/registry.js';
import { shipProject, type ShipProject } from './support/ship-project.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const PLATFORMS = ['linux/amd64', 'linux/arm64'] as const;
type Platform = (typeof PLATFORMS)[number];
const MACHINE: Record<Platform, string> = { 'linux/amd64': 'x86_64', 'linux/arm64': 'aarch64' };
/** The three images and their tags (base images take the project's base tag). */
const TAGS = { 'base-image': 'dev-base', python: 'dev-base', 'python-nn': 'dev' } as const;
type Id = keyof typeof TAGS;

describe.skipIf(!engineAvailable || containerdHost === undefined)('FATE for two platforms (engine, containerd store)', () => {
  const host = containerdHost as string;
  const prefix = uniquePrefix('fate-platforms');
  let registry: Registry;
  let project: ShipProject;
  const ref = (id: Id): string => `${registry.host}/${prefix}/${id}:${TAGS[id]}`;

  /** The image config of one platform of a pushed image index (its layers are `rootfs.diff_ids`). */
  const configOf = async (id: Id, platform: Platform): Promise<{ architecture: string; rootfs: { diff_ids: string[] } }> => {
    const r = await dockerOk(['buildx', 'imagetools', 'inspect', ref(id), '--format', `{{json (index .Image "${platform}")}}`]);
    return JSON.parse(r.stdout) as { architecture: string; rootfs: { diff_ids: string[] } };
  };
  const run = async (id: Id, platform: Platform, argv: readonly string[]): Promise<string> =>
    (await dockerOk(['run', '--rm', '--platform', platform, ref(id), ...argv], { host })).stdout.trim();

  beforeAll(async () => {
    // the base both platforms start from: .ci/start-engine.sh makes it on this engine
    const labels = await docker(['image', 'inspect', '--format', '{{json .Config.Labels}}', 'debian:bookworm-slim'], { host });
    if (!labels.stdout.includes('"dev.dockwright.base":"debian-bookworm-amd64-arm64"'))
      throw new Error(`debian:bookworm-slim for linux/amd64 and linux/arm64 is missing on ${host}: run .ci/start-engine.sh`);
    registry = await startRegistry();
    // the example project's definitions and contexts; its settings, with this test's registry and namespace
    project = await shipProject(
      `{ registry: '${registry.host}', namespace: '${prefix}', tag: 'dev', baseTag: 'dev-base', definitionsDir: 'definitions', lint: { strict: true } }`,
      {},
    );
    for (const entry of ['definitions', 'contexts']) await cp(join(repoRoot, entry), join(project.root, entry), { recursive: true });
  });

  afterAll(async () => {
    await removeImages(prefix, { host });
    await project?.remove();
    await registry?.stop();
  });

  it('builds base-image → python → python-nn for both platforms and pushes one image index each (not base-image: push: false)', async () => {
    const r = await project.cli(['build', 'python-nn', '--platform', 'linux/amd64,linux/arm64', '--push', '--progress', 'plain'], {
      DOCKER_HOST: host,
    });
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('3 built');
    expect(r.stderr).toContain('pushed by their build (one image index each): python, python-nn');
    for (const id of ['python', 'python-nn'] as const) {
      const index = await dockerOk(['buildx', 'imagetools', 'inspect', ref(id)]);
      expect(index.stdout, id).toContain('MediaType: application/vnd.oci.image.index.v1+json');
      for (const platform of PLATFORMS) expect(index.stdout, `${id} ${platform}`).toMatch(new RegExp(`Platform:\\s+${platform}$`, 'm'));
      for (const platform of PLATFORMS) expect((await configOf(id, platform)).architecture).toBe(platform.slice('linux/'.length));
    }
    // base-image is only ever a parent: built and loaded for both platforms, never pushed
    expect((await docker(['buildx', 'imagetools', 'inspect', ref('base-image')])).exitCode).not.toBe(0);
  });

  it.each(PLATFORMS)('%s: python runs that architecture and passes its smoke check; python-nn has its module', async (platform) => {
    expect(await run('python', platform, ['uname', '-m'])).toBe(MACHINE[platform]);
    expect(await run('python', platform, ['python', '--version'])).toMatch(/^Python 3\.10/);
    expect(await run('python', platform, ['python', '-c', 'import fate, fate.ml, fate_flow'])).toBe('');
    // the Debian underneath is that platform's own
    expect(await run('python', platform, ['dpkg', '--print-architecture'])).toBe(platform.slice('linux/'.length));
    expect(await run('python-nn', platform, ['uname', '-m'])).toBe(MACHINE[platform]);
    expect(await run('python-nn', platform, ['python', '-c', 'import torch, transformers'])).toBe('');
  });

  it("each child's variant of a platform starts with its parent's variant of that platform", async () => {
    // base-image is not in the registry: push it here (the index of both platforms) to read its layers
    await dockerOk(['push', '--quiet', ref('base-image')], { host });
    for (const [parent, child] of [
      ['base-image', 'python'],
      ['python', 'python-nn'],
    ] as const) {
      const layers: Partial<Record<Platform, string[]>> = {};
      for (const platform of PLATFORMS) {
        const [p, c] = await Promise.all([configOf(parent, platform), configOf(child, platform)]);
        expect(c.rootfs.diff_ids.length, `${child} ${platform}`).toBeGreaterThan(p.rootfs.diff_ids.length);
        expect(c.rootfs.diff_ids.slice(0, p.rootfs.diff_ids.length), `${child} on ${parent}, ${platform}`).toEqual(p.rootfs.diff_ids);
        layers[platform] = p.rootfs.diff_ids;
      }
      // and the two platforms' parents differ (not one variant under both)
      expect(layers['linux/arm64']?.[0], parent).not.toBe(layers['linux/amd64']?.[0]);
    }
  });
});
