/**
 * The file-system calls input digests make, behind one small seam: unit tests count the reads
 * (a cache hit must not read the file). Walking and stat-ing are synchronous (a stat is a few
 * microseconds; 10,000 of them cost less than an event-loop round trip each would); reading and
 * hashing a file's content is asynchronous, and a large file is streamed, so a cold 1 GB context
 * does not block the progress view of builds running meanwhile. A file up to {@link WHOLE_READ}
 * is read in one call: a stream per file costs ~0.4 ms of CPU and a buffer of its
 * `highWaterMark`, about 5× reading a small file whole (most context files are small).
 */
import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, readFile, readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** What a digest needs to know of a path without reading it. */
export interface FileStat {
  readonly kind: 'file' | 'dir' | 'symlink' | 'other';
  /** Permission bits (`mode & 0o7777`). */
  readonly mode: number;
  readonly size: number;
  /** Modification time in nanoseconds, as text (beyond a double's precision). */
  readonly mtimeNs: string;
  /** Status-change time (ns): no tool sets it back, so a rewrite that restores size and mtime still shows. */
  readonly ctimeNs: string;
  readonly ino: string;
}

export interface DigestFs {
  /** `undefined` when the path does not exist. Does not follow a symlink. */
  stat(path: string): FileStat | undefined;
  /** Names of a folder's entries (unsorted); `[]` when it cannot be read. */
  list(path: string): string[];
  readlink(path: string): string;
  /** Small text files (ignore files, Dockerfiles); `undefined` when absent. */
  readText(path: string): string | undefined;
  /**
   * sha256 (hex) of a file's content: the one call that reads a whole file. `size`: what the
   * caller's stat saw, which decides how it is read (the hash is of whatever the file holds).
   */
  hashFile(path: string, size?: number): Promise<string>;
}

const kindOf = (s: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): FileStat['kind'] =>
  s.isFile() ? 'file' : s.isDirectory() ? 'dir' : s.isSymbolicLink() ? 'symlink' : 'other';

/** Files up to this size are read whole; larger ones (or of unknown size) are streamed. */
export const WHOLE_READ = 1 << 20;

const missing = (err: unknown): boolean => ['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '');

export const nodeDigestFs: DigestFs = {
  stat(path) {
    const s = lstatSync(path, { bigint: true, throwIfNoEntry: false });
    if (!s) return undefined;
    return {
      kind: kindOf(s),
      mode: Number(s.mode & 0o7777n),
      size: Number(s.size),
      mtimeNs: s.mtimeNs.toString(),
      ctimeNs: s.ctimeNs.toString(),
      ino: s.ino.toString(),
    };
  },
  list(path) {
    try {
      return readdirSync(path);
    } catch (err) {
      if (missing(err) || (err as NodeJS.ErrnoException).code === 'EACCES') return [];
      throw err;
    }
  },
  readlink: (path) => readlinkSync(path),
  readText(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      if (missing(err) || (err as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
      throw err;
    }
  },
  hashFile: (path, size) =>
    new Promise((resolve, reject) => {
      if (size !== undefined && size <= WHOLE_READ)
        return readFile(path, (err, bytes) => (err ? reject(err) : resolve(createHash('sha256').update(bytes).digest('hex'))));
      const hash = createHash('sha256');
      createReadStream(path, { highWaterMark: 1 << 20 })
        .on('data', (chunk) => hash.update(chunk))
        .on('error', reject)
        .on('end', () => resolve(hash.digest('hex')));
    }),
};

/** sha256 (hex) of a text. */
export const sha256 = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');
