/**
 * `dockwright promote` across two local registries: the images CI pushed to one are tagged in the
 * other, registry-side — the local store holds none of them before or after; a source that is
 * missing moves no tag.
 */
import { describe, expect, it } from 'vitest';
import { docker, dockerOk } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { imageExists } from './support/images.js';
import { startRegistry } from './support/registry.js';
import { shipSuite } from './support/ship-suite.js';

const definitions = `import { image, run } from 'dockwright';
export const base = image({ name: 'base', from: 'busybox:stable', steps: [run('echo base > /base')] });
export const app = image({ name: 'app', tags: ['{tag}', 'latest'], from: base, steps: [run('echo app > /app')] });
`;

const manifest = async (ref: string): Promise<{ digest: string; manifests?: { digest: string }[] } | undefined> => {
  const r = await docker(['buildx', 'imagetools', 'inspect', '--format', '{{json .Manifest}}', ref]);
  return r.exitCode === 0 ? (JSON.parse(r.stdout) as { digest: string; manifests?: { digest: string }[] }) : undefined;
};

describe.skipIf(!engineAvailable)('dockwright promote (engine)', () => {
  const { prefix, project } = shipSuite('promote', { 'definitions/images.ts': definitions });

  it('copies every tag from one registry to another by digest, pulling nothing; a missing source moves nothing', async () => {
    const staging = await startRegistry();
    const production = await startRegistry();
    try {
      const built = await project.cli(['--registry', staging.host, 'build', '--push', '--progress', 'plain']);
      expect(built.exitCode, `${built.stdout}\n${built.stderr}`).toBe(0);
      const source = { base: await manifest(`${staging.host}/${prefix}/base:t1`), app: await manifest(`${staging.host}/${prefix}/app:t1`) };
      // nothing of it stays in the local store: a pull would put it back
      await dockerOk([
        'image',
        'rm',
        `${staging.host}/${prefix}/base:t1`,
        `${staging.host}/${prefix}/app:t1`,
        `${staging.host}/${prefix}/app:latest`,
      ]);

      const missing = await project.cli([
        '--registry',
        production.host,
        '--tag',
        't2',
        'promote',
        '--from-registry',
        staging.host,
        '--from-tag',
        'nope',
      ]);
      expect(missing.exitCode).toBe(1);
      expect(missing.stderr).toContain('promote stopped: base, app not found where named; no tag moved');
      expect(await manifest(`${production.host}/${prefix}/app:t2`)).toBeUndefined();

      const r = await project.cli([
        '--registry',
        production.host,
        '--tag',
        't2',
        'promote',
        '--from-registry',
        staging.host,
        '--from-tag',
        't1',
      ]);
      expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
      for (const [name, tags] of [
        ['base', ['t2']],
        ['app', ['t2', 'latest']],
      ] as const)
        for (const tag of tags) {
          const promoted = await manifest(`${production.host}/${prefix}/${name}:${tag}`);
          // a single manifest is put in a one-entry index (buildx 0.13): the same image, byte for byte
          expect(promoted?.manifests?.map((m) => m.digest)).toEqual([source[name]?.digest]);
          expect(r.stdout).toMatch(new RegExp(`^${name}\\s+\\S+/${name}:${tag}\\s+moved`, 'm'));
        }
      for (const name of ['base', 'app']) {
        expect(await imageExists(`${production.host}/${prefix}/${name}:t2`)).toBe(false);
        expect(await imageExists(`${staging.host}/${prefix}/${name}:t1`)).toBe(false);
      }
      // an index is copied as it is: promoting the promoted images back keeps their digest
      const back = await project.cli([
        '--registry',
        staging.host,
        '--tag',
        't3',
        'promote',
        '--from-registry',
        production.host,
        '--from-tag',
        't2',
      ]);
      expect(back.exitCode, `${back.stdout}\n${back.stderr}`).toBe(0);
      expect((await manifest(`${staging.host}/${prefix}/app:t3`))?.digest).toBe(
        (await manifest(`${production.host}/${prefix}/app:t2`))?.digest,
      );
    } finally {
      await staging.stop();
      await production.stop();
    }
  });
});
