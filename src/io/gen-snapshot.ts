/**
 * The fast path of `gen`: a `gen` command line that succeeded leaves what it printed and the
 * fingerprints of every file its result came from (the definitions and their local imports, the
 * config, `.env`, the templates, dockwright's own code, the contexts' `.dockerignore`) and of every
 * file in the output folder as it left them. The same command line (same folder, same environment) replays the output when
 * none of those files changed, without loading the definitions: the generated files are then
 * exactly what a full run would write. Anything changed — a definition, a generated file edited
 * or removed by hand — and the full run decides.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Settings } from '../model/settings.js';
import { SNAPSHOT_VERSION, snapshotKey, snapshotLocation, snapshotPath, type RunPlace } from './snapshot-key.js';
import { filesUnder, fingerprints, sourceFiles, unchanged } from './watched-files.js';

interface GenSnapshot {
  readonly version: typeof SNAPSHOT_VERSION;
  readonly key: string;
  readonly watched: Readonly<Record<string, string>>;
  readonly stdout: string;
  readonly stderr: string;
}

/** What the command printed. */
export interface GenOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** Called by a `gen` that succeeded. */
export async function writeGenSnapshot(
  place: RunPlace & { readonly argv: readonly string[] },
  root: string,
  settings: Pick<Settings, 'definitionsDir' | 'templatesDir' | 'outputDir'>,
  output: GenOutput,
  /** More files the output came from: the contexts' `.dockerignore` (a generated ignore file copies it). */
  inputs: readonly string[] = [],
): Promise<void> {
  const key = snapshotKey(place.argv, place);
  const file = snapshotLocation(root, key, 'fast-gen');
  const generated: string[] = [];
  filesUnder(resolve(root, settings.outputDir), generated);
  const snapshot: GenSnapshot = {
    version: SNAPSHOT_VERSION,
    key,
    watched: fingerprints([...new Set([...sourceFiles(root, settings), ...generated, ...inputs])]),
    ...output,
  };
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(snapshot));
  await rename(temp, file);
}

/** What the same command printed last time, when nothing it depends on changed since; else undefined. */
export async function replayableGen(place: RunPlace & { readonly argv: readonly string[] }): Promise<GenOutput | undefined> {
  const { key, file } = snapshotPath(place.argv, place, 'fast-gen');
  let snapshot: GenSnapshot;
  try {
    snapshot = JSON.parse(await readFile(file, 'utf8')) as GenSnapshot;
  } catch {
    return undefined;
  }
  if (snapshot.version !== SNAPSHOT_VERSION || snapshot.key !== key || !unchanged(snapshot.watched)) return undefined;
  return { stdout: snapshot.stdout, stderr: snapshot.stderr };
}
