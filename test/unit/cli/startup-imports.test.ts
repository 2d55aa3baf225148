/**
 * Start-up cost: what `dockwright --version` (or any command) loads before an action runs is the
 * static import graph of src/cli/main.ts. It must stay commander and the command files; the work
 * of each command (zod, esbuild, handlebars, execa, ts-morph, the runner, digests) is `import()`ed
 * by its action (src/cli/actions/).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('../../../src/', import.meta.url));

/** Specifiers of the static, value-level imports and re-exports of a module (not `import type`, not `import()`). */
const STATIC_IMPORT = /^(?:import|export)\s+(?!type\b)(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function staticGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const spec = m[1] as string;
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  visit(path.join(srcDir, entry));
  return { files: [...files].map((f) => path.relative(srcDir, f).split(path.sep).join('/')).sort(), packages: [...packages].sort() };
}

describe('CLI start-up', () => {
  it('loads commander and the command files only; each action imports its own work', () => {
    const { files, packages } = staticGraph('cli/main.ts');
    expect(packages).toEqual([]);
    const program = staticGraph('cli/program.ts');
    expect(program.packages).toEqual(['commander']);
    expect(program.files.filter((f) => !/^cli\/[^/]+\.ts$/.test(f))).toEqual([]);
    expect(program.files).toContain('cli/gen.ts');
    expect(files).toEqual(['cli/context.ts', 'cli/main.ts', 'timing.ts']);
  });

  it('a build loads execa only when it starts docker or a prerequisite: not with its action, not for git', () => {
    expect(staticGraph('cli/actions/build.ts').packages).not.toContain('execa');
    expect(readFileSync(path.join(srcDir, 'io/git-info.ts'), 'utf8')).not.toMatch(/['"]execa['"]/);
  });
});
