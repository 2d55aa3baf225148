/** Reads what `gen` wrote: the Dockerfile docker will read for an image. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Read at once (a small file): an asynchronous read is four trips to Node's thread pool, and a run reads one per image. */
export const readGeneratedDockerfile = async (root: string, outputDir: string, dir: string): Promise<string> =>
  readFileSync(resolve(root, outputDir, dir, 'Dockerfile'), 'utf8');
