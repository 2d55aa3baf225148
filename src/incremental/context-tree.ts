/**
 * A build context as docker will see it, hashed: every file, folder and symlink (path, permission
 * bits, content hash or link target), after the ignore rules, sorted by path. The context may be
 * assembled from several places (the image's folder, then copy-list entries laid over it), so it
 * is described as layers: a source path (file or folder) placed at a destination inside the
 * context, later layers replacing what earlier ones put at the same path.
 */
import { join, posix } from 'node:path';
import type { DigestFs, FileStat } from '../io/digest-fs.js';
import type { HashCache } from '../io/hash-cache.js';
import { NO_IGNORE, type IgnoreMatcher } from './dockerignore.js';

export interface Layer {
  /** Absolute source path: a folder (its content goes under `dest`) or a file. */
  readonly src: string;
  /** Where it goes inside the context, `/` separators; `''` is the root. */
  readonly dest: string;
}

/** A context entry that is known without reading a file (a fetched file: its declared sha256). */
export interface FixedEntry {
  readonly dest: string;
  readonly value: string;
}

export interface TreeOptions {
  readonly fs: DigestFs;
  readonly cache: HashCache;
  readonly ignore?: IgnoreMatcher;
  /** Absolute paths never looked at while walking a folder (dockwright's own folders); a layer's own `src` is taken as given. */
  readonly skip?: (abs: string) => boolean;
  readonly fixed?: readonly FixedEntry[];
}

type Node = { readonly kind: 'file'; readonly abs: string; readonly st: FileStat } | { readonly kind: 'text'; readonly value: string };

const octal = (mode: number): string => mode.toString(8).padStart(4, '0');

/**
 * `{ path: "<mode> <sha256>" }` for files, `"<mode> dir"` for folders, `"<mode> -> <target>"` for
 * symlinks, sorted by path. A source that does not exist is recorded as `"missing"` at its
 * destination, so that it counts as a change and the build reports the real error.
 */
export async function hashTree(layers: readonly Layer[], options: TreeOptions): Promise<Record<string, string>> {
  const { fs } = options;
  const ignore = options.ignore ?? NO_IGNORE;
  const skip = options.skip ?? (() => false);
  const nodes = new Map<string, Node>();

  /** Adds what docker sends of `abs` (at `rel`); true when that is anything. */
  const visit = (abs: string, rel: string, named = false): boolean => {
    if (!named && skip(abs)) return false;
    const st = fs.stat(abs);
    if (!st) return false;
    const ignored = rel !== '' && ignore.ignores(rel);
    if (st.kind === 'dir') {
      // an excluded folder is walked only when a `!` pattern might re-include something below it
      if (ignored && !ignore.hasExceptions) return false;
      let sent = !ignored;
      for (const name of fs.list(abs)) if (visit(join(abs, name), rel === '' ? name : `${rel}/${name}`)) sent = true;
      // an excluded folder comes along when something below it is re-included
      if (rel !== '' && sent) nodes.set(rel, { kind: 'text', value: `${octal(st.mode)} dir` });
      return sent;
    }
    if (ignored || rel === '') return false;
    if (st.kind === 'file') nodes.set(rel, { kind: 'file', abs, st });
    else if (st.kind === 'symlink') nodes.set(rel, { kind: 'text', value: `${octal(st.mode)} -> ${fs.readlink(abs)}` });
    else return false;
    return true;
  };

  for (const layer of layers) {
    const dest = layer.dest === '' ? '' : posix.normalize(layer.dest).replace(/^\.\/?|\/+$/g, '');
    if (!fs.stat(layer.src)) {
      nodes.set(dest === '' ? '.' : dest, { kind: 'text', value: 'missing' });
      continue;
    }
    // a layer replaces what is at its destination (cp --force of a file, or a folder merged in)
    options.cache.walked(layer.src);
    void visit(layer.src, dest, true);
  }
  for (const f of options.fixed ?? []) {
    const dest = posix.normalize(f.dest).replace(/^\.\//, '');
    if (!ignore.ignores(dest)) nodes.set(dest, { kind: 'text', value: f.value });
  }

  const paths = [...nodes.keys()].sort();
  const values = await Promise.all(
    paths.map(async (p) => {
      const node = nodes.get(p) as Node;
      return node.kind === 'text' ? node.value : `${octal(node.st.mode)} ${await options.cache.hash(node.abs, node.st)}`;
    }),
  );
  return Object.fromEntries(paths.map((p, i) => [p, values[i] as string]));
}
