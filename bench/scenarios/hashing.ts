/**
 * Hashing a large build context: 10,000 files of random bytes, 1 GB in all, in a temp folder
 * (deleted afterwards). The first run reads everything; the second run, with the per-file hash
 * cache from the first, should cost a stat per file. Measured in-process on the digest code.
 */
import { randomFillSync } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { hashTree } from '../../src/incremental/context-tree.js';
import { nodeDigestFs } from '../../src/io/digest-fs.js';
import { dockerignoreMatcher } from '../../src/incremental/dockerignore.js';
import { RACY_MS, openHashCache } from '../../src/io/hash-cache.js';
import { median } from '../support/exec.js';
import type { Figure } from '../support/report.js';

const FILES = 10_000;
const DIRS = 100;
/** Bytes per file: 10,000 files = 1 GB. */
const SIZE = 100_000;

async function hashOnce(context: string, cacheFile: string): Promise<{ seconds: number; misses: number }> {
  const start = performance.now();
  const cache = await openHashCache(cacheFile);
  const files = await hashTree([{ src: context, dest: '' }], { fs: nodeDigestFs, cache, ignore: dockerignoreMatcher(['**/*.tmp']) });
  await cache.save();
  if (Object.keys(files).length !== FILES + DIRS) throw new Error(`hashed ${Object.keys(files).length} entries, expected ${FILES + DIRS}`);
  return { seconds: (performance.now() - start) / 1000, misses: cache.stats.misses };
}

export async function hashing(n: number): Promise<Figure> {
  const dir = await mkdtemp(join(tmpdir(), 'dockwright-bench-hash-'));
  try {
    const context = join(dir, 'context');
    const chunk = Buffer.alloc(SIZE);
    for (let d = 0; d < DIRS; d++) {
      await mkdir(join(context, `d${d}`), { recursive: true });
      for (let f = 0; f < FILES / DIRS; f++) await writeFile(join(context, `d${d}`, `f${f}.bin`), randomFillSync(chunk));
    }
    // files written just now are inside the racy window and not remembered; real contexts are older
    await sleep(RACY_MS + 500);
    const cacheFile = join(dir, 'hashes.json');
    const first = await hashOnce(context, cacheFile);
    const again: number[] = [];
    for (let r = 0; r < n; r++) {
      const run = await hashOnce(context, cacheFile);
      if (run.misses !== 0) throw new Error(`second run read ${run.misses} files`);
      again.push(run.seconds);
    }
    const gb = (FILES * SIZE) / 1e9;
    return {
      scenario: `hashing a ${gb.toFixed(2)} GB context of ${FILES} files (in-process; second run: median of ${n})`,
      seconds: { 'first run (reads all)': first.seconds, 'second run (hash cache)': median(again) },
      goalSeconds: { key: 'second run (hash cache)', max: 0.2 },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
