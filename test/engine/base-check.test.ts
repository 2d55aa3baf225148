/**
 * An image bake builds is on the very layers of the parent it names, even when BuildKit's cache
 * holds two results of one of the parent's steps: a `--no-cache` build of the parent leaves the
 * old result beside the new, and in one bake session the parent (its own target) and the child
 * (its `target:` context) could then come out on different ones. dockwright checks the layers
 * after the session and builds such a child again, FROM the tagged parent (src/runner/base-check.ts).
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';
import { dockerOk } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { removeImages, uniquePrefix } from './support/images.js';

describe.skipIf(!engineAvailable)('a child built in a bake session sits on its tagged parent (engine)', () => {
  const prefix = uniquePrefix('base-check');
  let root = '';

  async function build(...args: string[]): Promise<string> {
    let out = '';
    const ctx: CliContext = {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      stdout: { write: (t) => void (out += t) },
      stderr: { write: (t) => void (out += t) },
    };
    const code = await main(['-C', root, 'build', '--progress', 'plain', ...args], ctx);
    expect(code, out).toBe(0);
    return out;
  }
  const layers = async (id: string): Promise<string[]> =>
    JSON.parse((await dockerOk(['image', 'inspect', '--format', '{{json .RootFS.Layers}}', `${prefix}/${id}:t`])).stdout) as string[];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'dockwright-base-check-'));
    await mkdir(join(root, 'definitions'));
    await mkdir(join(root, 'ctx/parent'), { recursive: true });
    await mkdir(join(root, 'ctx/child'), { recursive: true });
    await writeFile(join(root, 'ctx/parent/p.txt'), `${prefix}\n`);
    await writeFile(join(root, 'ctx/child/c.txt'), 'c\n');
    await writeFile(join(root, 'dockwright.config.ts'), `export default { namespace: '${prefix}', tag: 't' };\n`);
    // the RUN's result differs each time it runs
    await writeFile(
      join(root, 'definitions/graph.ts'),
      `import { copy, image, run } from 'dockwright';
export const parent = image({ name: 'parent', from: 'busybox:stable', context: 'ctx/parent', steps: [copy('p.txt', '/p.txt'), run('date +%s%N > /stamp')] });
export const child = image({ name: 'child', from: parent, context: 'ctx/child', steps: [copy('c.txt', '/c.txt')] });
`,
    );
  });

  afterAll(async () => {
    await removeImages(prefix);
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('after a --no-cache build of the parent, a bake session of both still puts the child on the parent it tags', async () => {
    await build();
    await build('parent', '--no-deps', '--no-cache');
    const out = await build('--force');
    expect(out).toMatch(/^parent\s+built/m);
    expect(out).toMatch(/^child\s+built/m);
    const [parent, child] = await Promise.all([layers('parent'), layers('child')]);
    expect(child.slice(0, parent.length)).toEqual(parent);
    expect(child).toHaveLength(parent.length + 1);
  });
});
