/**
 * The repository's own generated/ is what its definitions/ render to: `dockwright gen --check` at
 * the root, in-process, with the environment minus `DOCKWRIGHT_*` variables (as `npm run golden`
 * writes them), so a definition, template or renderer change that is not regenerated fails here.
 * A `.env` at the root is read by gen like any project's: keep DOCKWRIGHT_* settings out of it.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli/support/run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const withoutDockwrightVars = (env: NodeJS.ProcessEnv): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('DOCKWRIGHT_')));

describe('repository golden files', () => {
  it('generated/ matches definitions/ (regenerate with `npm run golden`)', async () => {
    const run = await runCli(['gen', '--check'], ROOT, withoutDockwrightVars(process.env));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^generated\/ is up to date \(\d+ files\)\n$/);
  }, 60_000);
});
