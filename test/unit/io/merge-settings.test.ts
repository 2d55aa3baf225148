import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors/index.js';
import { mergeSettings } from '../../../src/io/settings/merge-settings.js';

const config = (value: unknown) => ({ file: 'dockwright.config.ts', value });
const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('mergeSettings', () => {
  it('fills defaults when nothing is given', () => {
    expect(mergeSettings({})).toMatchObject({
      definitionsDir: 'definitions',
      outputDir: 'generated',
      bake: false,
      lint: { strict: false, rules: {} },
    });
  });

  it('takes flag > environment > .env > config > default, setting by setting', () => {
    const s = mergeSettings({
      config: config({ tag: 'from-config', namespace: 'cfg', registry: 'cfg.io', version: '1', lint: { rules: { pipefail: 'off' } } }),
      dotenv: { DOCKWRIGHT_TAG: 'from-dotenv', DOCKWRIGHT_NAMESPACE: 'dotenv', DOCKWRIGHT_STRICT: 'yes' },
      env: { DOCKWRIGHT_TAG: 'from-env', DOCKWRIGHT_PARALLEL: '4', DOCKWRIGHT_NAMESPACE: '' },
      flags: { tag: 'from-flag', bake: true },
    });
    expect(s).toMatchObject({
      tag: 'from-flag',
      namespace: 'dotenv',
      registry: 'cfg.io',
      version: '1',
      parallel: 4,
      bake: true,
      lint: { strict: true, rules: { pipefail: 'off' } },
    });
    expect(mergeSettings({ config: config({ tag: 'c' }), env: { DOCKWRIGHT_TAG: 'e' } }).tag).toBe('e');
    expect(mergeSettings({ config: config({ tag: 'c' }), dotenv: { DOCKWRIGHT_TAG: 'd' } }).tag).toBe('d');
    expect(mergeSettings({ config: config({ lint: { strict: true } }), flags: { strict: false } }).lint.strict).toBe(false);
  });

  it('names the source of a bad value', () => {
    expect(errorOf(() => mergeSettings({ env: { DOCKWRIGHT_PARALLEL: 'abc' } }))).toBe(
      'DOCKWRIGHT_PARALLEL=abc (environment): expected a positive integer',
    );
    expect(errorOf(() => mergeSettings({ dotenv: { DOCKWRIGHT_BAKE: 'maybe' } }))).toBe(
      'DOCKWRIGHT_BAKE=maybe (.env): expected true or false (also 1/0, yes/no, on/off)',
    );
    expect(errorOf(() => mergeSettings({ flags: { tag: 'a/b' } }))).toMatch(/^--tag=a\/b \(command line\): expected a docker tag/);
    expect(errorOf(() => mergeSettings({ config: config({ parallel: '4' }) }))).toBe(
      'dockwright.config.ts › parallel: has the wrong type (given "4", expected a number)',
    );
  });

  it('reports every problem at once, including unknown keys and bad tags in the config', () => {
    expect(errorOf(() => mergeSettings({ config: config({ tags: 'x', tag: 'feature/x' }), env: { DOCKWRIGHT_PARALLEL: '0' } }))).toBe(
      [
        '3 problems in the settings:',
        '  DOCKWRIGHT_PARALLEL=0 (environment): expected a positive integer',
        '  dockwright.config.ts › tag: is not a valid docker tag (given "feature/x", expected letters, digits, "_", "." and "-", not starting with "." or "-", at most 128)',
        '  dockwright.config.ts › tags: unknown field; did you mean "tag"?',
      ].join('\n'),
    );
  });

  it('rejects a config that is not an object', () => {
    expect(errorOf(() => mergeSettings({ config: config(42) }))).toBe(
      'dockwright.config.ts: the default export is not a settings object (expected `export default defineConfig({ … })`)',
    );
  });

  it('names the setting a misspelt config key meant', () => {
    expect(() => mergeSettings({ config: config({ outputDri: 'out', lint: { strcit: true } }) })).toThrow(
      /lint\.strcit: unknown field; did you mean "strict"\?\n {2}dockwright\.config\.ts › outputDri: unknown field; did you mean "outputDir"\?/,
    );
  });
});
