/**
 * The CLI as users run it: `node bin/dockwright.js`, which loads the esbuild bundle in dist/bundle/
 * (scripts/bundle.mjs). The bundle is rebuilt first (about a second; a rebuild of unchanged sources
 * writes nothing). The library that definitions import as 'dockwright' (dist/index.js and
 * dist/index.d.ts) comes from `npm run build`, which `npm ci` runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProjects, tempProject } from './support/temp-project.js';

afterEach(cleanupProjects);

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUNDLE = path.join(ROOT, 'dist', 'bundle');
const SLOW = 60_000;

/** The environment without this shell's dockwright settings. */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DOCKWRIGHT_')));
const node = (args: readonly string[], cwd: string) => execa(process.execPath, args, { cwd, env, extendEnv: false, reject: false });
const dockwright = (args: readonly string[], cwd = ROOT) => node([path.join(ROOT, 'bin', 'dockwright.js'), ...args], cwd);

const HELLO = `import { image, run } from 'dockwright';\n\nexport const hello = image({ name: 'hello', from: 'busybox:stable', user: 'nobody', steps: [run('echo hi')] });\n`;

beforeAll(async () => {
  for (const file of ['index.js', 'index.d.ts']) {
    if (!existsSync(path.join(ROOT, 'dist', file))) throw new Error(`dist/${file} is missing: run \`npm run build\``);
  }
  const built = await node([path.join(ROOT, 'scripts', 'bundle.mjs')], ROOT);
  expect(built.exitCode, built.stderr).toBe(0);
}, SLOW);

describe('the bundled CLI', () => {
  it('prints the version in package.json', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await dockwright(['--version'])).toMatchObject({ exitCode: 0, stdout: version });
  });

  it('finds the templates: gen --check passes on this repository', { timeout: SLOW }, async () => {
    const run = await dockwright(['gen', '--check']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^generated\/ is up to date/);
  });

  it("loads definitions that import 'dockwright' in a project outside the repository", { timeout: SLOW }, async () => {
    const root = await tempProject({ 'definitions/hello.ts': HELLO });
    const gen = await dockwright(['gen', '--stdout', 'hello'], root);
    expect(gen.exitCode, gen.stderr).toBe(0);
    expect(gen.stdout).toContain('FROM busybox:stable AS main\nRUN echo hi\n');
    const list = await dockwright(['list', '--json'], root);
    expect(list.exitCode, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject([{ id: 'hello', tags: ['hello:latest'], file: 'definitions/hello.ts' }]);
  });

  it("check type-checks definitions against dockwright's typings", { timeout: SLOW }, async () => {
    const root = await tempProject({ 'definitions/hello.ts': HELLO.replace("run('echo hi')", 'run(42)') });
    const check = await dockwright(['check'], root);
    expect(check.exitCode).toBe(2);
    expect(check.stdout).toMatch(/^definitions\/hello\.ts:3:\d+ error TS2345: Argument of type 'number'/m);
  });
});

/** Modules (esbuild's `// path` comments) in a bundle file and the chunks it imports statically. */
function staticModules(file: string): string[] {
  const seen = new Set<string>();
  const modules = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const text = readFileSync(path.join(BUNDLE, name), 'utf8');
    for (const [, module = ''] of text.matchAll(/^\/\/ (\S+\.[cm]?[jt]s)$/gm)) {
      const dependency = module.indexOf('node_modules/');
      modules.add(dependency >= 0 ? module.slice(dependency) : module);
    }
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?["']\.\/([^"']+\.js)["']/gm)) visit(m[1] as string);
  };
  visit(file);
  return [...modules].sort();
}

const packageOf = (module: string): string => {
  const [, scope, name] = module.split('/');
  return scope?.startsWith('@') ? `${scope}/${name}` : (scope as string);
};

describe('the bundle', () => {
  it('keeps every file directly in dist/bundle/ (paths from import.meta.url resolve as from src/<folder>/)', () => {
    const entries = readdirSync(BUNDLE, { withFileTypes: true });
    expect(entries.filter((e) => !e.isFile()).map((e) => e.name)).toEqual([]);
    expect(entries.map((e) => e.name)).toContain('main.js');
  });

  it('starts with main and its context only; the program chunk adds commander and the command files', () => {
    expect(staticModules('main.js')).toEqual(['src/cli/context.ts', 'src/cli/main.ts', 'src/timing.ts']);
    const program = readdirSync(BUNDLE).find((n) => /^program-\w+\.js$/.test(n));
    expect(program).toBeDefined();
    const modules = staticModules(program as string);
    expect([...new Set(modules.filter((m) => m.startsWith('node_modules/')).map(packageOf))]).toEqual(['commander']);
    expect(modules.filter((m) => m.startsWith('src/') && !/^src\/cli\/[^/]+\.ts$/.test(m))).toEqual([]);
  });

  it('answers a no-op from one module and builds from a snapshot with one more: no chunk, no node:http, no build runner on the no-op', () => {
    const text = (file: string): string => readFileSync(path.join(BUNDLE, file), 'utf8');
    const imports = (file: string): string[] =>
      [...new Set([...text(file).matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.\/[^"']+)["']/g)].map((m) => m[1] as string))].sort();
    /** The source files in a bundle, from its (local, unpublished) source map. */
    const sources = (file: string): string[] =>
      (JSON.parse(text(`${file}.map`)) as { sources: string[] }).sources.map((s) => s.replace(/^(\.\.\/)+/, ''));
    // npm packages they share with the chunks come through their vendor entries, loaded when used
    expect(imports('fast.js')).toEqual(['./vendor-execa.js', './vendor-picomatch.js']);
    expect(imports('fast-run.js')).toEqual(['./vendor-execa.js', './vendor-picomatch.js']);
    expect(text('fast.js')).not.toMatch(/["']node:https?["']/);
    expect(sources('fast.js')).toEqual(expect.arrayContaining(['src/runner/fast-build.ts', 'src/incremental/skipper.ts']));
    expect(sources('fast.js').filter((f) => /^src\/runner\/(run-plan|run-bake|run-build)\.ts$|\/execa\//.test(f))).toEqual([]);
    expect(sources('fast-run.js')).toEqual(expect.arrayContaining(['src/runner/run-plan.ts']));
    expect(imports('main.js')).toEqual(expect.arrayContaining(['./fast.js', './fast-run.js']));
  });
});
