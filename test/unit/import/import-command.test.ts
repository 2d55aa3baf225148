/**
 * `dockwright import` in-process: what it writes, where, under which name, what it refuses, and
 * the two-command migration (import, then gen) on a folder-per-image layout.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/support/run-cli.js';
import { cleanupProjects, tempProject } from '../cli/support/temp-project.js';

afterEach(cleanupProjects);

const API = 'ARG VERSION\nFROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nMAINTAINER me\nUSER 1000\nCMD ["python", "-m", "api"]\n';

describe('dockwright import', () => {
  it('writes definitions/<folder>.ts, lists it and warns with file:line', async () => {
    const root = await tempProject({ 'services/api/Dockerfile': API });
    const run = await runCli(['import', 'services/api/Dockerfile', '--arg', 'VERSION=1.2.3', '--arg', 'NOPE=1'], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      [
        'warning: services/api/Dockerfile:5: not modelled: MAINTAINER is deprecated (a label such as org.opencontainers.image.authors says the same) (kept as raw)',
        'warning: --arg NOPE: no imported Dockerfile declares this ARG; ignored',
        '',
      ].join('\n'),
    );
    expect(run.stdout).toBe(
      'wrote definitions/api.ts\n1 definition written; 1 line kept as raw (search for "dockwright import: not modelled"); next: dockwright check && dockwright gen\n',
    );
    const text = readFileSync(path.join(root, 'definitions/api.ts'), 'utf8');
    expect(text).toContain("export const api = image({\n  name: 'api',\n  args: { VERSION: '1.2.3' },\n  context: 'services/api',\n");
  });

  it('names Dockerfile.<x> after x, honours --name and --out, and refuses to overwrite without --force', async () => {
    const root = await tempProject({ 'docker/Dockerfile.worker': API });
    expect((await runCli(['import', 'docker/Dockerfile.worker', '--out', 'defs'], root)).code).toBe(0);
    expect(existsSync(path.join(root, 'defs/worker.ts'))).toBe(true);
    const again = await runCli(['import', 'docker/Dockerfile.worker', '--out', 'defs'], root);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('error: refusing to overwrite defs/worker.ts (use --force)\n');
    expect((await runCli(['import', 'docker/Dockerfile.worker', '--out', 'defs', '--force', '--name', 'Queue Worker'], root)).code).toBe(0);
    expect(readFileSync(path.join(root, 'defs/queue-worker.ts'), 'utf8')).toContain("name: 'queue-worker',");
  });

  it('refuses --name with several files and a call without Dockerfiles', async () => {
    const root = await tempProject({ 'a/Dockerfile': API, 'b/Dockerfile': API });
    expect(await runCli(['import', 'a/Dockerfile', 'b/Dockerfile', '--name', 'x'], root)).toMatchObject({
      code: 2,
      stderr: 'error: --name needs exactly one Dockerfile\n',
    });
    expect(await runCli(['import'], root)).toMatchObject({ code: 2, stderr: 'error: import: give Dockerfiles or --dir <folder>\n' });
    expect(await runCli(['import', 'c/Dockerfile'], root)).toMatchObject({ code: 2, stderr: 'error: c/Dockerfile: no such file\n' });
  });

  it('migrates a folder-per-image layout in two commands: import --dir, then gen', async () => {
    const root = await tempProject({
      'images/base-image/Dockerfile':
        'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nUSER 1000\n',
      'images/base-image/image.yaml': 'copy:\n  - src: shared/scripts\n    dest: scripts\n',
      'images/app/Dockerfile':
        'ARG TAG=latest\nFROM myorg/base-image:${TAG}\nCOPY scripts/ /opt/scripts/\nUSER 1000\nCMD ["/opt/scripts/run.sh"]\n',
      'images/app/image.yaml': 'copy:\n  - src: shared/scripts\n    dest: scripts\nretries: 3\n',
    });
    const imported = await runCli(['import', '--dir', 'images'], root);
    expect(imported.stderr).toBe(
      'warning: images/app/image.yaml: not modelled: key "retries" (left out of the definition)\n' +
        'warning: images/app/Dockerfile:1: ARG TAG is used by nothing the definition keeps (a FROM that became an image reference) (left out of the definition)\n',
    );
    expect(imported.stdout).toContain('2 definitions written; 2 lines left out (see the warnings); next:');
    expect(imported.stdout).not.toContain('kept as raw');
    expect(imported.code).toBe(0);
    const app = readFileSync(path.join(root, 'definitions/app.ts'), 'utf8');
    expect(app).toContain("import { baseImage } from './base-image.js';");
    expect(app).toContain('from: baseImage,');
    expect(app).toContain("inputs: { copyList: [{ src: 'shared/scripts', dest: 'scripts' }] },");

    const gen = await runCli(['gen'], root);
    expect(gen.stderr).toBe('');
    expect(gen.code).toBe(0);
    const dockerfile = readFileSync(path.join(root, 'generated/app/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM \$\{BASE_IMAGE_IMAGE\} AS main$/m);
    expect(dockerfile).toContain('COPY scripts/ /opt/scripts/\n');
  }, 30_000);
});
