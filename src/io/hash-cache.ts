/**
 * Per-file content hashes, kept between runs in `<cacheDir>/hashes.json`, keyed by absolute path
 * and trusted while the file's size, mtime (ns) and inode are unchanged: an unchanged context costs
 * a stat per file, not a read. The status-change time (ctime) is checked too: a rewrite that
 * keeps size and mtime (a tool restoring timestamps, an inode reused at once) still changes it.
 *
 * A file modified less than {@link RACY_MS} before it was hashed is hashed but not remembered: a
 * second write within the file system's timestamp granularity could leave size and mtime as they
 * were (git's "racy clean" problem). Entries under a folder walked in this session that were not
 * seen again (deleted or now ignored files) are dropped when the cache is saved.
 */
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import pLimit from 'p-limit';
import { nodeDigestFs, type DigestFs, type FileStat } from './digest-fs.js';

export const HASHES_FILE = 'hashes.json';
export const RACY_MS = 2_000;

type Entry = readonly [size: number, mtimeNs: string, ctimeNs: string, ino: string, sha256: string];

interface CacheFile {
  readonly version: 2;
  readonly files: Record<string, Entry>;
}

export interface HashCacheStats {
  hits: number;
  misses: number;
}

export interface HashCache {
  /** sha256 of the file at `abs`, whose stat the caller has just taken. */
  hash(abs: string, st: FileStat): Promise<string>;
  /** Marks a folder as walked completely in this session (see the file comment). */
  walked(dir: string): void;
  /** Writes the cache file (atomically) when anything changed; a no-op for an in-memory cache. */
  save(): Promise<void>;
  readonly stats: Readonly<HashCacheStats>;
}

export interface HashCacheOptions {
  readonly fs?: DigestFs;
  readonly now?: () => number;
  /** Files read at once (default 8). */
  readonly concurrency?: number;
  /** Called when a file must be read (it is new or changed since it was hashed). */
  readonly onMiss?: (abs: string) => void;
}

async function readCacheFile(file: string): Promise<Record<string, Entry>> {
  try {
    // read at once: nothing can be hashed before it is in
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    return parsed.version === 2 && parsed.files && typeof parsed.files === 'object' ? { ...parsed.files } : {};
  } catch {
    // missing or unreadable: start over (it is only a cache)
    return {};
  }
}

/** A cache persisted in `file`, or only in memory when `file` is undefined. */
export async function openHashCache(file: string | undefined, options: HashCacheOptions = {}): Promise<HashCache> {
  const fs = options.fs ?? nodeDigestFs;
  const now = options.now ?? Date.now;
  const entries: Record<string, Entry> = file ? await readCacheFile(file) : {};
  const seen = new Set<string>();
  const walkedDirs = new Set<string>();
  const pending = new Map<string, Promise<string>>();
  const stats: HashCacheStats = { hits: 0, misses: 0 };
  const limit = pLimit(options.concurrency ?? 8);
  let dirty = false;

  const hash = (abs: string, st: FileStat): Promise<string> => {
    seen.add(abs);
    const known = entries[abs];
    if (known && known[0] === st.size && known[1] === st.mtimeNs && known[2] === st.ctimeNs && known[3] === st.ino) {
      stats.hits++;
      return Promise.resolve(known[4]);
    }
    const running = pending.get(abs);
    if (running) return running;
    stats.misses++;
    options.onMiss?.(abs);
    const work = limit(() => fs.hashFile(abs, st.size)).then((sha) => {
      const changedMs = Number((BigInt(st.mtimeNs) > BigInt(st.ctimeNs) ? BigInt(st.mtimeNs) : BigInt(st.ctimeNs)) / 1_000_000n);
      const ageMs = now() - changedMs;
      if (ageMs >= RACY_MS) {
        entries[abs] = [st.size, st.mtimeNs, st.ctimeNs, st.ino, sha];
        dirty = true;
      } else if (entries[abs]) {
        delete entries[abs];
        dirty = true;
      }
      return sha;
    });
    pending.set(abs, work);
    return work.finally(() => pending.delete(abs));
  };

  const save = async (): Promise<void> => {
    for (const path of Object.keys(entries)) {
      if (seen.has(path)) continue;
      for (const dir of walkedDirs) {
        if (path.startsWith(`${dir}/`)) {
          delete entries[path];
          dirty = true;
          break;
        }
      }
    }
    if (!file || !dirty) return;
    await mkdir(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temp, JSON.stringify({ version: 2, files: entries } satisfies CacheFile));
    await rename(temp, file);
    dirty = false;
  };

  return { hash, walked: (dir) => void walkedDirs.add(dir), save, stats };
}
