/**
 * Finding the project (../project-root.ts) and reading its settings. The config file is
 * loaded like the definitions (../import-module.ts), `.env` is parsed with dotenv (process.env is never changed), then the layers
 * are merged by `mergeSettings`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { ConfigError } from '../../errors/definition-error.js';
import type { Settings } from '../../model/settings.js';
import { importModules, type ImportOptions } from '../import-module.js';
import { describeLoadFailure } from '../load-failure.js';
import { findProjectRoot } from '../project-root.js';
import { mergeSettings } from './merge-settings.js';
import type { SettingFlags } from './setting-overrides.js';

export { CONFIG_FILES, findProjectRoot } from '../project-root.js';

export interface SettingsRequest {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly flags?: SettingFlags;
  /** A folder that is no project yet is the root (`import`, which starts one); else that is an error. */
  readonly orHere?: boolean;
  /** How the config file is imported (the tests count the transforms). */
  readonly importOptions?: ImportOptions;
}

export interface ResolvedSettings {
  /** Absolute path of the project root; relative settings paths are relative to it. */
  readonly root: string;
  readonly settings: Settings;
  /** Absolute path of the config file, when there is one. */
  readonly configFile?: string | undefined;
  /**
   * `settings` with the parts of an image reference (registry, namespace, tag, baseTag, gitRef) as
   * the config file alone sets them: what the `*_IMAGE` defaults of generated Dockerfiles are
   * rendered with, so that `.env`, the environment and flags (as CI sets them) never change
   * `generated/`. Builds pass the current reference anyway.
   */
  readonly refDefaults: Settings;
}

/** The settings that make up an image reference. */
const REF_KEYS = ['registry', 'namespace', 'tag', 'baseTag', 'gitRef'] as const;

/** `settings` with the reference settings of `committed` (a key `committed` lacks is dropped). */
function withRefsOf(settings: Settings, committed: Settings): Settings {
  const out: Record<string, unknown> = { ...settings };
  for (const key of REF_KEYS) {
    if (committed[key] === undefined) delete out[key];
    else out[key] = committed[key];
  }
  return out as Settings;
}

async function loadConfig(root: string, configFile: string, opts: ImportOptions): Promise<unknown> {
  const file = path.relative(root, configFile);
  try {
    const [loaded] = await importModules(root, [configFile], opts);
    if (!loaded || 'error' in loaded) throw loaded?.error;
    const mod = loaded.module;
    if (!('default' in mod)) throw new ConfigError(`${file} has no default export (expected \`export default defineConfig({ … })\`)`);
    return mod.default;
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${file}: could not load the config: ${describeLoadFailure(err, root, configFile)}`, { cause: err });
  }
}

async function readDotenv(root: string): Promise<Record<string, string>> {
  try {
    return parseDotenv(await readFile(path.join(root, '.env')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`.env: could not read it: ${(err as Error).message}`, { cause: err });
  }
}

/** Settings for a command run in `cwd`: flag > environment > `.env` > config file > default. */
export async function resolveSettings(req: SettingsRequest): Promise<ResolvedSettings> {
  const { root, configFile } = findProjectRoot(req.cwd, req.orHere);
  const config = configFile
    ? { file: path.relative(root, configFile), value: await loadConfig(root, configFile, req.importOptions ?? {}) }
    : undefined;
  const settings = mergeSettings({ config, dotenv: await readDotenv(root), env: req.env, flags: req.flags ?? {} });
  return { root, settings, configFile, refDefaults: withRefsOf(settings, mergeSettings({ config })) };
}
