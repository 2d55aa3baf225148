/**
 * dockwright's own folders are never build context, and the project's folders a context sends are
 * named by lint: what gen writes into `generated/<dir>/Dockerfile.dockerignore` and prints.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { cleanupProjects, tempProject } from './support/temp-project.js';

afterEach(cleanupProjects);

const definition = (context: string, extra = ''): string => `import { copy, image } from 'dockwright';
export const app = image({ name: 'app', from: 'busybox:stable', context: '${context}', user: 'nobody', steps: [copy('.', '/app/')]${extra} });
`;

const ignoreOf = (root: string): Promise<string> => readFile(path.join(root, 'generated/app/Dockerfile.dockerignore'), 'utf8');
const patternsOf = (text: string): string[] => text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));

describe('own folders and project folders in a build context', () => {
  it("a context of `.` without .dockerignore: dockwright's folders are excluded, the project's named by lint", async () => {
    const root = await tempProject({ 'definitions/app.ts': definition('.'), 'node_modules/x/index.js': '' });
    const r = await runCli(['gen'], root);
    expect(r.code).toBe(0);
    expect(patternsOf(await ignoreOf(root))).toEqual(['/.dockwright', '/build-logs']);
    for (const folder of ['node_modules/', 'definitions/', 'generated/'])
      expect(r.stderr).toContain(
        `sends ${folder} to BuildKit, and every change in it rebuilds the image: add the line \`${folder}\` to .dockerignore`,
      );
  });

  it("the context's .dockerignore is copied before the exclusions, which come last", async () => {
    const root = await tempProject({
      'definitions/app.ts': definition('.'),
      '.dockerignore': '# mine\nnode_modules/\ndefinitions/\ngenerated/\n!build-logs/keep\n',
      'node_modules/x/index.js': '',
    });
    const r = await runCli(['gen'], root);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(patternsOf(await ignoreOf(root))).toEqual([
      'node_modules/',
      'definitions/',
      'generated/',
      '!build-logs/keep',
      '/.dockwright',
      '/build-logs',
    ]);
  });

  it('no generated ignore file when the context already leaves every own folder out', async () => {
    const root = await tempProject({
      'definitions/app.ts': definition('.'),
      '.dockerignore': 'node_modules/\n.dockwright/\nbuild-logs/\ndefinitions/\ngenerated/\n',
    });
    expect(await runCli(['gen'], root)).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(path.join(root, 'generated/app/Dockerfile.dockerignore'))).toBe(false);
  });

  it('own folders configured inside a sub-folder context; the line to add goes to the image dockerignore', async () => {
    const root = await tempProject({
      'dockwright.config.ts': `import { defineConfig } from 'dockwright';\nexport default defineConfig({ cacheDir: 'app/.cache', logsDir: 'logs', outputDir: 'app/gen' });\n`,
      'definitions/app.ts': definition('app', ", dockerignore: ['*.tmp']"),
      'app/a.txt': 'a',
    });
    const r = await runCli(['gen'], root);
    expect(r.code).toBe(0);
    expect(patternsOf(await readFile(path.join(root, 'app/gen/app/Dockerfile.dockerignore'), 'utf8'))).toEqual(['*.tmp', '/.cache']);
    expect(r.stderr).toContain(
      "sends gen/ to BuildKit, and every change in it rebuilds the image: add the line `gen/` to the image's `dockerignore`",
    );
  });
});
