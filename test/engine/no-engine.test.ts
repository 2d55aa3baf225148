/**
 * No engine where docker is told to look (DOCKER_HOST at a socket that does not exist): the real
 * docker client's answer reaches the user as one message, exit 1, before any work.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';
import { engineAvailable } from './support/engine.js';

describe.skipIf(!engineAvailable)('no engine at DOCKER_HOST (real docker client)', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'dockwright-no-engine-'));
    await mkdir(join(root, 'definitions'));
    await writeFile(
      join(root, 'definitions', 'app.ts'),
      `import { image } from 'dockwright';\nexport const app = image({ name: 'app', from: 'busybox:stable', user: 'nobody', steps: [] });\n`,
    );
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it.each([['build'], ['test'], ['push', '--registry', '127.0.0.1:5000']])(
    "%s: exit 1, DOCKER_HOST and docker's reason",
    async (...argv) => {
      const socket = join(root, 'missing', 'docker.sock');
      let err = '';
      const ctx: CliContext = {
        cwd: root,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: `unix://${socket}` },
        stdout: { write: () => undefined },
        stderr: { write: (t) => void (err += t) },
      };
      expect(await main(['-C', root, ...argv], ctx)).toBe(1);
      expect(err).toContain(
        `error: no Docker engine answers at DOCKER_HOST=unix://${socket}: Cannot connect to the Docker daemon at unix://${socket}.`,
      );
      expect(err).toContain('DOCKER_HOST, DOCKER_CONTEXT or --context NAME');
      expect(existsSync(join(root, 'generated'))).toBe(false);
    },
  );
});
