/**
 * `inputs.fetch`: a file downloaded once into `<cacheDir>/downloads/<sha256>`, verified, reused by
 * every later run. The download goes to a temporary file beside the final one, is hashed while it
 * streams, and is renamed into place only when its digest is the expected one, so the cache never
 * holds a partial or wrong file. http(s) and file:// URLs.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { BuildInputs } from '../../model/build-inputs.js';
import { InputError } from './input-error.js';
import { inside, uniqueName } from './paths.js';

export type FetchEntry = BuildInputs['fetch'][number];

/** What the cache folder holds for a digest. */
export const downloadPath = (cacheDir: string, sha256: string): string => join(cacheDir, 'downloads', sha256);

const exists = (file: string): Promise<boolean> =>
  stat(file).then(
    (s) => s.isFile(),
    () => false,
  );

/** A URL shown in messages: without user info or query (they may hold a token). */
export const safeUrl = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid url)';
  }
};

async function openSource(url: URL, signal: AbortSignal | undefined): Promise<Readable> {
  if (url.protocol === 'file:') return createReadStream(fileURLToPath(url));
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`unsupported URL scheme ${url.protocol} (http, https and file are)`);
  // credentials in the URL (`https://user:token@host/…`) travel as a header, never in a message
  const headers: Record<string, string> = {};
  if (url.username || url.password) {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
    url = new URL(url.href);
    url.username = '';
    url.password = '';
  }
  const response = await fetch(url, { redirect: 'follow', headers, ...(signal ? { signal } : {}) });
  if (!response.ok || response.body === null) throw new Error(`the server answered ${response.status} ${response.statusText}`);
  return Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
}

/** Downloads into the cache unless it is there already; returns the cached file. */
export async function fetchToCache(
  imageId: string,
  entry: FetchEntry,
  cacheDir: string,
  signal?: AbortSignal,
): Promise<{ file: string; reused: boolean }> {
  const file = downloadPath(cacheDir, entry.sha256);
  if (await exists(file)) return { file, reused: true };
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${uniqueName(entry.sha256.slice(0, 12))}.part`);
  const hash = createHash('sha256');
  try {
    const source = await openSource(new URL(entry.url), signal);
    const hashing = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(source, hashing, createWriteStream(temp), ...(signal ? [{ signal }] : []));
  } catch (err) {
    await rm(temp, { force: true });
    const raw = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
    const why = raw.replaceAll(entry.url, safeUrl(entry.url)).replaceAll(new URL(entry.url).href, safeUrl(entry.url));
    throw new InputError(imageId, `could not download ${safeUrl(entry.url)}: ${why}`, { cause: err });
  }
  const actual = hash.digest('hex');
  if (actual !== entry.sha256) {
    await rm(temp, { force: true });
    throw new InputError(
      imageId,
      `checksum mismatch for ${safeUrl(entry.url)}: expected sha256 ${entry.sha256}, got ${actual}; the file was not kept ` +
        '(if the new file is the right one, put its sha256 in the definition)',
    );
  }
  await rename(temp, file);
  return { file, reused: false };
}

/** Puts the cached file at `dest` inside the context: a hard link when it can, else a copy. */
export async function placeFetched(imageId: string, cached: string, contextDir: string, dest: string): Promise<void> {
  const target = inside(contextDir, dest);
  if (target === undefined || target === contextDir)
    throw new InputError(imageId, `fetch dest "${dest}" must be a file path inside the build context`);
  await mkdir(dirname(target), { recursive: true });
  await rm(target, { force: true, recursive: true });
  await link(cached, target).catch(() => copyFile(cached, target));
}
