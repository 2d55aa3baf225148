/**
 * The FIT-, Ascend- and PAI-like examples (docs/examples.md) built for real by `dockwright build`,
 * from a copy of the repository's example project: FIT's debian variant verified healthy through
 * a registry round trip, Ascend's image built to an intermediate stage with `--target`, PAI's
 * images built from their assembled contexts. None runs apt-get: they build in seconds.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerOk } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { imageExists, removeImages, uniquePrefix } from './support/images.js';
import { startRegistry, type Registry } from './support/registry.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const TWO_MINUTES = 120_000;

describe.skipIf(!engineAvailable)('dockwright build: the FIT-, Ascend- and PAI-like examples (engine)', () => {
  const prefix = uniquePrefix('examples');
  let root = '';

  /** `dockwright -C <copy> --namespace <prefix> …` in a child process, as a user runs it. */
  const dockwright = async (args: readonly string[]) => {
    const script = `const { main } = await import(${JSON.stringify(join(repoRoot, 'src/cli/main.ts'))}); process.exitCode = await main(process.argv.slice(1));`;
    const argv = ['-C', root, '--namespace', prefix, ...args];
    const r = await execa('node', ['--import', 'tsx', '--input-type=module', '-e', script, '--', ...argv], {
      cwd: repoRoot,
      reject: false,
      all: true,
    });
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, all: r.all };
  };
  /** `sh -c script` in a fresh container of `ref` (as root, whatever user the image sets). */
  const inImage = async (ref: string, script: string): Promise<string> =>
    (await dockerOk(['run', '--rm', '--user', '0', '--entrypoint', 'sh', ref, '-c', script])).stdout;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'dockwright-examples-'));
    for (const entry of ['dockwright.config.ts', 'definitions', 'contexts'])
      await cp(join(repoRoot, entry), join(root, entry), { recursive: true });
  });

  afterAll(async () => {
    await removeImages(prefix);
    if (root) await rm(root, { recursive: true, force: true });
  });

  describe('FIT: the debian variant, healthy through a registry round trip', () => {
    let registry: Registry | undefined;
    beforeAll(async () => {
      registry = await startRegistry();
    });
    afterAll(async () => {
      await registry?.stop();
    });

    it('builds fit-framework:debian for the registry, pushes, pulls back and passes its checks', { timeout: TWO_MINUTES }, async () => {
      const host = (registry as Registry).host;
      const ref = `${host}/${prefix}/fit-framework:3.5.3-debian`;
      const built = await dockwright(['--registry', host, 'build', 'fit-framework:debian', '--progress', 'plain']);
      expect(built.exitCode, built.all).toBe(0);
      expect(built.stdout).toMatch(/^fit-framework:debian\s+built\b/m);
      for (const tag of ['3.5.3-debian', 'debian', 'latest-debian'])
        expect(await imageExists(`${host}/${prefix}/fit-framework:${tag}`), tag).toBe(true);

      const tested = await dockwright(['--registry', host, 'test', 'fit-framework:debian', '--registry-roundtrip', host]);
      expect(tested.exitCode, tested.all).toBe(0);
      const row = tested.stdout.split('\n').find((line) => line.startsWith('fit-framework:debian'));
      expect(row, tested.stdout).toMatch(/^fit-framework:debian\s+passed\s+/);
      for (const check of ['registry round trip', 'healthy', 'fit version', '/health']) expect(row, check).toContain(check);
      // the image really went through the registry, and the local tag is the pulled image
      const tags = (await (await fetch(`${(registry as Registry).url}/v2/${prefix}/fit-framework/tags/list`)).json()) as { tags: string[] };
      expect(tags.tags).toContain('3.5.3-debian');
      const digests = (await dockerOk(['image', 'inspect', '--format', '{{json .RepoDigests}}', ref])).stdout;
      expect(digests).toContain(`${host}/${prefix}/fit-framework@sha256:`);
      // no test container is left behind
      expect((await dockerOk(['ps', '-a', '--filter', 'name=dw-test-fit-framework-debian', '--format', '{{.Names}}'])).stdout).toBe('');
    });
  });

  describe('Ascend: one image built to an intermediate stage', () => {
    const ref = `${prefix}/ascend-app:dev`;
    const ASCEND = '/usr/local/Ascend';

    it('--target naming no stage of the image is a usage error listing its stages', { timeout: TWO_MINUTES }, async () => {
      const r = await dockwright(['build', 'ascend-app', '--target', 'torch', '--dry-run']);
      expect(r.exitCode, r.all).toBe(2);
      expect(r.stderr).toContain('--target "torch" is not a stage of image ascend-app (stages: base, python, cann, pta, app)');
    });

    it(
      '--target cann: CANN is installed, PyTorch and the app are not, the packages are in no layer',
      { timeout: TWO_MINUTES },
      async () => {
        // the default engine keeps the classic image store: one of the image's two platforms
        const r = await dockwright(['build', 'ascend-app', '--target', 'cann', '--platform', 'linux/amd64', '--progress', 'plain']);
        expect(r.exitCode, r.all).toBe(0);
        expect(r.stdout).toMatch(/^ascend-app\s+built\b/m);
        expect(await imageExists(ref)).toBe(true);
        expect(await readFile(join(root, 'build-logs', 'ascend-app.log'), 'utf8')).toContain('--target cann');

        // what the stages up to cann install, from the bind-mounted packages
        expect(await inImage(ref, `cat ${ASCEND}/ascend-toolkit/latest/version.info; python3 --version`)).toBe(
          'toolkit_version=8.0.RC3\nPython 3.10 (stand-in)',
        );
        const env = (await dockerOk(['image', 'inspect', '--format', '{{json .Config.Env}}', ref])).stdout;
        expect(env).toContain('ASCEND_DEVICE=910b');
        // what only pta (torch, torch_npu) and app (the app's scripts) add
        const site = '/usr/local/python3.10/lib/python3.10/site-packages';
        expect(
          await inImage(
            ref,
            `for f in ${site}/torch ${site}/torch_npu /home/HwHiAiUser/app/infer.sh; do test ! -e "$f" || echo "$f"; done`,
          ),
        ).toBe('');

        // the vendor packages never became part of the image: not at the mount point, nowhere as a file, no COPY/ADD
        expect(await inImage(ref, 'ls -A /tmp/pkgs 2>/dev/null; find / -xdev -name "*.run" 2>/dev/null')).toBe('');
        const history = (await dockerOk(['history', '--no-trunc', '--format', '{{.CreatedBy}}', ref])).stdout.split('\n');
        expect(history.filter((line) => /^(COPY|ADD)\b/.test(line))).toEqual([]);
        expect(history.some((line) => line.includes('/tmp/pkgs/cann/Ascend-cann-toolkit_'))).toBe(true);
      },
    );
  });

  describe('PAI: assembled contexts and a prerequisite', () => {
    const ref = (id: string): string => `${prefix}/${id}:dev`;

    it(
      'builds the pai group; each image has its copy-list files and the artifact; the contexts are removed',
      { timeout: TWO_MINUTES },
      async () => {
        const r = await dockwright(['build', '--group', 'pai', '--progress', 'plain']);
        expect(r.exitCode, r.all).toBe(0);
        for (const id of ['pai-base', 'rest-server', 'job-exporter']) {
          expect(r.stdout, id).toMatch(new RegExp(`^${id}\\s+built\\b`, 'm'));
          expect(await imageExists(ref(id)), id).toBe(true);
        }
        const src = join(root, 'contexts/pai/src');
        const lib = await readFile(join(src, 'common/lib/log.sh'), 'utf8');
        const cluster = await readFile(join(src, 'common/config/cluster.yaml'), 'utf8');

        // pai-base: the shared library from common/lib (copy-list) beside its own folder's file
        expect(await inImage(ref('pai-base'), 'cat /usr/local/lib/pai/log.sh')).toBe(lib.trimEnd());
        expect(await inImage(ref('pai-base'), 'test -f /etc/profile.d/pai.sh && echo ok')).toBe('ok');
        // rest-server: the cluster configuration from common/config, its own www/ and src/
        expect(await inImage(ref('rest-server'), 'cat /etc/pai/cluster.yaml')).toBe(cluster.trimEnd());
        expect(await inImage(ref('rest-server'), 'test -x /opt/pai/rest-server/server.sh && ls /opt/pai/rest-server/www/api/v2')).toBe(
          'health',
        );
        // job-exporter: the prerequisite's artifact at bin/job-exporter, its own config and the cluster's, on pai-base
        const artifact = join(root, '.dockwright/artifacts/pai/job-exporter');
        expect(existsSync(artifact)).toBe(true);
        expect(await inImage(ref('job-exporter'), 'test -x /usr/local/bin/job-exporter && cat /usr/local/bin/job-exporter')).toBe(
          (await readFile(artifact, 'utf8')).trimEnd(),
        );
        expect(await inImage(ref('job-exporter'), 'ls /etc/pai; cat /etc/pai/cluster.yaml')).toBe(
          `cluster.yaml\njob-exporter.yaml\n${cluster.trimEnd()}`,
        );
        expect(await inImage(ref('job-exporter'), 'cat /usr/local/lib/pai/log.sh')).toBe(lib.trimEnd());

        // the assembled contexts under the cache dir are gone; the sources are untouched
        expect(await readdir(join(root, '.dockwright/cache/contexts')).catch(() => [])).toEqual([]);
        expect(existsSync(join(src, 'rest-server/config'))).toBe(false);
        const prereqLog = await readFile(join(root, 'build-logs', 'job-exporter.log'), 'utf8');
        expect(prereqLog).toContain('built .dockwright/artifacts/pai/job-exporter');
      },
    );
  });
});
