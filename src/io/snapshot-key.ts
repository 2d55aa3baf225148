/**
 * Where the fast paths (`build`: runner/fast-build.ts, `gen`: gen-snapshot.ts) keep the snapshot of a command line. Small on
 * purpose: the CLI asks it whether a snapshot exists before it loads the fast path at all, so a
 * build without one pays nothing for it.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from './digest-fs.js';
import { STATE_DIR } from '../model/own-dirs.js';
import { CONFIG_FILES, findProjectRoot } from './project-root.js';

export { CONFIG_FILES };

/** 5: the plan holds typed image builds (no argv). 6: each build has its output (load, push) and registry cache. */
export const SNAPSHOT_VERSION = 6;
/** Variables a shell changes between two identical commands; nothing reads them. */
const SHELL_NOISE = new Set(['_', 'OLDPWD']);
/** This package's code (src/, dist/ — also for the bundle in dist/bundle/) and its root. */
export const codeDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const packageRoot = dirname(codeDir);
/**
 * The code that runs: the CLI bundle's folder when this module is in it (every file of the bundle
 * sits directly in dist/bundle/, scripts/bundle.mjs; what tsc compiles beside it never runs), else
 * the whole code tree (src/ under a TypeScript runner, dist/ as tsc compiled it).
 */
export const runningCodeDir = basename(dirname(fileURLToPath(import.meta.url))) === 'bundle' ? join(codeDir, 'bundle') : codeDir;

/** What the key depends on besides the command line: where it runs and its environment. */
export interface RunPlace {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** `-C dir` / `--cwd dir` of the command line, resolved. */
function startDir(argv: readonly string[], cwd: string): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') break;
    if ((a === '-C' || a === '--cwd') && argv[i + 1] !== undefined) return resolve(cwd, argv[i + 1] as string);
    if (a.startsWith('--cwd=')) return resolve(cwd, a.slice('--cwd='.length));
    if (a.startsWith('-C') && a.length > 2) return resolve(cwd, a.slice(2));
  }
  return resolve(cwd);
}

/** The project root as every command finds it (project-root.ts); the folder itself when it is no project (no snapshot then). */
const projectRoot = (dir: string): string => findProjectRoot(dir, true).root;

export function snapshotKey(argv: readonly string[], ctx: RunPlace): string {
  const env = Object.entries(ctx.env)
    .filter(([k, v]) => v !== undefined && !SHELL_NOISE.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256(JSON.stringify({ v: SNAPSHOT_VERSION, argv, cwd: resolve(ctx.cwd), env, code: codeDir }));
}

/** Which command's fast path a snapshot serves. */
export type SnapshotKind = 'fast-build' | 'fast-gen';

/** Where a snapshot is kept: under dockwright's state folder, which is never an input of an image (own-dirs.ts). */
export const snapshotLocation = (root: string, key: string, kind: SnapshotKind = 'fast-build'): string =>
  join(root, STATE_DIR, kind, `${key.slice(0, 24)}.json`);

/** The project root of the command line, its snapshot key and the snapshot's file (which may not exist). */
export function snapshotPath(
  argv: readonly string[],
  ctx: RunPlace,
  kind: SnapshotKind = 'fast-build',
): { root: string; key: string; file: string } {
  const root = projectRoot(startDir(argv, ctx.cwd));
  const key = snapshotKey(argv, ctx);
  return { root, key, file: snapshotLocation(root, key, kind) };
}
