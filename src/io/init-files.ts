/** The filesystem side of `dockwright init`: what is there, then writing the plan (src/init/init-plan.ts). */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const LOCK_FILES = ['pnpm-lock.yaml', 'yarn.lock', 'package-lock.json'] as const;

/** The contents of `files` under `root` (absent when a file does not exist). */
export async function readFiles(root: string, files: readonly string[]): Promise<Record<string, string | undefined>> {
  const entries = await Promise.all(
    files.map(async (f): Promise<[string, string | undefined]> => {
      try {
        return [f, await readFile(path.join(root, f), 'utf8')];
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [f, undefined];
        throw err;
      }
    }),
  );
  return Object.fromEntries(entries);
}

/** The lock files in `root`. */
export const lockFilesIn = (root: string): string[] => LOCK_FILES.filter((f) => existsSync(path.join(root, f)));

/** Writes each file (making its folder). */
export async function writeFiles(root: string, writes: readonly { path: string; content: string }[]): Promise<void> {
  for (const w of writes) {
    const file = path.join(root, w.path);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, w.content, 'utf8');
  }
}
