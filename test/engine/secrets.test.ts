/**
 * A build secret (`image.secrets` with `env`, passed as `--secret id=…,env=VAR`) reaches the RUN
 * that mounts it, and its value is nowhere else: not in `docker history --no-trunc`, not in the
 * image config, not in the build log, not in dockwright's output, not on the planned argv.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerOk } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { shipSuite } from './support/ship-suite.js';

const SECRET = `s3cret-${Math.random().toString(36).slice(2)}-value`;

const definitions = `import { image, run, secretMount } from 'dockwright';
export const withsecret = image({
  name: 'withsecret', from: 'busybox:stable',
  secrets: [{ id: 'token', env: 'DW_TEST_TOKEN' }],
  steps: [run('wc -c < /run/secrets/token > /token-length && test -s /run/secrets/token', { mounts: [secretMount('token')] })],
});
`;

describe.skipIf(!engineAvailable)('build secrets (engine)', () => {
  const { prefix, project } = shipSuite('secrets', { 'definitions/images.ts': definitions });

  it('the RUN sees the secret; history, image config, build log and output do not', async () => {
    const env = { DW_TEST_TOKEN: SECRET };
    const plan = await project.cli(['build', '--dry-run'], env);
    expect(plan.exitCode, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('--secret id=token,env=DW_TEST_TOKEN');

    const r = await project.cli(['build', '--progress', 'plain', '--no-cache'], env);
    expect(r.exitCode, r.stderr).toBe(0);
    const ref = `${prefix}/withsecret:t1`;
    // the mount really carried the value
    expect((await dockerOk(['run', '--rm', ref, 'cat', '/token-length'])).stdout.trim()).toBe(String(SECRET.length));

    const history = await dockerOk(['history', '--no-trunc', '--format', '{{.CreatedBy}}', ref]);
    expect(history.stdout).toContain('/run/secrets/token');
    const config = await dockerOk(['image', 'inspect', ref]);
    const log = await readFile(join(project.root, 'build-logs', 'withsecret.log'), 'utf8');
    expect(log).toContain('--secret id=token,env=DW_TEST_TOKEN');
    for (const [where, text] of Object.entries({
      history: history.stdout,
      config: config.stdout,
      log,
      stdout: r.stdout,
      stderr: r.stderr,
      plan: plan.stdout,
    })) {
      expect(text, where).not.toContain(SECRET);
    }
  });
});
