/**
 * The git facts of the OCI labels (src/io/git-info.ts): the commit and the origin remote without
 * its credentials inside a work tree; nothing at all outside one.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { readGitInfo } from '../../../src/io/git-info.js';
import { cleanupProjects, tempProject } from '../cli/support/temp-project.js';

afterEach(cleanupProjects);

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' }).trim();

describe('readGitInfo', () => {
  it('reads the commit and the origin remote, credentials removed', async () => {
    const root = await tempProject({ 'a.txt': 'a\n' });
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'one');
    git(root, 'remote', 'add', 'origin', 'https://someone:secret@git.example.com/team/app.git');
    expect(await readGitInfo(root)).toEqual({ revision: git(root, 'rev-parse', 'HEAD'), source: 'https://git.example.com/team/app.git' });
  });

  it('is empty outside a git work tree', async () => {
    const root = await tempProject({ 'a.txt': 'a\n' });
    expect(await readGitInfo(root)).toEqual({});
  });
});
