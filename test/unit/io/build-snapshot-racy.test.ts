import { writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RACY_START_MS, takeBuildSnapshot, type SnapshotJob } from '../../../src/io/build-snapshot.js';
import { planBuild } from '../../../src/plan/build-plan.js';
import { cleanupProjects, tempProject } from '../cli/support/temp-project.js';
import { model, settings } from '../plan/images.js';

afterEach(cleanupProjects);

const images = [model('app', { context: 'ctx' })];
const s = settings({ namespace: 'acme', tag: '1' });
const job: SnapshotJob = {
  settings: s,
  images,
  plan: planBuild(images, s, {}, { engine: { buildx: true } }),
  progress: 'plain',
  parallel: 2,
  failFast: false,
  bake: true,
  force: false,
};

/** A project whose files were written before the command starts (further back than a clock tick). */
async function oldProject(): Promise<string> {
  const root = await tempProject({
    'dockwright.config.ts': 'export default {};\n',
    'definitions/app.ts': `import { helper } from '../lib/helper.js';\nexport const x = helper;\n`,
    'lib/helper.ts': 'export const helper = 1;\n',
    'ctx/a.txt': 'a',
  });
  await sleep(RACY_START_MS + 30);
  return root;
}

const take = (root: string, since: number) => takeBuildSnapshot({ argv: ['build'], cwd: root, env: { HOME: '/home/x' }, root, job, since });

describe('the build snapshot taken as the build starts', () => {
  it('is kept when no source file changed since the command started', async () => {
    const root = await oldProject();
    expect(take(root, Date.now())?.snapshot.watched).toHaveProperty([path.join(root, 'lib/helper.ts')]);
  });

  it.each(['definitions/app.ts', 'lib/helper.ts', 'dockwright.config.ts'])(
    'is not kept when %s changed after the command started (the plan may predate the change)',
    async (rel) => {
      const root = await oldProject();
      const since = Date.now();
      await writeFile(path.join(root, rel), 'export const helper = 2;\nexport default {};\n');
      expect(take(root, since)).toBeUndefined();
      // the next command, started after the change, keeps its snapshot
      await sleep(RACY_START_MS + 30);
      expect(take(root, Date.now())).toBeDefined();
    },
  );

  it('a context file changed meanwhile does not matter: the input digests see it', async () => {
    const root = await oldProject();
    const since = Date.now();
    await writeFile(path.join(root, 'ctx/a.txt'), 'b');
    expect(take(root, since)).toBeDefined();
  });
});
