/**
 * The git facts OCI labels carry, read once per run: the commit (`revision`) and where the source
 * lives (`source`, the `origin` remote without any credentials). Either is undefined outside a git
 * work tree or without git. execa is imported when git first runs, not with the command: a build
 * reads git while it waits for its settings, and loading execa (~50 ms of CPU here) fills that wait.
 */

export interface GitInfo {
  readonly revision?: string;
  readonly source?: string;
}

const git = async (cwd: string, args: readonly string[]): Promise<string | undefined> => {
  const { execa } = await import('execa');
  const r = await execa('git', [...args], { cwd, reject: false, stdin: 'ignore', timeout: 10_000 });
  const out = typeof r.stdout === 'string' ? r.stdout.trim() : '';
  return r.exitCode === 0 && out !== '' ? out : undefined;
};

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
