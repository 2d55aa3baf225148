/**
 * Issue 2: `dockwright gen` of 200 generated image definitions (20 chains of 10 busybox images)
 * against `docker buildx bake --print` of the equivalent bake file (the one gen exports), both as
 * processes. The gen figure is a steady-state run (the files exist and are unchanged), and the
 * first run is reported beside it.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, timed } from '../support/exec.js';
import { cli } from '../support/project.js';
import type { Figure } from '../support/report.js';

function definitions(chains: number, length: number): string {
  const lines = [`import { image, run } from 'dockwright';`];
  for (let c = 0; c < chains; c++) {
    for (let i = 0; i < length; i++) {
      const from = i === 0 ? `'busybox:stable'` : `c${c}i${i - 1}`;
      lines.push(
        `export const c${c}i${i} = image({ name: 'chain${c}-image${i}', from: ${from}, args: { LEVEL: '${i}' }, steps: [run('echo "$LEVEL" > /level-${i}')] });`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function genMany(n: number): Promise<Figure> {
  const root = await mkdtemp(join(tmpdir(), 'dockwright-bench-gen-'));
  try {
    await mkdir(join(root, 'definitions'));
    await writeFile(join(root, 'dockwright.config.ts'), `export default { namespace: 'bench', tag: '1', bake: true };\n`);
    await writeFile(join(root, 'definitions', 'many.ts'), definitions(20, 10));
    const first = await timed('node', [cli, 'gen'], root);
    const gen: number[] = [];
    const print: number[] = [];
    for (let r = 0; r < n; r++) {
      gen.push((await timed('node', [cli, 'gen'], root)).seconds);
      print.push((await timed('docker', ['buildx', 'bake', '--print', '-f', 'generated/docker-bake.json'], root)).seconds);
    }
    return {
      scenario: `gen of 200 image definitions vs bake --print of the same graph (median of ${n})`,
      seconds: { 'dockwright gen': median(gen), 'bake --print': median(print) },
      reference: 'bake --print',
      goal: { tool: 'dockwright gen', maxRatio: 1.0 },
      note: `first gen (writes 200 Dockerfiles and the bake file): ${first.seconds.toFixed(3)} s`,
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
