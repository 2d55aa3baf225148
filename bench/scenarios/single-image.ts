/**
 * Issue 3: one image through dockwright against the bare `docker buildx build` dockwright runs for
 * it (the argv of `build --json`), both without the build cache so that there is real work to do.
 * The difference is dockwright's own cost: start-up, loading the definitions, rendering, digests.
 */
import { median, timed } from '../support/exec.js';
import { settled } from '../support/settle.js';
import { cli, type BenchProject } from '../support/project.js';
import type { Figure } from '../support/report.js';

export async function singleImage(p: BenchProject, image: string, n: number): Promise<Figure> {
  // its parents must be there (they are after the graph scenarios; not when this one runs alone)
  await timed('node', [cli, 'build', image, '--progress', 'plain'], p.root);
  const args = ['build', image, '--no-deps', '--no-cache', '--progress', 'plain'];
  const plan = JSON.parse((await timed('node', [cli, ...args, '--json'], p.root)).output) as { builds: { command: { argv: string[] } }[] };
  const argv = plan.builds[0]?.command.argv ?? [];
  const dw: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < n; r++) {
    await settled();
    dw.push((await timed('node', [cli, ...args], p.root)).seconds);
    await settled();
    bare.push((await timed('docker', argv, p.root)).seconds);
  }
  return {
    scenario: `one image (${image}) without cache: dockwright vs bare docker buildx build (median of ${n})`,
    seconds: { dockwright: median(dw), 'docker buildx build': median(bare) },
    reference: 'docker buildx build',
    goal: { tool: 'dockwright', maxRatio: 1.1 },
  };
}
