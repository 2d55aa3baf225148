/** The module tag a git ref stands for: what CI passes as `DOCKWRIGHT_GIT_REF`. */

const VERSION = /^v?(\d+(?:\.\d+){0,2}(?:[-+][0-9A-Za-z.+-]*)?)$/;

/** Makes any text a valid docker tag: allowed characters only, no leading `.`/`-`, at most 128. */
export const sanitizeTag = (text: string): string =>
  text
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '')
    .replace(/-+$/, '')
    .slice(0, 128);

/**
 * `main`/`master` → `latest`; a version tag (`v1.2.0`, `refs/tags/v1.2.0`) → `1.2.0-release`;
 * any other ref → its name made tag-safe (`refs/heads/feature/x` → `feature-x`).
 */
export function tagFromGitRef(ref: string): string {
  const isTag = ref.trim().startsWith('refs/tags/');
  const isBranch = /^refs\/(?:heads|remotes)\//.test(ref.trim());
  const name = ref.trim().replace(/^refs\/(?:heads|tags|remotes\/[^/]+)\//, '');
  if (name === 'main' || name === 'master') return 'latest';
  const version = VERSION.exec(name);
  if (version?.[1] && (isTag || (!isBranch && name.startsWith('v')))) return sanitizeTag(`${version[1]}-release`);
  return sanitizeTag(name) || 'latest';
}
