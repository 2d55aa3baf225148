/**
 * Issue 15: one leaf image's context changed, dockwright (the whole graph, only the leaf out of
 * date) against what that build costs at the least: a bare `docker buildx build` of the leaf image
 * (the argv dockwright runs for it, from `build --json`, tagged apart) plus Node's own start
 * (`node -e 0`), each measured in the same round. The difference is dockwright's overhead on the
 * path from a changed file to buildx.
 */
import { settled } from '../support/settle.js';
import { median, timed } from '../support/exec.js';
import { cli, type BenchProject } from '../support/project.js';
import type { Figure } from '../support/report.js';
import { touchContent } from '../support/tools.js';

const REFERENCE = 'docker buildx build + node -e 0';

/** The leaf's argv with its tags replaced by one of its own (in dockwright's namespace, which the bench removes at the end; another repository, so dockwright's images stay as they are). */
function bareArgv(argv: readonly string[], tag: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-t' || a === '--tag') i++;
    else if (!a.startsWith('--tag=')) out.push(a);
  }
  const context = out.pop() as string;
  return [...out, '--tag', tag, context];
}

export async function leafAgainstBare(p: BenchProject, n: number): Promise<Figure> {
  // the graph is built (after the leaf scenario it is; not when this one runs alone)
  await timed('node', [cli, 'build', '--progress', 'plain'], p.root);
  const plan = JSON.parse(
    (await timed('node', [cli, 'build', p.leafImage, '--no-deps', '--progress', 'plain', '--json'], p.root)).output,
  ) as {
    builds: { command: { argv: string[] } }[];
  };
  const argv = bareArgv(plan.builds[0]?.command.argv ?? [], `${p.namespaces.dw}/${p.leafImage}-bare:bench`);
  const dw: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < n; r++) {
    const order = r % 2 === 0 ? ['dockwright', 'bare'] : ['bare', 'dockwright'];
    for (const tool of order) {
      await touchContent(p.leafFile);
      await settled();
      if (tool === 'dockwright') dw.push((await timed('node', [cli, 'build', '--progress', 'plain'], p.root)).seconds);
      else bare.push((await timed('docker', argv, p.root)).seconds + (await timed('node', ['-e', '0'], p.root)).seconds);
    }
  }
  return {
    scenario: `one leaf image's context changed (${p.leafImage}): dockwright vs a bare docker buildx build of it plus node -e 0 (median of ${n})`,
    seconds: { dockwright: median(dw), [REFERENCE]: median(bare) },
    samples: { dockwright: dw, [REFERENCE]: bare },
    reference: REFERENCE,
    goal: { tool: 'dockwright', maxRatio: 1.3 },
  };
}
