/**
 * The git facts OCI labels carry, read once per run: the commit (`revision`) and where the source
 * lives (`source`, the `origin` remote without any credentials). Either is undefined outside a git
 * work tree or without git. Two short questions whose failure is an answer: Node's `execFile`
 * (an argv array, no shell) is enough, and a run that starts no other process (a build every image
 * of which is up to date) never loads execa (~30 ms of CPU).
 */
import { execFile } from 'node:child_process';

export interface GitInfo {
  readonly revision?: string;
  readonly source?: string;
}

const git = (cwd: string, args: readonly string[]): Promise<string | undefined> =>
  new Promise((resolve) => {
    const child = execFile('git', [...args], { cwd, timeout: 10_000, encoding: 'utf8' }, (error, stdout) => {
      const out = stdout.trim();
      resolve(error === null && out !== '' ? out : undefined);
    });
    child.stdin?.end();
  });

/** `https://user:token@host/x.git` → `https://host/x.git`; scp-like `git@host:x.git` stays. */
export const publicUrl = (url: string): string => {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.toString();
  } catch {
    return url;
  }
};

export async function readGitInfo(root: string): Promise<GitInfo> {
  const [revision, remote] = await Promise.all([git(root, ['rev-parse', 'HEAD']), git(root, ['config', '--get', 'remote.origin.url'])]);
  return { ...(revision ? { revision } : {}), ...(remote ? { source: publicUrl(remote) } : {}) };
}
