import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashTree } from '../../../src/incremental/context-tree.js';
import { nodeDigestFs, sha256, type DigestFs } from '../../../src/io/digest-fs.js';
import { HASHES_FILE, openHashCache } from '../../../src/io/hash-cache.js';
import { cleanupProjects, tempProject } from '../cli/support/temp-project.js';

afterEach(cleanupProjects);

/** The real file system, counting whole-file reads. */
const countingFs = (): DigestFs & { reads: string[] } => {
  const reads: string[] = [];
  return { ...nodeDigestFs, reads, hashFile: (p, size) => (reads.push(p), nodeDigestFs.hashFile(p, size)) };
};

const OLD = new Date(Date.now() - 60_000);
/** Hashing "later": files written by the test are past the racy window (ctime cannot be set back). */
const later = { now: () => Date.now() + 10_000 };

async function project(): Promise<string> {
  const root = await tempProject({ 'ctx/a.txt': 'a', 'ctx/sub/b.txt': 'b', 'ctx/c.txt': 'c' });
  for (const f of ['ctx/a.txt', 'ctx/sub/b.txt', 'ctx/c.txt']) await utimes(path.join(root, f), OLD, OLD);
  return root;
}

describe('per-file hash cache', () => {
  it('a second run reads no file; the cache survives in hashes.json', async () => {
    const root = await project();
    const file = path.join(root, '.dockwright/cache', HASHES_FILE);
    const fs1 = countingFs();
    const first = await openHashCache(file, { fs: fs1, ...later });
    const tree1 = await hashTree([{ src: path.join(root, 'ctx'), dest: '' }], { fs: fs1, cache: first });
    await first.save();
    expect(fs1.reads).toHaveLength(3);
    expect(tree1['a.txt']).toBe(`0644 ${sha256('a')}`);

    const fs2 = countingFs();
    const second = await openHashCache(file, { fs: fs2, ...later });
    const tree2 = await hashTree([{ src: path.join(root, 'ctx'), dest: '' }], { fs: fs2, cache: second });
    expect(fs2.reads).toEqual([]);
    expect(second.stats).toEqual({ hits: 3, misses: 0 });
    expect(tree2).toEqual(tree1);
  });

  it('a changed mtime, size or inode reads the file again', async () => {
    const root = await project();
    const file = path.join(root, 'hashes.json');
    const first = await openHashCache(file, later);
    await hashTree([{ src: path.join(root, 'ctx'), dest: '' }], { fs: nodeDigestFs, cache: first });
    await first.save();
    const newer = new Date(Date.now() - 30_000);
    await utimes(path.join(root, 'ctx/a.txt'), newer, newer);
    // same size and mtime, new inode
    await rm(path.join(root, 'ctx/c.txt'));
    await writeFile(path.join(root, 'ctx/c.txt'), 'C');
    await utimes(path.join(root, 'ctx/c.txt'), OLD, OLD);
    const fs2 = countingFs();
    const second = await openHashCache(file, { fs: fs2, ...later });
    const tree = await hashTree([{ src: path.join(root, 'ctx'), dest: '' }], { fs: fs2, cache: second });
    expect(fs2.reads.map((p) => path.relative(root, p)).sort()).toEqual(['ctx/a.txt', 'ctx/c.txt']);
    expect(tree['c.txt']).toBe(`0644 ${sha256('C')}`);
  });

  it('does not remember a file modified just before it was hashed (racy timestamps)', async () => {
    const root = await tempProject({ 'ctx/new.txt': 'fresh' });
    const file = path.join(root, 'hashes.json');
    const cache = await openHashCache(file);
    await hashTree([{ src: path.join(root, 'ctx'), dest: '' }], { fs: nodeDigestFs, cache });
    await cache.save();
    const fs2 = countingFs();
    await hashTree([{ src: path.join(root, 'ctx'), dest: '' }], { fs: fs2, cache: await openHashCache(file, { fs: fs2 }) });
    expect(fs2.reads).toHaveLength(1);
  });

  it('drops entries of files gone from a folder it walked', async () => {
    const root = await project();
    const file = path.join(root, 'hashes.json');
    const first = await openHashCache(file, later);
    await hashTree([{ src: path.join(root, 'ctx'), dest: '' }], { fs: nodeDigestFs, cache: first });
    await first.save();
    await rm(path.join(root, 'ctx/sub'), { recursive: true });
    const second = await openHashCache(file, later);
    await hashTree([{ src: path.join(root, 'ctx'), dest: '' }], { fs: nodeDigestFs, cache: second });
    await second.save();
    const kept = Object.keys((JSON.parse(await readFile(file, 'utf8')) as { files: object }).files).map((p) => path.relative(root, p));
    expect(kept.sort()).toEqual(['ctx/a.txt', 'ctx/c.txt']);
  });

  it('starts over from a corrupt cache file', async () => {
    const root = await project();
    const file = path.join(root, 'hashes.json');
    await writeFile(file, '{not json');
    const cache = await openHashCache(file);
    const tree = await hashTree([{ src: path.join(root, 'ctx'), dest: '' }], { fs: nodeDigestFs, cache });
    expect(Object.keys(tree)).toEqual(['a.txt', 'c.txt', 'sub', 'sub/b.txt']);
  });
});
