/**
 * The real watcher of `dockwright watch`: Node's own `fs.watch` (recursive on Linux since Node 20,
 * macOS and Windows). A folder is watched with everything below it; a file through its folder
 * (so that creating it, or an editor replacing it, is seen too); a path below another watched
 * folder is not watched twice. A path that does not exist is watched through the nearest folder
 * above it that does (see {@link watchedFolders}).
 */
import { watch as fsWatch, statSync, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import { isUnder } from '../../incremental/watch-inputs.js';
import type { Watch, WatchPath } from './watch-loop.js';

const isDir = (path: string): boolean | undefined => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return undefined;
  }
};

/**
 * Folders to watch: `recursive` ones first; a file's folder without recursion. A missing path is
 * watched through its nearest existing folder: without recursion when that is its own folder and it
 * is a file (its creation is an event there), recursively when it is a folder or further down.
 */
export function watchedFolders(paths: readonly WatchPath[]): WatchPath[] {
  const folders = new Map<string, boolean>();
  for (const p of paths) {
    let path = p.path;
    let kind = isDir(path);
    let recursive = p.recursive && kind !== false;
    // a file, or a path that is not there yet: its folder (the nearest existing one)
    if (kind !== true) {
      path = dirname(path);
      kind = isDir(path);
    }
    while (kind !== true && dirname(path) !== path) {
      path = dirname(path);
      kind = isDir(path);
      recursive = true;
    }
    folders.set(path, (folders.get(path) ?? false) || recursive);
  }
  const recursiveDirs = [...folders].filter(([, r]) => r).map(([d]) => d);
  return [...folders]
    .filter(([dir]) => !recursiveDirs.some((r) => r !== dir && isUnder(dir, r)))
    .map(([path, recursive]) => ({ path, recursive }));
}

export const fsWatcher: Watch = (paths, onChange) => {
  const watchers: FSWatcher[] = [];
  for (const { path, recursive } of watchedFolders(paths)) {
    try {
      const w = fsWatch(path, { recursive, persistent: true }, (_event, name) => onChange(name ? join(path, name.toString()) : path));
      // a watched folder removed: its parent's watcher (if any) reports it
      w.on('error', () => w.close());
      watchers.push(w);
    } catch {
      // gone between the stat and the watch: the next reload watches again
    }
  }
  return { close: () => watchers.forEach((w) => w.close()) };
};
