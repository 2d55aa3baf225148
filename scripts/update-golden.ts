/**
 * Regenerates every golden file in one command (`npm run golden`):
 * - `generated/`: `dockwright gen` for this repository's definitions, run in-process with the
 *   environment minus `DOCKWRIGHT_*` variables, so a shell's overrides (registry, tags…) never
 *   reach the committed files (test/unit/repository-golden.test.ts checks them the same way);
 * - `test/unit/compile/cases/<case>/expected.Dockerfile` (scripts/update-compile-golden.ts).
 * Review the diff before committing it.
 */
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';
import type { CliContext } from '../src/cli/context.js';
import { updateCompileGolden } from './update-compile-golden.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The environment without the variables that override settings. */
const withoutDockwrightVars = (env: NodeJS.ProcessEnv): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('DOCKWRIGHT_')));

const ctx: CliContext = {
  cwd: ROOT,
  env: withoutDockwrightVars(process.env),
  stdout: { write: (t) => void process.stdout.write(t) },
  stderr: { write: (t) => void process.stderr.write(t) },
};

const code = await main(['gen'], ctx);
if (code !== 0) {
  process.exitCode = code;
} else {
  await updateCompileGolden([], (line) => void process.stdout.write(`compile case ${line}\n`));
}
