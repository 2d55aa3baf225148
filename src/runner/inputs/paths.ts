/** Path rules shared by the input steps. */
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** `path` is `dir` itself or somewhere below it. */
export const isUnder = (dir: string, path: string): boolean => {
  const rel = relative(dir, path);
  return rel === '' || !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
};

/** `rel` resolved under `base`; undefined when it is absolute or climbs out of `base`. */
export function inside(base: string, rel: string): string | undefined {
  if (isAbsolute(rel)) return undefined;
  const full = resolve(base, rel);
  return isUnder(base, full) ? full : undefined;
}

/** `<prefix>-<random>`: a name no concurrent run picks too. */
export const uniqueName = (prefix: string): string => `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
