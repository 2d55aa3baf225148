/**
 * Where the project is: from the working directory up, the nearest folder with a config file;
 * else the nearest `package.json` that has dockwright as a dependency; else the working directory
 * itself when it holds a `definitions/` folder; else a ProjectNotFoundError saying where it looked.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ProjectNotFoundError } from '../errors/project-error.js';

export const CONFIG_FILES = ['dockwright.config.ts', 'dockwright.config.mts', 'dockwright.config.js', 'dockwright.config.mjs'] as const;

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** The folder and its parents, nearest first. */
const upFrom = (start: string): string[] => {
  const dirs = [start];
  for (let dir = start; path.dirname(dir) !== dir; dir = path.dirname(dir)) dirs.push(path.dirname(dir));
  return dirs;
};

/** Whether `dir/package.json` lists dockwright as a dependency (an unreadable file does not). */
export function dependsOnDockwright(dir: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    return DEPENDENCY_FIELDS.some((field) => {
      const deps = pkg[field];
      return typeof deps === 'object' && deps !== null && 'dockwright' in deps;
    });
  } catch {
    return false;
  }
}

const isDir = (p: string): boolean => existsSync(p) && statSync(p).isDirectory();

/**
 * The project root for a command run in `cwd`, and its config file when it has one. With
 * `orHere`, a folder that is no project yet is the root (for `import`, which starts one).
 */
export function findProjectRoot(cwd: string, orHere = false): { root: string; configFile?: string } {
  const start = path.resolve(cwd);
  const dirs = upFrom(start);
  for (const dir of dirs) {
    const configFile = CONFIG_FILES.map((f) => path.join(dir, f)).find((f) => existsSync(f));
    if (configFile) return { root: dir, configFile };
  }
  const withDependency = dirs.find(dependsOnDockwright);
  if (withDependency) return { root: withDependency };
  if (orHere || isDir(path.join(start, 'definitions'))) return { root: start };
  throw new ProjectNotFoundError(start);
}
