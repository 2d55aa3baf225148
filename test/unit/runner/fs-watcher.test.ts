/** Which folders the real watcher watches, on a real temp folder. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchedFolders } from '../../../src/runner/watch/fs-watcher.js';

describe('watchedFolders', () => {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'dockwright-fs-watcher-'));
    await mkdir(join(root, 'definitions'));
    await mkdir(join(root, 'ctx/app'), { recursive: true });
    await writeFile(join(root, 'dockwright.config.ts'), '');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const sorted = (paths: ReturnType<typeof watchedFolders>) => [...paths].sort((a, b) => a.path.localeCompare(b.path));

  it('a missing file is watched through its folder without recursion: the whole project is not watched for a missing .env', () => {
    const folders = watchedFolders([
      { path: join(root, 'definitions'), recursive: true },
      { path: join(root, 'dockwright.config.ts'), recursive: false },
      { path: join(root, '.env'), recursive: false },
      { path: join(root, 'ctx/app'), recursive: true },
    ]);
    expect(sorted(folders)).toEqual([
      { path: root, recursive: false },
      { path: join(root, 'ctx/app'), recursive: true },
      { path: join(root, 'definitions'), recursive: true },
    ]);
  });

  it('a missing folder, or a path below a missing folder, is watched recursively through the nearest existing one', () => {
    expect(watchedFolders([{ path: join(root, 'ctx/new'), recursive: true }])).toEqual([{ path: join(root, 'ctx'), recursive: true }]);
    expect(watchedFolders([{ path: join(root, 'ctx/new/.dockerignore'), recursive: false }])).toEqual([
      { path: join(root, 'ctx'), recursive: true },
    ]);
    // an existing file: its folder, without recursion
    expect(watchedFolders([{ path: join(root, 'dockwright.config.ts'), recursive: true }])).toEqual([{ path: root, recursive: false }]);
  });
});
