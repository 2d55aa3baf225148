/**
 * Provenance attestations, asked for in the config, on an engine with the containerd image store
 * (a second dockerd: the classic store refuses attestations): `dockwright release` builds with
 * `--attest type=provenance,mode=max` (not buildx's default min), and what it pushes keeps them — `docker buildx imagetools
 * inspect` shows the provenance under the released tag; the image's labels name its definition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from './support/docker-cli.js';
import { startSecondDockerd, type SecondDockerd } from './support/dockerd.js';
import { engineAvailable } from './support/engine.js';
import { copyImage, uniquePrefix } from './support/images.js';
import { startRegistry, type Registry } from './support/registry.js';
import { shipProject, type ShipProject } from './support/ship-project.js';

const definitions = `import { image, run } from 'dockwright';
export const app = image({ name: 'app', context: 'ctx', from: 'busybox:stable', steps: [run('echo app > /app')], test: { smoke: [{ argv: ['cat', '/app'], expect: 'app' }] } });
`;

describe.skipIf(!engineAvailable || process.getuid?.() !== 0)('attestations (engine, containerd image store)', () => {
  const prefix = uniquePrefix('attest');
  let daemon: SecondDockerd;
  let registry: Registry;
  let project: ShipProject;

  beforeAll(async () => {
    daemon = await startSecondDockerd({ config: { features: { 'containerd-snapshotter': true } } });
    await copyImage('busybox:stable', { host: daemon.host });
    registry = await startRegistry();
    project = await shipProject(`{ namespace: '${prefix}', tag: 't1', provenance: 'max' }`, {
      'definitions/images.ts': definitions,
      'ctx/.keep': '',
    });
  }, 120_000);

  afterAll(async () => {
    await project?.remove();
    await registry?.stop();
    await daemon?.stop();
  });

  it('a release keeps the provenance asked for; the image names its definition', async () => {
    const r = await project.cli(['--registry', registry.host, 'release', '--progress', 'plain'], { DOCKER_HOST: daemon.host });
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    const ref = `${registry.host}/${prefix}/app:t1`;
    const provenance = await docker(['buildx', 'imagetools', 'inspect', '--format', '{{json .Provenance}}', ref]);
    expect(provenance.exitCode, provenance.stderr).toBe(0);
    const p = JSON.parse(provenance.stdout) as { SLSA?: { buildType?: string; buildConfig?: unknown } };
    expect(p.SLSA?.buildType).toContain('buildkit');
    // mode=max: the build's definition is in it (buildx's default on this store is mode=min, without it)
    expect(p.SLSA?.buildConfig).toBeDefined();
    const raw = await docker(['buildx', 'imagetools', 'inspect', '--raw', ref]);
    expect(raw.stdout).toContain('attestation-manifest');
    const labels = await docker(['buildx', 'imagetools', 'inspect', '--format', '{{json .Image.Config.Labels}}', ref]);
    expect(JSON.parse(labels.stdout)).toMatchObject({
      'dev.dockwright.definition': 'definitions/images.ts',
      'dev.dockwright.image': 'app',
    });
  });
});
