/**
 * Up to date in the registry (`--push` mode of the skipper) on the real engine and a loopback
 * registry: an image pushed with its digest label counts as up to date even when it is not in the
 * local store, and nothing is pulled to find out; a changed input makes it out of date.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';
import { createSkipper, type SkipperOptions } from '../../src/incremental/skipper.js';
import { planBuild } from '../../src/plan/build-plan.js';
import { loadProject } from '../../src/project.js';
import { createDockerExec } from '../../src/engine/docker-exec.js';
import { dockerOk } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { imageExists, removeImages, uniquePrefix } from './support/images.js';
import { startRegistry, type Registry } from './support/registry.js';

describe.skipIf(!engineAvailable)('input digests against a registry (engine)', () => {
  const prefix = uniquePrefix('digest-registry');
  let registry: Registry | undefined;
  let root = '';
  let ref = '';

  const skipperOptions = async (): Promise<SkipperOptions> => {
    const project = await loadProject({ cwd: root, env: {} });
    const plan = planBuild(project.images, project.settings, {}, { engine: { buildx: true }, push: true });
    return {
      root,
      settings: project.settings,
      images: project.images,
      plan,
      env: {},
      engine: { docker: createDockerExec() },
      push: true,
    };
  };

  beforeAll(async () => {
    registry = await startRegistry();
    ref = `${registry.host}/${prefix}/app:t1`;
    root = await mkdtemp(join(tmpdir(), 'dockwright-digest-registry-'));
    await mkdir(join(root, 'definitions'));
    await mkdir(join(root, 'ctx'));
    await writeFile(join(root, 'ctx', 'a.txt'), 'a\n');
    await writeFile(
      join(root, 'dockwright.config.ts'),
      `export default { registry: '${registry.host}', namespace: '${prefix}', tag: 't1' };\n`,
    );
    await writeFile(
      join(root, 'definitions', 'app.ts'),
      `import { copy, image } from 'dockwright';\nexport const app = image({ name: 'app', from: 'busybox:stable', context: 'ctx', steps: [copy('a.txt', '/a.txt')] });\n`,
    );
    let out = '';
    const ctx: CliContext = {
      cwd: root,
      env: { PATH: process.env.PATH },
      stdout: { write: (t) => void (out += t) },
      stderr: { write: (t) => void (out += t) },
    };
    expect(await main(['build', '--progress', 'plain'], ctx), out).toBe(0);
    await dockerOk(['push', '--quiet', ref]);
    await dockerOk(['image', 'rm', ref]);
  });

  afterAll(async () => {
    await removeImages(prefix);
    await registry?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('an image in the registry with the same digest is up to date, and is not pulled to find out', async () => {
    const [verdict] = await (await createSkipper(await skipperOptions())).explain();
    expect(verdict?.reason).toMatch(/^in the registry with input digest [0-9a-f]{12}$/);
    expect(verdict?.upToDate).toBe(true);
    expect(await imageExists(ref)).toBe(false);
  });

  it('`build --push`: up to date in the registry, so nothing is built, pulled or pushed', async () => {
    let out = '';
    const ctx: CliContext = {
      cwd: root,
      env: { PATH: process.env.PATH },
      stdout: { write: (t) => void (out += t) },
      stderr: { write: (t) => void (out += t) },
    };
    expect(await main(['build', '--push', '--progress', 'plain'], ctx), out).toBe(0);
    expect(out).toMatch(/^app\s+up to date/m);
    expect(await imageExists(ref)).toBe(false);
  });

  it('a changed input makes it out of date', async () => {
    await writeFile(join(root, 'ctx', 'a.txt'), 'b\n');
    const [verdict] = await (await createSkipper(await skipperOptions())).explain();
    expect(verdict).toMatchObject({ upToDate: false, reason: `${ref} is not in its registry with these inputs` });
  });
});
