/**
 * Filesystem side of `dockwright import`, reading: the Dockerfiles named on the command line, or
 * every `<dir>/<image>/Dockerfile` (+ `image.yaml`) of a folder-per-image layout.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImportWarning } from './definition-model.js';
import { ImportError } from './import-error.js';
import { parseImageYaml } from './image-yaml.js';
import { imageNameFromPath, toDockerName } from './names.js';
import type { DockerfileSource } from './import-sources.js';

export interface SourceRequest {
  /** Paths given are relative to it, and paths shown too. */
  readonly cwd: string;
  /** Project root: build contexts are written relative to it (default `cwd`). */
  readonly root?: string | undefined;
  readonly files: readonly string[];
  /** Folder-per-image layout: each subfolder with a Dockerfile is one image. */
  readonly dir?: string | undefined;
  /** Image name of the single file given. */
  readonly name?: string | undefined;
  /** Build context of the files given (default: each Dockerfile's folder). */
  readonly context?: string | undefined;
}

const posix = (p: string): string => p.split(path.sep).join('/') || '.';

const readText = async (abs: string, shown: string): Promise<string> => {
  if (!existsSync(abs) || !(await stat(abs)).isFile()) throw new ImportError(`${shown}: no such file`);
  return readFile(abs, 'utf8');
};

export async function readSources(req: SourceRequest): Promise<{ sources: DockerfileSource[]; warnings: ImportWarning[] }> {
  if (req.name !== undefined && req.files.length !== 1) throw new ImportError('--name needs exactly one Dockerfile');
  const rel = (abs: string): string => posix(path.relative(req.cwd, abs));
  const fromRoot = (abs: string): string => posix(path.relative(req.root ?? req.cwd, abs));
  const warnings: ImportWarning[] = [];
  const sources: DockerfileSource[] = [];
  for (const f of req.files) {
    const abs = path.resolve(req.cwd, f);
    const file = rel(abs);
    const name = req.name === undefined ? imageNameFromPath(abs) : toDockerName(req.name);
    sources.push({
      file,
      name,
      text: await readText(abs, file),
      context: fromRoot(req.context === undefined ? path.dirname(abs) : path.resolve(req.cwd, req.context)),
    });
  }
  if (req.dir !== undefined) {
    const root = path.resolve(req.cwd, req.dir);
    if (!existsSync(root)) throw new ImportError(`${rel(root)}: no such folder`);
    const entries = (await readdir(root, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    for (const folder of entries) {
      const dockerfile = path.join(root, folder, 'Dockerfile');
      if (!existsSync(dockerfile)) {
        warnings.push({ file: rel(path.join(root, folder)), message: 'no Dockerfile in this folder; skipped' });
        continue;
      }
      const yamlFile = path.join(root, folder, 'image.yaml');
      const yaml = existsSync(yamlFile) ? parseImageYaml(await readFile(yamlFile, 'utf8'), rel(yamlFile)) : undefined;
      warnings.push(...(yaml?.warnings ?? []));
      sources.push({
        file: rel(dockerfile),
        name: toDockerName(folder),
        text: await readFile(dockerfile, 'utf8'),
        context: fromRoot(path.join(root, folder)),
        copyList: yaml?.copyList ?? [],
      });
    }
  }
  if (sources.length === 0) throw new ImportError('no Dockerfile to import (give paths or --dir)');
  return { sources, warnings };
}
