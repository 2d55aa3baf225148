/** A docker seam for digest tests: knows some local images (by ref) and some registry images, records its calls. */
import { familiarRef } from '../../../src/digest/image-state.js';
import type { DockerExec, DockerResult } from '../../../src/runner/docker-exec.js';

export interface Img {
  id: string;
  labels?: Record<string, string>;
}

/** A docker that knows some local images (by ref) and some registry images, and records its calls. */
export function fakeEngine(local: Map<string, Img>, registry = new Map<string, Record<string, string>>()) {
  const calls: string[][] = [];
  const docker: DockerExec = {
    async run(argv): Promise<DockerResult> {
      calls.push([...argv]);
      if (argv[0] === 'image' && argv[1] === 'inspect') {
        const refs = argv.slice(4);
        const found = refs.filter((r) => local.has(r));
        const lines = found.map((r) => {
          const img = local.get(r) as Img;
          return [JSON.stringify([familiarRef(r)]), '[]', img.id, JSON.stringify(img.labels ?? null), '1000'].join('\t');
        });
        return { exitCode: found.length === refs.length ? 0 : 1, stdout: lines.join('\n'), stderr: '' };
      }
      if (argv[0] === 'buildx' && argv[1] === 'imagetools') {
        const labels = registry.get(argv.at(-1) as string);
        return labels
          ? { exitCode: 0, stdout: JSON.stringify({ config: { Labels: labels } }), stderr: '' }
          : { exitCode: 1, stdout: '', stderr: 'not found' };
      }
      return { exitCode: 0, stdout: '', stderr: '' };
    },
  };
  return { docker, calls };
}
