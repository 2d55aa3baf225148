/**
 * Merging the settings layers, pure: CLI flag > environment > `.env` > config file > default.
 * Every bad value is reported with the place it came from (`DOCKWRIGHT_PARALLEL=abc (environment)`).
 */
import { zodProblems } from '../../compile/zod-problems.js';
import { ConfigError, formatProblem } from '../../errors/definition-error.js';
import { SettingsSchema, type Settings } from '../../model/settings.js';
import { DOCKER_TAG } from '../../plan/tags.js';
import { SETTING_OVERRIDES, type SettingFlags, type SettingOverride } from './setting-overrides.js';

export interface SettingsLayers {
  /** The config file's default export, and the file's name relative to the root. */
  readonly config?: { readonly file: string; readonly value: unknown } | undefined;
  /** Variables parsed from the root's `.env`. */
  readonly dotenv?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly flags?: SettingFlags;
}

type OverrideSource = '.env' | 'environment' | 'command line';
type Origin = { readonly file: string } | { readonly row: SettingOverride; readonly source: OverrideSource; readonly raw: string };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const where = (o: Extract<Origin, { row: unknown }>): string =>
  `${o.source === 'command line' ? o.row.flag : o.row.env}=${o.raw} (${o.source})`;

/** Merges the layers and validates the result; throws `ConfigError` listing every bad value. */
export function mergeSettings(layers: SettingsLayers): Settings {
  const merged: Record<string, unknown> = {};
  const origins = new Map<string, Origin>();
  const messages: string[] = [];

  const config = layers.config;
  if (config && config.value !== undefined) {
    if (!isPlainObject(config.value)) {
      messages.push(`${config.file}: the default export is not a settings object (expected \`export default defineConfig({ … })\`)`);
    } else {
      for (const [key, value] of Object.entries(config.value)) {
        if (value === undefined) continue;
        merged[key] = isPlainObject(value) ? { ...value } : value;
        origins.set(key, { file: config.file });
      }
    }
  }

  const apply = (source: OverrideSource, lookup: (row: SettingOverride) => unknown): void => {
    for (const row of SETTING_OVERRIDES as readonly SettingOverride[]) {
      const given = lookup(row);
      if (given === undefined || given === '') continue;
      const raw = String(given);
      const parsed = row.parse(raw);
      const origin = { row, source, raw };
      if (!parsed.ok) {
        messages.push(`${where(origin)}: expected ${parsed.expected}`);
        continue;
      }
      const [key, sub] = row.path;
      if (sub === undefined) merged[key] = parsed.value;
      else merged[key] = { ...(isPlainObject(merged[key]) ? merged[key] : {}), [sub]: parsed.value };
      origins.set(row.path.join('.'), origin);
    }
  };
  apply('.env', (row) => layers.dotenv?.[row.env]);
  apply('environment', (row) => layers.env?.[row.env]);
  apply('command line', (row) => layers.flags?.[row.name as keyof SettingFlags]);

  const originOf = (path: readonly (string | number)[]): Origin | undefined => {
    for (let n = path.length; n > 0; n--) {
      const found = origins.get(path.slice(0, n).join('.'));
      if (found) return found;
    }
    return undefined;
  };

  for (const key of ['tag', 'baseTag']) {
    const value = merged[key];
    const origin = originOf([key]);
    if (typeof value === 'string' && origin && 'file' in origin && !DOCKER_TAG.test(value)) {
      messages.push(
        formatProblem({
          file: origin.file,
          path: [key],
          message: 'is not a valid docker tag',
          given: JSON.stringify(value),
          expected: 'letters, digits, "_", "." and "-", not starting with "." or "-", at most 128',
        }),
      );
    }
  }

  const result = SettingsSchema.safeParse(merged);
  if (!result.success) {
    for (const p of zodProblems(result.error.issues, merged, SettingsSchema)) {
      const origin = originOf(p.path ?? []);
      if (origin && 'row' in origin) messages.push(`${where(origin)}: ${p.message}${p.expected ? `, expected ${p.expected}` : ''}`);
      else messages.push(formatProblem({ ...p, file: origin?.file ?? 'settings' }));
    }
  }
  if (messages.length > 0 || !result.success) {
    throw new ConfigError(
      messages.length === 1
        ? (messages[0] as string)
        : `${messages.length} problems in the settings:\n${messages.map((m) => `  ${m}`).join('\n')}`,
    );
  }
  return result.data;
}
