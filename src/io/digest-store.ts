/**
 * The inputs of each image's last build, kept in `<cacheDir>/digests/<image-dir>.json`, so that
 * `build --dry-run` (and the build log) can say which input changed since. Only a record: whether
 * an image is up to date is decided by the label on the image itself.
 */
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DIGEST_VERSION, type DigestInputs } from '../incremental/input-record.js';

export interface DigestRecord {
  readonly digest: string;
  readonly inputs: DigestInputs;
}

export const recordFile = (cacheDir: string, dir: string): string => join(cacheDir, 'digests', `${dir}.json`);

export async function readRecord(cacheDir: string, dir: string): Promise<DigestRecord | undefined> {
  try {
    // read at once (a small file; a run reads one per image): an asynchronous read is four trips to Node's thread pool
    const parsed = JSON.parse(readFileSync(recordFile(cacheDir, dir), 'utf8')) as Partial<DigestRecord>;
    if (typeof parsed.digest !== 'string' || parsed.inputs?.version !== DIGEST_VERSION) return undefined;
    return parsed as DigestRecord;
  } catch {
    return undefined;
  }
}

export async function writeRecord(cacheDir: string, dir: string, record: DigestRecord): Promise<void> {
  const file = recordFile(cacheDir, dir);
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, `${JSON.stringify(record)}\n`);
  await rename(temp, file);
}
