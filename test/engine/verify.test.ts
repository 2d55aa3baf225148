/**
 * `dockwright test` on the real engine: a healthy image with smoke commands and an HTTP probe
 * passes; a failing HEALTHCHECK is reported unhealthy with its output; a smoke command with the
 * wrong output fails; a registry round trip pushes, removes, pulls and tests; every `dw-test-`
 * container is gone afterwards, also after an abort.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dockerOk } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { imageExists } from './support/images.js';
import { startRegistry } from './support/registry.js';
import { shipSuite } from './support/ship-suite.js';

const definitions = `import { image, run } from 'dockwright';
const hc = (test: string[]) => ({ test, interval: '1s', timeout: '2s', retries: 1 });
export const healthy = image({
  name: 'healthy', from: 'busybox:stable', steps: [run('echo ready > /ready')],
  cmd: ['sleep', '300'], healthcheck: hc(['cat', '/ready']),
  test: { timeout: '30s', smoke: [
    { argv: ['cat', '/ready'], expect: 'ready' },
    { argv: ['-c', 'echo tool version 1.2.3'], entrypoint: 'sh', expect: '/version \\\\d+\\\\.\\\\d+\\\\.\\\\d+/' },
  ] },
});
export const web = image({
  name: 'web', from: 'busybox:stable', steps: [run('mkdir /www && echo hello-web > /www/index.html')],
  cmd: ['httpd', '-f', '-p', '8080', '-h', '/www'],
  test: { timeout: '20s', http: { port: 8080, path: '/index.html', expect: 'hello-web' } },
});
export const sick = image({
  name: 'sick', from: 'busybox:stable', steps: [], cmd: ['sleep', '300'],
  healthcheck: hc(['sh', '-c', 'echo database not reachable; exit 1']),
  test: { timeout: '30s' },
});
export const wrong = image({
  name: 'wrong', from: 'busybox:stable', steps: [], cmd: ['sleep', '300'],
  test: { smoke: [{ argv: ['echo', 'actual output'], expect: 'expected output' }] },
});
export const never = image({
  name: 'never', from: 'busybox:stable', steps: [], cmd: ['sleep', '300'],
  healthcheck: { test: ['false'], interval: '1m', retries: 3 },
  test: { timeout: '5m' },
});
export const untested = image({ name: 'untested', from: 'busybox:stable', steps: [] });
`;

const leftovers = async (): Promise<string> =>
  (await dockerOk(['ps', '-a', '--filter', 'name=dw-test-', '--format', '{{.Names}}'])).stdout.trim();

describe.skipIf(!engineAvailable)('dockwright test (engine)', () => {
  const { prefix, project } = shipSuite('verify', { 'definitions/images.ts': definitions });

  beforeAll(async () => {
    const built = await project.cli(['build', '--progress', 'plain']);
    expect(built.exitCode, built.stderr).toBe(0);
  });

  it('passes a healthy image (healthcheck, smoke commands, regex) and an HTTP probe; skips an image without checks', async () => {
    const r = await project.cli(['test', 'healthy', 'web', 'untested']);
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `^healthy\\s+passed\\s+${prefix}/healthy:t1\\s+healthy, smoke: cat /ready, smoke: sh -c echo tool version 1\\.2\\.3$`,
        'm',
      ),
    );
    expect(r.stdout).toMatch(/^web\s+passed\s+\S+\s+starts, http :8080\/index\.html$/m);
    expect(r.stdout).toMatch(/^untested\s+skipped\s+\S+\s+no test spec and no HEALTHCHECK$/m);
    expect(r.stderr).toContain('healthy: ok   healthy: after');
    expect(await leftovers()).toBe('');
  });

  it("reports an image whose healthcheck fails as unhealthy, with the check's output; exit 1", async () => {
    const r = await project.cli(['test', 'sick']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^sick\s+FAILED\s+\S+\s+healthy: unhealthy; last health check: exit 1: database not reachable$/m);
    expect(r.stderr).toContain('error: 1 image failed the test: sick');
    expect(await leftovers()).toBe('');
  });

  it('fails a smoke command whose output is not the expected one, and goes on with the other images', async () => {
    const r = await project.cli(['test', 'wrong', 'healthy']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(
      /^wrong\s+FAILED\s+\S+\s+smoke: echo actual output: output does not contain "expected output": actual output$/m,
    );
    expect(r.stdout).toMatch(/^healthy\s+passed/m);
    expect(r.stderr).toContain('error: 1 image failed the test: wrong');
    expect(await leftovers()).toBe('');
  });

  it('an image that is not built fails with what to do', async () => {
    const r = await project.cli(['test', 'healthy', '--tag', 'not-built']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(`exists: ${prefix}/healthy:not-built is not in the local store: run \`dockwright build healthy\` first`);
  });

  it('removes its container when the run is aborted while waiting for healthy', async () => {
    const controller = new AbortController();
    const running = project.cli(['test', 'never'], {}, controller.signal);
    const deadline = Date.now() + 20_000;
    while ((await leftovers()) === '' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await leftovers()).toMatch(/^dw-test-never-[0-9a-f]{8}$/);
    controller.abort();
    const r = await running;
    expect(r.exitCode).toBe(130);
    expect(await leftovers()).toBe('');
  });

  it('--registry-roundtrip pushes, removes the local image, pulls it back and tests the pulled image', async () => {
    const registry = await startRegistry();
    try {
      const local = `${prefix}/healthy:t1`;
      const remote = `${registry.host}/${prefix}/healthy:t1`;
      const idBefore = (await dockerOk(['image', 'inspect', '--format', '{{.Id}}', local])).stdout;
      const r = await project.cli(['test', 'healthy', '--registry-roundtrip', registry.host]);
      expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(`^healthy\\s+passed\\s+${remote.replaceAll('.', '\\.')}\\s+registry round trip, healthy, smoke`, 'm'),
      );
      expect(r.stderr).toMatch(/registry round trip: pushed \S+ \(sha256:[0-9a-f]{64}\), removed locally, pulled back/);
      const tags = (await (await fetch(`${registry.url}/v2/${prefix}/healthy/tags/list`)).json()) as { tags: string[] };
      expect(tags.tags).toEqual(['t1']);
      // the local store ends as it began: the original tag is back, the registry tag is gone
      expect((await dockerOk(['image', 'inspect', '--format', '{{.Id}}', local])).stdout).toBe(idBefore);
      expect(await imageExists(remote)).toBe(false);
    } finally {
      await registry.stop();
    }
    expect(await leftovers()).toBe('');
  });
});
