/**
 * The three ways to build the benchmark graph, each timed as whole processes from start to exit:
 * dockwright (the compiled CLI, `node bin/dockwright.js build`), `docker buildx bake` on the
 * exported bake file, and a sequential `docker build` loop.
 */
import { appendFile } from 'node:fs/promises';
import { docker, timed } from './exec.js';
import { cli, removeImages, type BenchProject } from './project.js';

export type Tool = 'dockwright' | 'bake' | 'sequential';
export const TOOLS: readonly Tool[] = ['dockwright', 'bake', 'sequential'];

/** Seconds for one build of the whole graph with `tool`; `phases` gets dockwright's `DOCKWRIGHT_TIMING` lines. */
export async function buildWith(tool: Tool, p: BenchProject, phases?: (lines: string[]) => void): Promise<number> {
  switch (tool) {
    case 'dockwright': {
      const r = await timed('node', [cli, 'build', '--progress', 'plain'], p.root, phases ? { DOCKWRIGHT_TIMING: '1' } : {});
      phases?.(r.output.split('\n').filter((l) => l.startsWith('timing:')));
      return r.seconds;
    }
    case 'bake':
      return (await timed('docker', ['buildx', 'bake', '-f', p.bakeFile, '--progress=plain'], p.root)).seconds;
    case 'sequential': {
      const start = performance.now();
      for (const argv of p.seqSteps) await timed('docker', argv, p.root);
      return (performance.now() - start) / 1000;
    }
  }
}

export const namespaceOf = (tool: Tool, p: BenchProject): string =>
  tool === 'dockwright' ? p.namespaces.dw : tool === 'bake' ? p.namespaces.bake : p.namespaces.seq;

/** No build cache, none of the tool's images (base images stay: they cannot be pulled here). */
export async function makeCold(tool: Tool, p: BenchProject): Promise<void> {
  await removeImages(namespaceOf(tool, p));
  const r = await docker(['builder', 'prune', '-af']);
  if (r.exitCode !== 0) throw new Error(`docker builder prune failed: ${r.all}`);
}

let edits = 0;
/** A real content change to a file that an image COPYs (a shell comment: the scripts still work). */
export async function touchContent(file: string): Promise<void> {
  edits += 1;
  await appendFile(file, `# bench edit ${Date.now()}-${edits}\n`);
}
