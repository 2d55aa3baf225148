import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, ProjectNotFoundError } from '../../../src/errors/index.js';
import { findProjectRoot, resolveSettings } from '../../../src/io/settings/resolve-settings.js';
import { cleanupProjects, tempProject, writeFiles } from '../cli/support/temp-project.js';

afterEach(cleanupProjects);

const CONFIG = `import { defineConfig } from 'dockwright';\nexport default defineConfig({ namespace: 'federatedai', tag: 'cfg', lint: { strict: true } });\n`;

const DEPENDS = '{ "name": "app", "dependencies": { "dockwright": "^0.1.0" } }';

describe('findProjectRoot', () => {
  it('finds the nearest folder up with a config file', async () => {
    const root = await tempProject({ 'dockwright.config.ts': CONFIG, 'definitions/deep/x.ts': '', 'package.json': DEPENDS });
    expect(findProjectRoot(path.join(root, 'definitions/deep'))).toEqual({ root, configFile: path.join(root, 'dockwright.config.ts') });
  });

  it('else the nearest package.json that has dockwright as a dependency', async () => {
    const root = await tempProject({
      'package.json': DEPENDS,
      'definitions/deep/x.ts': '',
      'definitions/deep/package.json': '{ "type": "module" }',
      'tools/package.json': '{ "devDependencies": { "dockwright": "^0.1.0" } }',
    });
    expect(findProjectRoot(path.join(root, 'definitions/deep'))).toEqual({ root });
    expect(findProjectRoot(path.join(root, 'tools'))).toEqual({ root: path.join(root, 'tools') });
  });

  it('else the working directory when it holds definitions/', async () => {
    const bare = await tempProject({ 'sub/definitions/x.ts': '' });
    expect(findProjectRoot(path.join(bare, 'sub'))).toEqual({ root: path.join(bare, 'sub') });
  });

  it('else an error (exit 2) that says where it looked', async () => {
    const bare = await tempProject({ 'package.json': '{ "dependencies": { "left-pad": "1" } }', 'sub/x.ts': '' });
    const start = path.join(bare, 'sub');
    expect(() => findProjectRoot(start)).toThrow(ProjectNotFoundError);
    expect(() => findProjectRoot(start)).toThrow(
      `no dockwright project in ${start} or any folder above it: looked for dockwright.config.ts (.mts, .js, .mjs), then a package.json with dockwright in its dependencies, then a definitions/ folder here. Run \`npx dockwright init\` to start one, or \`-C <dir>\` to point at one.`,
    );
  });

  it('accepts .mjs config files', async () => {
    const root = await tempProject({ 'dockwright.config.mjs': 'export default { tag: "m" };\n' });
    expect((await resolveSettings({ cwd: root, env: {} })).settings.tag).toBe('m');
  });

  it('sees an edited TypeScript config on the next load', async () => {
    const root = await tempProject({ 'dockwright.config.ts': 'export default { tag: "m" };\n' });
    expect((await resolveSettings({ cwd: root, env: {} })).settings.tag).toBe('m');
    await writeFiles(root, { 'dockwright.config.ts': 'export default { tag: "n" };\n' });
    expect((await resolveSettings({ cwd: root, env: {} })).settings.tag).toBe('n');
  });
});

describe('resolveSettings', () => {
  it('loads the TypeScript config, then .env, the environment and flags on top; process.env is untouched', async () => {
    const root = await tempProject({
      'dockwright.config.ts': CONFIG,
      '.env': 'DOCKWRIGHT_TAG=dotenv\nDOCKWRIGHT_REGISTRY=reg.local\nDOCKWRIGHT_VERSION=9\n',
    });
    const before = { ...process.env };
    const { root: found, settings } = await resolveSettings({
      cwd: path.join(root),
      env: { DOCKWRIGHT_REGISTRY: 'env.local' },
      flags: { version: '10' },
    });
    expect(found).toBe(root);
    expect(settings).toMatchObject({
      namespace: 'federatedai',
      tag: 'dotenv',
      registry: 'env.local',
      version: '10',
      lint: { strict: true },
    });
    expect(process.env).toEqual(before);
  });

  it('keeps the reference settings of the config file alone for the generated defaults (refDefaults)', async () => {
    const root = await tempProject({ 'dockwright.config.ts': CONFIG, '.env': 'DOCKWRIGHT_TAG=dotenv\nDOCKWRIGHT_VERSION=9\n' });
    const { settings, refDefaults } = await resolveSettings({
      cwd: root,
      env: { DOCKWRIGHT_REGISTRY: 'env.local', DOCKWRIGHT_GIT_REF: 'refs/tags/v1' },
      flags: { namespace: 'flag-ns', baseTag: 'b' },
    });
    expect(settings).toMatchObject({
      registry: 'env.local',
      namespace: 'flag-ns',
      tag: 'dotenv',
      baseTag: 'b',
      gitRef: 'refs/tags/v1',
      version: '9',
    });
    // registry, namespace, tag, baseTag, gitRef: the config file's (or none); everything else as merged
    expect(refDefaults).toEqual({
      ...settings,
      namespace: 'federatedai',
      tag: 'cfg',
      registry: undefined,
      baseTag: undefined,
      gitRef: undefined,
    });
    expect(Object.keys(refDefaults)).not.toContain('registry');
  });

  it('works without a config file', async () => {
    const root = await tempProject({ 'definitions/app.ts': '' });
    expect((await resolveSettings({ cwd: root, env: { DOCKWRIGHT_OUTPUT_DIR: 'out' } })).settings.outputDir).toBe('out');
    const empty = await tempProject({});
    await expect(resolveSettings({ cwd: empty, env: {} })).rejects.toThrow(ProjectNotFoundError);
    expect((await resolveSettings({ cwd: empty, env: {}, orHere: true })).root).toBe(empty);
  });

  it('reports a config that fails to load or has no default export', async () => {
    const broken = await tempProject({ 'dockwright.config.ts': 'export default {\n' });
    await expect(resolveSettings({ cwd: broken, env: {} })).rejects.toThrow(/^dockwright\.config\.ts: could not load the config: /);
    const noDefault = await tempProject({ 'dockwright.config.ts': 'export const tag = "x";\n' });
    const err = await resolveSettings({ cwd: noDefault, env: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe('dockwright.config.ts has no default export (expected `export default defineConfig({ … })`)');
  });

  it('reports a bad config value naming the file', async () => {
    const root = await tempProject({ 'dockwright.config.ts': 'export default { parallel: -1 };\n' });
    await expect(resolveSettings({ cwd: root, env: {} })).rejects.toThrow(
      'dockwright.config.ts › parallel: is too small (given -1, expected more than 0)',
    );
  });
});
