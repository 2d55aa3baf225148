/**
 * The no-op fast path as users run it: `node bin/dockwright.js build` loads the fast path's own
 * bundle (dist/bundle/fast.js, scripts/bundle.mjs), which answers a no-op alone and hands a build
 * it found out of date to the CLI's chunks. Every change must still be seen: a context file, an
 * image deleted from the engine.
 */
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { imageExists, removeImages, uniquePrefix } from './support/images.js';
import { shipProject, type ShipProject } from './support/ship-project.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const SLOW = 120_000;

describe.skipIf(!engineAvailable)('the bundled fast path (engine)', () => {
  const prefix = uniquePrefix('fast-bundle');
  const ref = `${prefix}/app:t1`;
  let project: ShipProject | undefined;
  let root = '';
  // the timing lines say which path a run took; the same environment every run (it keys the snapshot)
  const env = { CI: process.env.CI ?? '', DOCKWRIGHT_TIMING: '1' };
  const build = () =>
    execa(process.execPath, [join(repoRoot, 'bin', 'dockwright.js'), 'build', '--progress', 'plain'], {
      cwd: root,
      env,
      extendEnv: false,
      reject: false,
      all: true,
    });

  beforeAll(async () => {
    const bundled = await execa(process.execPath, [join(repoRoot, 'scripts', 'bundle.mjs')], { cwd: repoRoot, reject: false, all: true });
    expect(bundled.exitCode, bundled.all).toBe(0);
    project = await shipProject(`{ namespace: '${prefix}', tag: 't1' }`, {
      'app/file.txt': 'one\n',
      'definitions/app.ts': `import { copy, image } from 'dockwright';\nexport const app = image({ name: 'app', context: 'app', from: 'busybox:stable', steps: [copy('file.txt', '/file.txt')] });\n`,
    });
    root = project.root;
  }, SLOW);

  afterAll(async () => {
    await removeImages(prefix);
    await project?.remove();
  });

  it(
    'answers a no-op from the snapshot, and builds again what a context file or a deleted image makes out of date',
    { timeout: SLOW },
    async () => {
      const first = await build();
      expect(first.exitCode, first.all).toBe(0);
      expect(first.all).toMatch(/^app\s+built/m);
      expect(first.all).not.toContain('snapshot current (fast path)');

      const noop = await build();
      expect(noop.exitCode, noop.all).toBe(0);
      expect(noop.all).toMatch(/^app\s+up to date/m);
      expect(noop.all).toContain('snapshot current (fast path)');
      expect(noop.all).not.toContain('build runner loaded');

      await appendFile(join(root, 'app', 'file.txt'), 'two\n');
      const changed = await build();
      expect(changed.exitCode, changed.all).toBe(0);
      expect(changed.all).toContain('snapshot current (fast path)');
      expect(changed.all).toMatch(/^app\s+built/m);
      expect((await docker(['run', '--rm', ref, 'cat', '/file.txt'])).stdout).toBe('one\ntwo');

      expect((await docker(['image', 'rm', ref])).exitCode).toBe(0);
      const deleted = await build();
      expect(deleted.exitCode, deleted.all).toBe(0);
      expect(deleted.all).toMatch(/^app\s+built/m);
      expect(await imageExists(ref)).toBe(true);

      const again = await build();
      expect(again.all).toMatch(/^app\s+up to date/m);
    },
  );
});
