/** Hashing a file's content (src/io/digest-fs.ts): read whole when small, streamed when large, the same sha256 either way. */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeDigestFs, WHOLE_READ } from '../../../src/io/digest-fs.js';
import { cleanupProjects, tempProject } from '../cli/support/temp-project.js';

afterEach(cleanupProjects);

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('nodeDigestFs.hashFile', () => {
  it('hashes the whole content of a small file, a large one and one whose size is not given', async () => {
    const root = await tempProject({});
    const small = Buffer.from('#!/bin/sh\necho small\n');
    const large = Buffer.alloc(WHOLE_READ * 2 + 3, 'x');
    await writeFile(path.join(root, 'small'), small);
    await writeFile(path.join(root, 'large'), large);
    expect(await nodeDigestFs.hashFile(path.join(root, 'small'), small.length)).toBe(sha256(small));
    expect(await nodeDigestFs.hashFile(path.join(root, 'small'))).toBe(sha256(small));
    expect(await nodeDigestFs.hashFile(path.join(root, 'large'), large.length)).toBe(sha256(large));
  });

  it('hashes what the file holds when it grew after its stat', async () => {
    const root = await tempProject({});
    const grown = Buffer.alloc(WHOLE_READ + 10, 'y');
    await writeFile(path.join(root, 'grown'), grown);
    expect(await nodeDigestFs.hashFile(path.join(root, 'grown'), 5)).toBe(sha256(grown));
  });

  it('fails for a file that is gone', async () => {
    const root = await tempProject({});
    await expect(nodeDigestFs.hashFile(path.join(root, 'gone'), 3)).rejects.toThrow(/ENOENT/);
  });
});
