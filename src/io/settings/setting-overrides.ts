/**
 * The settings that can be given outside `dockwright.config.ts`: one row per setting, naming its
 * environment variable (also read from `.env`), its CLI flag and how a text value is parsed.
 */
import { DOCKER_TAG } from '../../plan/tags.js';

export type Parsed = { readonly ok: true; readonly value: string | number | boolean } | { readonly ok: false; readonly expected: string };

const text = (raw: string): Parsed => (/[\r\n]/.test(raw) ? { ok: false, expected: 'a single line' } : { ok: true, value: raw });

const tag = (raw: string): Parsed =>
  DOCKER_TAG.test(raw)
    ? { ok: true, value: raw }
    : { ok: false, expected: 'a docker tag (letters, digits, "_", "." and "-", not starting with "." or "-", at most 128)' };

const positiveInteger = (raw: string): Parsed =>
  /^\s*[1-9]\d*\s*$/.test(raw) && Number.isSafeInteger(Number(raw))
    ? { ok: true, value: Number(raw) }
    : { ok: false, expected: 'a positive integer' };

const boolean = (raw: string): Parsed => {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return { ok: true, value: true };
  if (['0', 'false', 'no', 'off'].includes(v)) return { ok: true, value: false };
  return { ok: false, expected: 'true or false (also 1/0, yes/no, on/off)' };
};

export interface SettingOverride {
  /** Key of the `flags` object the CLI passes. */
  readonly name: string;
  readonly env: `DOCKWRIGHT_${string}`;
  readonly flag: `--${string}`;
  /** Where the value goes in the settings. */
  readonly path: readonly [string] | readonly [string, string];
  readonly parse: (raw: string) => Parsed;
}

export const SETTING_OVERRIDES = [
  { name: 'registry', env: 'DOCKWRIGHT_REGISTRY', flag: '--registry', path: ['registry'], parse: text },
  { name: 'namespace', env: 'DOCKWRIGHT_NAMESPACE', flag: '--namespace', path: ['namespace'], parse: text },
  { name: 'tag', env: 'DOCKWRIGHT_TAG', flag: '--tag', path: ['tag'], parse: tag },
  { name: 'baseTag', env: 'DOCKWRIGHT_BASE_TAG', flag: '--base-tag', path: ['baseTag'], parse: tag },
  { name: 'version', env: 'DOCKWRIGHT_VERSION', flag: '--image-version', path: ['version'], parse: text },
  { name: 'gitRef', env: 'DOCKWRIGHT_GIT_REF', flag: '--git-ref', path: ['gitRef'], parse: text },
  { name: 'definitionsDir', env: 'DOCKWRIGHT_DEFINITIONS_DIR', flag: '--definitions', path: ['definitionsDir'], parse: text },
  { name: 'outputDir', env: 'DOCKWRIGHT_OUTPUT_DIR', flag: '--output', path: ['outputDir'], parse: text },
  { name: 'templatesDir', env: 'DOCKWRIGHT_TEMPLATES_DIR', flag: '--templates', path: ['templatesDir'], parse: text },
  { name: 'bake', env: 'DOCKWRIGHT_BAKE', flag: '--bake', path: ['bake'], parse: boolean },
  { name: 'parallel', env: 'DOCKWRIGHT_PARALLEL', flag: '--parallel', path: ['parallel'], parse: positiveInteger },
  { name: 'registryCache', env: 'DOCKWRIGHT_REGISTRY_CACHE', flag: '--registry-cache', path: ['registryCache'], parse: tag },
  { name: 'strict', env: 'DOCKWRIGHT_STRICT', flag: '--strict', path: ['lint', 'strict'], parse: boolean },
] as const satisfies readonly SettingOverride[];

export type OverrideName = (typeof SETTING_OVERRIDES)[number]['name'];

/** Settings given on the command line, by override name (`{ tag: 'dev', strict: true }`). */
export type SettingFlags = Partial<Record<OverrideName, string | number | boolean>>;
