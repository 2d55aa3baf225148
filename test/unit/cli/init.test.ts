/** `dockwright init` in an empty folder and in existing npm/pnpm projects, run in-process. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { cleanupProjects, tempProject } from './support/temp-project.js';

afterEach(cleanupProjects);

const read = (root: string, file: string): Promise<string> => readFile(path.join(root, file), 'utf8');

describe('dockwright init', () => {
  it('starts a project in an empty folder that gen and check accept', async () => {
    const root = await tempProject({});
    const run = await runCli(['init'], root);
    expect(run).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'wrote dockwright.config.ts',
        'wrote definitions/example.ts',
        'wrote images/base/README.md',
        'wrote images/hello/hello.txt',
        'wrote package.json',
        'wrote tsconfig.json',
        'wrote .gitignore',
        'wrote .dockerignore',
        '',
        'next:',
        '  npm install',
        '  npx dockwright build',
        '',
      ].join('\n'),
    });
    const pkg = JSON.parse(await read(root, 'package.json'));
    expect(pkg).toMatchObject({ type: 'module', private: true, devDependencies: { dockwright: '^0.1.0', typescript: expect.any(String) } });
    expect(pkg.scripts['images:build']).toBe('dockwright build');
    expect((await read(root, '.dockerignore')).split('\n')).toEqual(
      expect.arrayContaining(['.dockwright/', 'node_modules/', 'definitions/']),
    );
    expect((await read(root, '.gitignore')).split('\n')).toEqual(expect.arrayContaining(['.dockwright/', 'build-logs/']));

    const gen = await runCli(['gen'], path.join(root, 'definitions'));
    expect(gen).toMatchObject({ code: 0, stderr: '' });
    expect(await read(root, 'generated/hello/Dockerfile')).toContain('COPY hello.txt /opt/example/hello.txt');
    const check = await runCli(['check'], root);
    expect(check).toMatchObject({ code: 0, stdout: expect.stringContaining('0 type errors, 0 definition errors, 0 warnings') });
  }, 60_000);

  it('in an existing project adds only what is missing, keeps what exists, and --force replaces it', async () => {
    const root = await tempProject({
      'package.json': JSON.stringify({ name: 'shop', scripts: { 'images:gen': 'make images' }, dependencies: { typescript: '5.8.3' } }),
      '.gitignore': 'node_modules\ndist/',
      'dockwright.config.ts': 'export default {};\n',
      'pnpm-lock.yaml': '',
    });
    const run = await runCli(['init'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('package.json: added scripts.images:build, scripts.images:check, devDependencies.dockwright\n');
    expect(run.stdout).toContain('.gitignore: added .dockwright/ build-logs/\n');
    expect(run.stdout).toContain('kept dockwright.config.ts: exists; --force replaces it\n');
    expect(run.stdout).toContain('kept package.json: "type" is not "module" (definitions still load and type-check; --force sets it)\n');
    expect(run.stdout).toContain('next:\n  pnpm install\n  pnpm exec dockwright build\n');
    expect(await read(root, 'dockwright.config.ts')).toBe('export default {};\n');
    expect(await read(root, '.gitignore')).toBe('node_modules\ndist/\n.dockwright/\nbuild-logs/\n');
    const pkg = JSON.parse(await read(root, 'package.json'));
    expect(pkg).toEqual({
      name: 'shop',
      scripts: { 'images:gen': 'make images', 'images:build': 'dockwright build', 'images:check': 'dockwright check' },
      dependencies: { typescript: '5.8.3' },
      devDependencies: { dockwright: '^0.1.0' },
    });

    const again = await runCli(['init'], root);
    expect(again.stdout).not.toMatch(/^wrote|: added/m);

    const forced = await runCli(['init', '--force'], root);
    expect(forced.stdout).toContain('dockwright.config.ts: replaced\n');
    expect(await read(root, 'dockwright.config.ts')).toContain('defineConfig');
    expect(JSON.parse(await read(root, 'package.json')).type).toBe('module');
  });

  it('a package.json that is not JSON is an error (exit 2) and nothing is written', async () => {
    const root = await tempProject({ 'package.json': '{ "name": ' });
    expect(await runCli(['init'], root)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: package.json is not a JSON object: fix it (or remove it) and run `dockwright init` again\n',
    });
    await expect(read(root, 'dockwright.config.ts')).rejects.toThrow(/ENOENT/);
  });
});
