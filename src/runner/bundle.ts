/**
 * Bundles for air-gapped sites. `saveBundle` streams one `docker save` of every reference through
 * gzip into the bundle (a temporary file renamed into place, so a bundle is either whole or
 * absent) and writes a manifest beside it, `<bundle>.manifest.json`: the tar stays exactly what
 * `docker load` reads. `loadBundle` streams the bundle (gzip'd or plain tar) into `docker load`
 * and returns the references docker reports it loaded.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { dockerRun, type Engine } from '../engine/engine.js';
import { lastLine } from './registry-ref.js';
import { BundleError } from './ship-error.js';

export interface BundleEntry {
  /** A full reference (`127.0.0.1:5000/ns/app:1`, `mysql:8.0.28`). */
  readonly ref: string;
  /** The dockwright image it is a tag of; absent for included third-party images. */
  readonly image?: string;
}

export interface BundleManifest {
  readonly format: 'dockwright-bundle/1';
  /** The bundle's file name (the manifest sits beside it). */
  readonly bundle: string;
  readonly created: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly images: readonly { readonly ref: string; readonly image?: string; readonly id: string }[];
}

export const manifestPath = (bundle: string): string => `${bundle}.manifest.json`;

const docker = dockerRun;

const tempBeside = (file: string): string =>
  join(dirname(file), `.${basename(file)}.${process.pid}-${Math.random().toString(36).slice(2, 8)}.part`);

async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = tempBeside(file);
  await writeFile(temp, content);
  await rename(temp, file);
}

/** Image ids of the references; throws naming every one that is not in the local store. */
async function localIds(t: Engine, entries: readonly BundleEntry[]): Promise<string[]> {
  const ids = await Promise.all(
    entries.map(async (e) => {
      const r = await docker(t, ['image', 'inspect', '--format', '{{.Id}}', e.ref]);
      return r.exitCode === 0 ? r.stdout.trim() : undefined;
    }),
  );
  const missing = entries.filter((_, i) => ids[i] === undefined);
  if (missing.length > 0) {
    const lines = missing.map(
      (m) => `  ${m.ref}${m.image ? ` (build it: dockwright build ${m.image})` : ' (pull it first: docker pull ' + m.ref + ')'}`,
    );
    throw new BundleError(`these images are not in the local image store, so they cannot be bundled:\n${lines.join('\n')}`);
  }
  return ids as string[];
}

export async function saveBundle(
  entries: readonly BundleEntry[],
  output: string,
  t: Engine & { signal?: AbortSignal },
): Promise<BundleManifest> {
  if (entries.length === 0) throw new BundleError('nothing to bundle: no image selected');
  const ids = await localIds(t, entries);
  await mkdir(dirname(output), { recursive: true });
  const temp = tempBeside(output);
  const gzip = createGzip();
  const hash = createHash('sha256');
  let bytes = 0;
  const counting = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const writing = pipeline(gzip, counting, createWriteStream(temp));
  try {
    const r = await docker(t, ['save', ...entries.map((e) => e.ref)], { stdoutTo: gzip, ...(t.signal ? { signal: t.signal } : {}) });
    if (r.exitCode !== 0) throw new BundleError(`docker save failed (exit ${r.exitCode}): ${lastLine(r.stderr) || 'no output'}`);
    await writing;
    await rename(temp, output);
  } catch (err) {
    gzip.destroy();
    await writing.catch(() => undefined);
    await rm(temp, { force: true });
    if (err instanceof BundleError) throw err;
    throw new BundleError(`could not write ${output}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const manifest: BundleManifest = {
    format: 'dockwright-bundle/1',
    bundle: basename(output),
    created: new Date().toISOString(),
    bytes,
    sha256: hash.digest('hex'),
    images: entries.map((e, i) => ({ ref: e.ref, ...(e.image ? { image: e.image } : {}), id: ids[i] as string })),
  };
  await writeAtomically(manifestPath(output), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** gzip's magic bytes: a bundle from `save`; anything else is passed to docker as it is (a plain tar). */
async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

export interface LoadResult {
  /** `Loaded image: REF` lines (and `Loaded image ID: sha256:…` for untagged images). */
  readonly loaded: readonly string[];
}

export async function loadBundle(file: string, t: Engine & { signal?: AbortSignal }): Promise<LoadResult> {
  if (
    !(await stat(file).then(
      (s) => s.isFile(),
      () => false,
    ))
  )
    throw new BundleError(`${file} does not exist`);
  const input = new PassThrough();
  const reading = (await isGzip(file)) ? pipeline(createReadStream(file), createGunzip(), input) : pipeline(createReadStream(file), input);
  const failedReading = reading.then(
    () => undefined,
    (err: unknown) => err,
  );
  const r = await docker(t, ['load'], { stdinFrom: input, ...(t.signal ? { signal: t.signal } : {}) });
  if (r.exitCode !== 0) input.destroy();
  const readError = await failedReading;
  const readFailure = readError instanceof Error ? readError.message : readError === undefined ? '' : String(readError);
  if (r.exitCode !== 0) {
    const why = lastLine(r.stderr) || lastLine(r.stdout) || 'no output';
    throw new BundleError(
      `docker load ${file} failed (exit ${r.exitCode}): ${why}${readFailure ? ` (reading the bundle: ${readFailure})` : ''}`,
    );
  }
  if (readFailure) throw new BundleError(`${file} is not a readable bundle: ${readFailure}`);
  const loaded = r.stdout.split('\n').flatMap((l) => {
    const m = /^Loaded image(?: ID)?: (.+)$/.exec(l.trim());
    return m?.[1] ? [m[1]] : [];
  });
  return { loaded };
}
