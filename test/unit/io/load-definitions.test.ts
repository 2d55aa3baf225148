import { afterEach, describe, expect, it } from 'vitest';
import { resolveImages } from '../../../src/compile/resolve-images.js';
import { ConfigError, DefinitionError, formatProblem } from '../../../src/errors/index.js';
import { exportOrder } from '../../../src/io/export-order.js';
import { listDefinitionFiles } from '../../../src/io/list-definition-files.js';
import { loadDefinitions } from '../../../src/io/load-definitions.js';
import { cleanupProjects, tempProject, writeFiles } from '../cli/support/temp-project.js';

afterEach(cleanupProjects);

const BASE = `import { image } from 'dockwright';\nexport const base = image({ name: 'base', from: 'debian:bookworm-slim', steps: [] });\n`;

describe('listDefinitionFiles', () => {
  it('finds modules recursively, sorted, skipping _ and . names, declarations and tests', async () => {
    const root = await tempProject({
      'b.ts': '',
      'a.mjs': '',
      'sub/c.mts': '',
      'sub/d.js': '',
      'x.d.ts': '',
      'x.test.ts': '',
      '_shared.ts': '',
      '_lib/e.ts': '',
      '.hidden/f.ts': '',
      'node_modules/g.ts': '',
      'notes.md': '',
      'data.json': '',
    });
    expect(await listDefinitionFiles(root)).toEqual(['a.mjs', 'b.ts', 'sub/c.mts', 'sub/d.js']);
  });
});

describe('exportOrder', () => {
  it('orders export names as the source writes them', () => {
    const source =
      'export const zeta = 1;\nconst m = 2;\nexport default [m];\nexport function alpha() {}\nexport { m as mid, zeta as z2 };\n';
    expect(exportOrder(source, ['alpha', 'default', 'mid', 'z2', 'zeta', 'unknown'])).toEqual([
      'zeta',
      'default',
      'alpha',
      'mid',
      'z2',
      'unknown',
    ]);
  });
});

describe('loadDefinitions', () => {
  it("loads TypeScript that imports 'dockwright' from a folder outside the package, keeping object identity across files", async () => {
    const root = await tempProject({
      'definitions/base.ts': BASE,
      'definitions/apps/child.ts': `import { image, stage } from 'dockwright';\nimport { base } from '../base.js';\nexport const child = image({ name: 'child', from: base, steps: [] });\nexport const helper = stage('s', { from: 'x' });\n`,
    });
    const loaded = await loadDefinitions(root, 'definitions');
    expect(loaded.map((l) => l.file)).toEqual(['definitions/apps/child.ts', 'definitions/base.ts']);
    const images = resolveImages(loaded);
    expect(images.map((i) => i.id)).toEqual(['child', 'base']);
    expect(images[0]?.stages[0]?.from).toEqual({ kind: 'image', id: 'base' });
  });

  it('keeps the order exports are written in: default, named, arrays and variants', async () => {
    const root = await tempProject({
      'definitions/all.ts': `import { image, variants } from 'dockwright';
export const zeta = image({ name: 'zeta', from: 'a', steps: [] });
const mid = image({ name: 'mid', from: 'a', steps: [] });
export default [mid];
export const fit = variants({ name: 'fit', axes: { os: ['alpine', 'debian'] }, image: ({ os }) => ({ from: os, steps: [] }) });
export const alpha = image({ name: 'alpha', from: 'a', steps: [] });
export { zeta as again };
`,
    });
    expect(resolveImages(await loadDefinitions(root, 'definitions')).map((i) => i.id)).toEqual([
      'zeta',
      'mid',
      'fit:alpine',
      'fit:debian',
      'alpha',
    ]);
  });

  it('sees edited files on the next load', async () => {
    const root = await tempProject({ 'definitions/base.ts': BASE });
    expect(resolveImages(await loadDefinitions(root, 'definitions')).map((i) => i.id)).toEqual(['base']);
    await writeFiles(root, { 'definitions/base.ts': BASE.replace("'base'", "'renamed'") });
    expect(resolveImages(await loadDefinitions(root, 'definitions')).map((i) => i.id)).toEqual(['renamed']);
  });

  it('reports every file that does not load, one line each, without a stack', async () => {
    const root = await tempProject({
      'definitions/a-throws.ts': `throw new Error('no registry configured\\nat some frame');\n`,
      'definitions/b-syntax.ts': `import { image } from 'dockwright';\nexport const x = image({ name: 'x' from: 'a', steps: [] });\n`,
      'definitions/c-missing.ts': `import { nope } from './nope.js';\nexport default nope;\n`,
      'definitions/d-fine.ts': BASE,
      'definitions/e-throws-later.ts': `import { image } from 'dockwright';\n\nconst registry = process.env.NO_SUCH_VARIABLE_12;\nif (!registry) throw new Error('set the registry');\nexport const e = image({ name: 'e', from: 'x:1', steps: [] });\n`,
    });
    const err = await loadDefinitions(root, 'definitions').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DefinitionError);
    const lines = (err as DefinitionError).problems.map(formatProblem);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe(
      'definitions/e-throws-later.ts: could not load the definition: set the registry (thrown at definitions/e-throws-later.ts:4:22)',
    );
    expect(lines[0]).toBe(
      'definitions/a-throws.ts: could not load the definition: no registry configured (thrown at definitions/a-throws.ts:1:7)',
    );
    expect(lines[1]).toMatch(
      /^definitions\/b-syntax\.ts: could not load the definition: .*Expected "}" but found "from" \(line 2, column 36\)$/,
    );
    expect(lines[2]).toBe("definitions/c-missing.ts: could not load the definition: Cannot find module './nope.js' (line 1, column 22)");
    expect(lines.join('\n')).not.toContain(root);
  });

  it('fails with a ConfigError when the definitions folder does not exist', async () => {
    const root = await tempProject({});
    await expect(loadDefinitions(root, 'defs')).rejects.toThrow(ConfigError);
    await expect(loadDefinitions(root, 'defs')).rejects.toThrow(/the definitions folder defs does not exist/);
  });
});
