/**
 * `dockwright save` / `load` on the real engine: one gzip'd docker-save bundle with a manifest
 * beside it; after the images are removed, `load` brings them back and lists them.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { docker, dockerOk } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { imageExists, removeImages } from './support/images.js';
import { shipSuite } from './support/ship-suite.js';

const definitions = `import { image, run } from 'dockwright';
export const base = image({ name: 'base', push: false, from: 'busybox:stable', steps: [run('echo base > /base')] });
export const app = image({ name: 'app', tags: ['{tag}', 'latest'], from: base, steps: [run('echo app > /app')] });
export const unbuilt = image({ name: 'unbuilt', from: 'busybox:stable', steps: [run('echo never')] });
`;

describe.skipIf(!engineAvailable)('dockwright save / load (engine)', () => {
  const { prefix, project } = shipSuite('bundle', { 'definitions/images.ts': definitions });

  beforeAll(async () => {
    expect((await project.cli(['build', 'app', '--progress', 'plain'])).exitCode).toBe(0);
  });

  it('saves the selected images and an included third-party image into one gzip bundle, and loads them back', async () => {
    const refs = [`${prefix}/base:t1`, `${prefix}/app:t1`, `${prefix}/app:latest`];
    // a third-party image under a name of this test, so that removing it is safe
    const thirdParty = `${prefix}/mysql:8.0.28`;
    await dockerOk(['tag', 'busybox:stable', thirdParty]);
    const r = await project.cli(['save', '-o', 'out/bundle.tar.gz', 'app', '--include', thirdParty]);
    expect(r.exitCode, r.stderr).toBe(0);
    const bundle = join(project.root, 'out', 'bundle.tar.gz');
    const bytes = await readFile(bundle);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    // only the bundle and its manifest: the temporary file was renamed
    expect((await readdir(join(project.root, 'out'))).sort()).toEqual(['bundle.tar.gz', 'bundle.tar.gz.manifest.json']);
    const manifest = JSON.parse(await readFile(`${bundle}.manifest.json`, 'utf8')) as {
      images: { ref: string; image?: string; id: string }[];
      bytes: number;
      sha256: string;
    };
    expect(JSON.parse(r.stdout)).toEqual(manifest);
    expect(manifest.images.map((i) => i.ref)).toEqual([...refs, thirdParty]);
    expect(manifest.images.map((i) => i.image)).toEqual(['base', 'app', 'app', undefined]);
    expect(manifest.bytes).toBe(bytes.length);
    expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const i of manifest.images) expect(i.id).toMatch(/^sha256:[0-9a-f]{64}$/);

    await removeImages(prefix);
    for (const ref of [...refs, thirdParty]) expect(await imageExists(ref), ref).toBe(false);

    const loaded = await project.cli(['load', 'out/bundle.tar.gz']);
    expect(loaded.exitCode, loaded.stderr).toBe(0);
    expect(loaded.stdout.trim().split('\n').sort()).toEqual([...refs, thirdParty].map((ref) => `loaded ${ref}`).sort());
    expect(loaded.stderr).toBe('');
    for (const ref of [...refs, thirdParty]) expect(await imageExists(ref), ref).toBe(true);
    expect((await dockerOk(['run', '--rm', `${prefix}/app:latest`, 'cat', '/base', '/app'])).stdout).toBe('base\napp');

    // docker itself takes the bundle as it is
    await removeImages(prefix);
    const plain = await docker(['load', '-i', bundle]);
    expect(plain.exitCode, plain.stderr).toBe(0);
    expect(await imageExists(`${prefix}/app:t1`)).toBe(true);
  });

  it('refuses to bundle an image that is not built, and writes nothing', async () => {
    const r = await project.cli(['save', '-o', 'missing.tar.gz', 'unbuilt', '--include', `${prefix}/not-here:1`]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`${prefix}/unbuilt:t1 (build it: dockwright build unbuilt)`);
    expect(r.stderr).toContain(`${prefix}/not-here:1 (pull it first: docker pull ${prefix}/not-here:1)`);
    expect(existsSync(join(project.root, 'missing.tar.gz'))).toBe(false);
    expect(existsSync(join(project.root, 'missing.tar.gz.manifest.json'))).toBe(false);
  });

  it("load of a file that is not a bundle fails with docker's reason", async () => {
    await project.write({ 'junk.tar.gz': 'not a tar at all' });
    const r = await project.cli(['load', 'junk.tar.gz']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: docker load \S+junk\.tar\.gz failed \(exit 1\): /m);
  });
});
