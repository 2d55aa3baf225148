/**
 * The loader's cache of bundled modules (src/io/module-cache.ts): used when no source changed (no
 * transform at all), never when a definition, a helper module it imports, a JSON file or the
 * config changed. The transform is the real esbuild one, counted through the seam.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { resolveImages } from '../../../src/compile/resolve-images.js';
import { DefinitionError, formatProblem } from '../../../src/errors/index.js';
import { prepareImports } from '../../../src/io/import-module.js';
import { esbuildTransform, type Transform } from '../../../src/io/module-bundle.js';
import { loadDefinitions } from '../../../src/io/load-definitions.js';
import { resolveSettings } from '../../../src/io/settings/resolve-settings.js';
import { cleanupProjects, tempProject, writeFiles } from '../cli/support/temp-project.js';

afterEach(cleanupProjects);

/** esbuild, with its calls counted. */
function counted(): { transform: Transform; calls: () => number } {
  let calls = 0;
  return {
    transform: { id: esbuildTransform.id, bundle: (req) => (calls++, esbuildTransform.bundle(req)) },
    calls: () => calls,
  };
}

const HELPER = `export const from = 'debian:bookworm-slim';\n`;
const APP = `import { image } from 'dockwright';\nimport { from } from './_lib/from.js';\nimport tags from './_lib/tags.json';\nexport const app = image({ name: tags.name, from, steps: [] });\n`;

async function project(): Promise<string> {
  return tempProject({
    'dockwright.config.ts': `import { defineConfig } from 'dockwright';\nexport default defineConfig({ tag: 'one' });\n`,
    'definitions/app.ts': APP,
    'definitions/_lib/from.ts': HELPER,
    'definitions/_lib/tags.json': `{ "name": "app" }\n`,
  });
}

const froms = async (root: string, transform: Transform): Promise<unknown[]> =>
  resolveImages(await loadDefinitions(root, 'definitions', { transform })).map((i) => [i.id, i.stages[0]?.from]);

describe('the module cache', () => {
  it('imports the stored bundle when nothing changed, without transforming anything', async () => {
    const root = await project();
    const { transform, calls } = counted();
    const first = await froms(root, transform);
    expect(calls()).toBe(1);
    expect(await froms(root, transform)).toEqual(first);
    expect(calls()).toBe(1);
  });

  it('sees a changed definition, helper module and JSON file', async () => {
    const root = await project();
    const { transform, calls } = counted();
    await froms(root, transform);
    await writeFiles(root, { 'definitions/app.ts': APP.replace('steps: []', "steps: [], platforms: ['linux/amd64']") });
    expect(resolveImages(await loadDefinitions(root, 'definitions', { transform }))[0]?.platforms).toEqual(['linux/amd64']);
    await writeFiles(root, { 'definitions/_lib/from.ts': HELPER.replace('bookworm', 'trixie') });
    expect(await froms(root, transform)).toEqual([['app', { kind: 'external', ref: 'debian:trixie-slim' }]]);
    await writeFiles(root, { 'definitions/_lib/tags.json': `{ "name": "renamed" }\n` });
    expect((await froms(root, transform))[0]).toEqual(['renamed', { kind: 'external', ref: 'debian:trixie-slim' }]);
    expect(calls()).toBe(4);
  });

  it('sees a changed config', async () => {
    const root = await project();
    const { transform, calls } = counted();
    const tag = async (): Promise<unknown> => (await resolveSettings({ cwd: root, env: {}, importOptions: { transform } })).settings.tag;
    expect(await tag()).toBe('one');
    expect(await tag()).toBe('one');
    expect(calls()).toBe(1);
    await writeFiles(root, {
      'dockwright.config.ts': `import { defineConfig } from 'dockwright';\nexport default defineConfig({ tag: 'two' });\n`,
    });
    expect(await tag()).toBe('two');
    expect(calls()).toBe(2);
  });

  it('names the helper module of a definition that does not bundle', async () => {
    const root = await project();
    await writeFiles(root, { 'definitions/_lib/from.ts': `export const from: string = ;\n` });
    const err = await loadDefinitions(root, 'definitions').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DefinitionError);
    expect((err as DefinitionError).problems.map(formatProblem)).toEqual([
      'definitions/app.ts: could not load the definition: Unexpected ";" (in definitions/_lib/from.ts, line 1, column 29)',
    ]);
  });
});

describe('prepareImports', () => {
  it('starts esbuild ahead only for a project with no module cache yet (nor outside a project)', async () => {
    const root = await project();
    expect(prepareImports(root)).toBe(true);
    await froms(root, esbuildTransform);
    expect(prepareImports(root)).toBe(false);
    expect(prepareImports('/')).toBe(false);
  });
});
