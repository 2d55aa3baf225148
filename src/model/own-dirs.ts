/** dockwright's own folders: what is never build context. Kept apart from the settings schema (no zod on the fast path). */
import type { Settings } from './settings.js';

/**
 * dockwright's state folder at the project root: the snapshots of `build` and `gen`
 * (src/io/snapshot-key.ts), and the cache by default. `dockwright init` puts it in .gitignore and
 * .dockerignore.
 */
export const STATE_DIR = '.dockwright';

/**
 * dockwright's own folders (relative to the project root, or absolute): its state folder (snapshots,
 * and the cache by default), its cache and its build logs, wherever they are configured. Nothing in
 * them is build context when a context folder is walked: a context that contains one gets it
 * excluded in its generated ignore file (src/compile/context-ignore.ts). A path named explicitly
 * (a context, a copy-list `src`) is used as given.
 */
export const ownDirs = (settings: Pick<Settings, 'cacheDir' | 'logsDir'>): string[] => [STATE_DIR, settings.cacheDir, settings.logsDir];
