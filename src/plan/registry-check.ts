/**
 * A push needs a registry. Without one, `acme/app:1` is a Docker Hub name, and docker would send it
 * there: `push` (and `build --push`) refuse, and say how to set one. A reference that names its
 * registry itself (in the namespace: `127.0.0.1:5000/acme`) is fine.
 */
import { NoRegistryError } from '../errors/engine-error.js';
import type { Settings } from '../model/settings.js';

/** docker's rule: the first part of a reference names a registry when it has a `.` or a `:`, or is `localhost`. */
export function namesRegistry(ref: string): boolean {
  const slash = ref.indexOf('/');
  if (slash < 0) return false;
  const first = ref.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost';
}

/** Throws {@link NoRegistryError} when no registry is set and a pushable reference names none. */
export function requireRegistry(
  items: readonly { readonly tags: readonly string[]; readonly push: boolean }[],
  settings: Pick<Settings, 'registry'>,
): void {
  if (settings.registry !== undefined) return;
  const bare = items.filter((i) => i.push).flatMap((i) => i.tags.filter((t) => !namesRegistry(t)));
  if (bare.length > 0) throw new NoRegistryError(bare);
}
