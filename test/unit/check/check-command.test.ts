/**
 * `dockwright check` in-process on temporary projects: type errors and model problems are printed
 * as file:line:col, the exit code is 2 when there is an error, nothing is ever written.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/support/run-cli.js';
import { cleanupProjects, tempProject } from '../cli/support/temp-project.js';
import { DOCKERIGNORE_LINES } from '../../../src/init/init-templates.js';

/** The ignore lines `dockwright init` writes: the project folders stay out of every context of `.`. */
const DOCKERIGNORE = `${DOCKERIGNORE_LINES.join('\n')}\n`;

afterEach(cleanupProjects);

const BASE = `import { image, run, stage } from 'dockwright';

export const builder = stage('builder', { from: 'debian:bookworm-slim' }, [run('make')]);
export const base = image({ name: 'base', stages: [builder], user: '1000' });
`;

const app = (body: string): string => `import { copy, image, stage } from 'dockwright';
import { builder } from './base.js';

const build = stage('build', { from: 'node:20-alpine' });

export const app = image({
  name: 'app',
  user: '1000',
  stages: [
    build,
    stage('main', { from: 'alpine:3.20' }, [
${body}
    ]),
  ],
});
`;

const lines = (text: string): string[] => text.split('\n').filter(Boolean);

describe('dockwright check', () => {
  it('passes a clean project (exit 0) and writes nothing', async () => {
    const root = await tempProject({
      '.dockerignore': DOCKERIGNORE,
      'definitions/base.ts': BASE,
      'definitions/app.ts': app("      copy('/out', '/app', { from: build }),"),
    });
    const run = await runCli(['check'], root);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('2 files checked: 0 type errors, 0 definition errors, 0 warnings\n');
    expect(run.code).toBe(0);
    expect(existsSync(path.join(root, 'generated'))).toBe(false);
  }, 30_000);

  it('reports a misspelled stage variable with file:line:col', async () => {
    const root = await tempProject({
      '.dockerignore': DOCKERIGNORE,
      'definitions/base.ts': BASE,
      'definitions/app.ts': app("      copy('/out', '/app', { from: biuld }),"),
    });
    const run = await runCli(['check'], root);
    expect(run.code).toBe(2);
    expect(lines(run.stdout)[0]).toBe("definitions/app.ts:12:36 error TS2552: Cannot find name 'biuld'. Did you mean 'build'?");
    expect(lines(run.stdout)[1]).toMatch(/^definitions\/app\.ts error: could not load the definition: .*biuld/);
    expect(run.stderr).toBe('error: 2 files checked: 1 type error, 1 definition error, 0 warnings\n');
  }, 30_000);

  it('reports a wrong field type from the compiler and from validation, both located', async () => {
    const root = await tempProject({
      '.dockerignore': DOCKERIGNORE,
      'definitions/base.ts': BASE,
      'definitions/app.ts': app("      copy('/out', '/app', { from: build }),").replace("user: '1000',", "user: '1000',\n  push: 'yes',"),
    });
    const run = await runCli(['check'], root);
    expect(run.code).toBe(2);
    expect(lines(run.stdout)).toEqual([
      "definitions/app.ts:9:3 error TS2322: Type 'string' is not assignable to type 'boolean | undefined'.",
      'definitions/app.ts:9:9 error: app › push: has the wrong type (given "yes", expected true or false)',
    ]);
  }, 30_000);

  it('reports a stage of another image where it is used (the compiler cannot see it)', async () => {
    const root = await tempProject({
      '.dockerignore': DOCKERIGNORE,
      'definitions/base.ts': BASE,
      'definitions/app.ts': app("      copy('/out', '/app', { from: builder }),"),
    });
    const run = await runCli(['check'], root);
    expect(run.code).toBe(2);
    expect(lines(run.stdout)).toEqual([
      'definitions/app.ts:12:36 error: app › stages[1].steps[0].from: stage "builder" is not a stage of image "app" (it belongs to image "base")',
    ]);
  }, 30_000);

  it("uses the project's tsconfig.json when there is one", async () => {
    const files = {
      '.dockerignore': DOCKERIGNORE,
      'definitions/base.ts': BASE,
      'definitions/app.ts': app("      copy('/out', '/app', { from: build }),").replace('const build', 'const unused = 1;\nconst build'),
    };
    const plain = await runCli(['check'], await tempProject(files));
    expect(plain.code).toBe(0);
    const strict = await runCli(
      ['check'],
      await tempProject({
        ...files,
        'tsconfig.json': JSON.stringify({
          compilerOptions: { strict: true, noUnusedLocals: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022' },
        }),
      }),
    );
    expect(lines(strict.stdout)).toEqual([
      "definitions/app.ts:2:1 error TS6133: 'builder' is declared but its value is never read.",
      "definitions/app.ts:4:7 error TS6133: 'unused' is declared but its value is never read.",
    ]);
    expect(strict.code).toBe(2);
  }, 60_000);

  it('prints lint warnings with their position and fails on them with --strict', async () => {
    const root = await tempProject({
      '.dockerignore': DOCKERIGNORE,
      'definitions/tool.ts':
        "import { image } from 'dockwright';\n\nexport const tool = image({ name: 'tool', from: 'debian', steps: [], user: '1000' });\n",
    });
    const run = await runCli(['check'], root);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)[0]).toMatch(/^definitions\/tool\.ts:3:\d+ warning: tool › stages\[0\]\.from: FROM debian has no tag/);
    expect((await runCli(['check', '--strict'], root)).code).toBe(2);
  }, 30_000);
});
