/**
 * What `npm pack` publishes: one code tree (the esbuild bundle, plus the typings), no source maps,
 * under the size budget stated in the README; TypeScript is not a runtime dependency; and a
 * CommonJS `require('dockwright')` gets a message saying how to import it. Needs `npm run build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The packed size budget, in bytes (README, "Install size"). */
export const TARBALL_BUDGET = 600 * 1024;

interface Packed {
  readonly size: number;
  readonly files: readonly { readonly path: string }[];
}

let packed: Packed;

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'bundle', 'index.js'))) throw new Error('dist/bundle is missing: run `npm run build`');
  const { stdout } = await execa('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
  packed = (JSON.parse(stdout) as Packed[])[0] as Packed;
}, 60_000);

describe('the published package', () => {
  it(`stays under ${TARBALL_BUDGET / 1024} KB packed`, () => {
    expect(packed.size).toBeLessThan(TARBALL_BUDGET);
  });

  it('ships one code tree, its typings and no source maps', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['bin/dockwright.js', 'dist/bundle/main.js', 'dist/bundle/index.js', 'dist/index.d.ts']));
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('dist/') && f.endsWith('.js') && !f.startsWith('dist/bundle/'))).toEqual([]);
    const mapped = files.filter((f) => f.endsWith('.js') && /sourceMappingURL=/.test(readFileSync(path.join(ROOT, f), 'utf8')));
    expect(mapped).toEqual([]);
  });

  it('does not install TypeScript for the user (ts-morph brings the compiler check uses)', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).not.toContain('typescript');
  });

  it("require('dockwright') says dockwright is an ES module and how to import it", async () => {
    const r = await execa('node', ['--input-type=commonjs', '-e', "require('dockwright')"], { cwd: ROOT, reject: false });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("dockwright is an ES module: use `import { image, stage } from 'dockwright'`");
  });
});
