/**
 * Temporary projects for the push/save/load/test/inputs engine tests, and the CLI run in-process
 * on them (`main([...], ctx)` with a context whose cwd is the project and whose output is kept).
 */
import { mkdtemp, mkdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../../src/cli/main.js';

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ShipProject {
  readonly root: string;
  /** `dockwright …` in-process, in the project; `env` is added to the test process's environment. */
  cli(args: readonly string[], env?: Record<string, string>, signal?: AbortSignal): Promise<CliRun>;
  write(files: Record<string, string>): Promise<void>;
  remove(): Promise<void>;
}

/** A project with a `dockwright.config.ts` (settings as TS source) and the given files. */
export async function shipProject(config: string, files: Record<string, string>): Promise<ShipProject> {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'dockwright-ship-')));
  const write = async (more: Record<string, string>): Promise<void> => {
    for (const [rel, content] of Object.entries(more)) {
      await mkdir(dirname(join(root, rel)), { recursive: true });
      await writeFile(join(root, rel), content);
    }
  };
  await write({
    'dockwright.config.ts': `import { defineConfig } from 'dockwright';\nexport default defineConfig(${config});\n`,
    ...files,
  });
  return {
    root,
    write,
    async cli(args, env = {}, signal) {
      let stdout = '';
      let stderr = '';
      const exitCode = await main(args, {
        cwd: root,
        env: { ...process.env, ...env },
        stdout: { write: (t) => void (stdout += t) },
        stderr: { write: (t) => void (stderr += t) },
        ...(signal ? { signal } : {}),
      });
      return { exitCode, stdout, stderr };
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
