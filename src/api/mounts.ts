/** Helpers for `RUN --mount=…` and for the sources COPY/mounts can read from. */
import type { MountInput } from '../model/mount.js';

type MountOf<T extends MountInput['type']> = Extract<MountInput, { type: T }>;
type Opts<T extends MountInput['type'], Omitted extends string> = Omit<MountOf<T>, 'type' | Omitted>;

export const cacheMount = (target: string, opts: Opts<'cache', 'target'> = {}): MountOf<'cache'> => ({ type: 'cache', target, ...opts });
export const bindMount = (target: string, opts: Opts<'bind', 'target'> = {}): MountOf<'bind'> => ({ type: 'bind', target, ...opts });
/** Mount a build secret by id; its value is given at build time (`--secret`), never in the definition. */
export const secretMount = (id: string, opts: Opts<'secret', 'id'> = {}): MountOf<'secret'> => ({ type: 'secret', id, ...opts });
export const sshMount = (opts: Opts<'ssh', never> = {}): MountOf<'ssh'> => ({ type: 'ssh', ...opts });
export const tmpfsMount = (target: string, opts: Opts<'tmpfs', 'target'> = {}): MountOf<'tmpfs'> => ({ type: 'tmpfs', target, ...opts });

/** A named build context (`--build-context NAME=…`, declared in `image({ buildContexts })`). */
export const namedContext = (name: string): { readonly context: string } => Object.freeze({ context: name });
/** An image dockwright does not build (`COPY --from=busybox:stable`). */
export const externalImage = (ref: string): { readonly image: string } => Object.freeze({ image: ref });
