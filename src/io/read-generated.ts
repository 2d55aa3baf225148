/** Reads what `gen` wrote: the Dockerfile docker will read for an image. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

export const readGeneratedDockerfile = (root: string, outputDir: string, dir: string): Promise<string> =>
  readFile(resolve(root, outputDir, dir, 'Dockerfile'), 'utf8');
