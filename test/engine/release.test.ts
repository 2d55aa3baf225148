/**
 * `dockwright release` against a local registry: a release whose middle image fails its test moves
 * no tag (every tag keeps the previous release's digest); a fixed re-run reuses what was staged and
 * moves every tag; an interrupt before the final step moves none, one during it lets it finish.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { docker } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';
import { startRegistry, type Registry } from './support/registry.js';
import { shipSuite } from './support/ship-suite.js';

const definitions = (version: string, midExpect = version): string => `import { image, run } from 'dockwright';
const t = (file: string, expect: string) => ({ timeout: '20s', smoke: [{ argv: ['cat', file], expect }] });
// a context of its own: the definitions file (in the project root) is no input of the images
export const base = image({ name: 'base', tags: ['{tag}', 'latest'], context: 'ctx', from: 'busybox:stable', steps: [run('echo ${version} > /base')], test: t('/base', '${version}') });
export const mid = image({ name: 'mid', tags: ['{tag}', 'latest'], context: 'ctx', from: base, steps: [run('echo ${version} > /mid')], test: t('/mid', '${midExpect}') });
export const leaf = image({ name: 'leaf', tags: ['{tag}', 'latest'], context: 'ctx', from: mid, steps: [run('echo ${version} > /leaf')], test: t('/leaf', '${version}') });
`;

/** The digest each tag names in the registry (undefined: no such tag). */
async function tagDigests(registry: Registry, prefix: string): Promise<Record<string, string | undefined>> {
  const out: Record<string, string | undefined> = {};
  for (const name of ['base', 'mid', 'leaf'])
    for (const tag of ['t1', 'latest']) {
      const ref = `${registry.host}/${prefix}/${name}:${tag}`;
      const r = await docker(['buildx', 'imagetools', 'inspect', '--format', '{{json .Manifest.Digest}}', ref]);
      out[`${name}:${tag}`] = r.exitCode === 0 ? (JSON.parse(r.stdout) as string) : undefined;
    }
  return out;
}

describe.skipIf(!engineAvailable)('dockwright release (engine)', () => {
  const { prefix, project } = shipSuite('release', { 'definitions/images.ts': definitions('v1'), 'ctx/.keep': '' });

  /** The CLI in-process; `onErr` sees stderr as it is written (to interrupt at a chosen moment). */
  const release = async (registry: Registry, onErr?: (text: string, abort: () => void) => void) => {
    const controller = new AbortController();
    let stdout = '';
    let stderr = '';
    const exitCode = await main(['--registry', registry.host, 'release', '--progress', 'plain'], {
      cwd: project.root,
      env: process.env,
      stdout: { write: (t) => void (stdout += t) },
      stderr: {
        write: (t) => {
          stderr += t;
          onErr?.(t, () => controller.abort());
        },
      },
      signal: controller.signal,
    });
    return { exitCode, stdout, stderr };
  };

  it('moves every tag only when every image passed; a failing middle image moves none; a re-run reuses what was staged', async () => {
    const registry = await startRegistry();
    try {
      const first = await release(registry);
      expect(first.exitCode, `${first.stdout}\n${first.stderr}`).toBe(0);
      expect(first.stdout).toContain('released: every tag moved');
      const v1 = await tagDigests(registry, prefix);
      expect(Object.values(v1).every((d) => d?.startsWith('sha256:'))).toBe(true);
      // every tag names exactly the digest that was staged and tested
      for (const name of ['base', 'mid', 'leaf']) {
        expect(first.stdout).toContain(`${name}:dockwright-staging-`);
        expect(first.stdout).toMatch(new RegExp(`${name}:dockwright-staging-[0-9a-f]+ ${v1[`${name}:t1`]}`));
        expect(v1[`${name}:latest`]).toBe(v1[`${name}:t1`]);
      }

      await project.write({ 'definitions/images.ts': definitions('v2', 'not-what-it-prints') });
      const failed = await release(registry);
      expect(failed.exitCode, `${failed.stdout}\n${failed.stderr}`).toBe(1);
      expect(failed.stdout).toMatch(/^mid\s+.*FAILED/m);
      expect(failed.stdout).toContain('release stopped (mid failed the test): no tag moved');
      expect(failed.stderr).toContain('release stopped: mid failed the test; no tag moved');
      expect(await tagDigests(registry, prefix)).toEqual(v1);

      await project.write({ 'definitions/images.ts': definitions('v2') });
      const fixed = await release(registry);
      expect(fixed.exitCode, `${fixed.stdout}\n${fixed.stderr}`).toBe(0);
      expect(fixed.stdout).toMatch(/^base\s+\S+:dockwright-staging-\S+ sha256:\S+ \(already there\)/m);
      const v2 = await tagDigests(registry, prefix);
      for (const tag of Object.keys(v1)) {
        expect(v2[tag]).toMatch(/^sha256:/);
        expect(v2[tag]).not.toBe(v1[tag]);
      }
      // the released image is the one whose test passed: it prints v2
      const run = await docker(['run', '--rm', `${registry.host}/${prefix}/leaf:t1`, 'cat', '/mid', '/leaf']);
      expect(`${run.exitCode} ${run.stdout}`, run.stderr).toBe('0 v2\nv2');
    } finally {
      await registry.stop();
    }
  });

  it('an interrupt before the final step moves no tag (exit 130); one during it lets every tag move', async () => {
    const registry = await startRegistry();
    try {
      expect((await release(registry)).exitCode).toBe(0);
      const before = await tagDigests(registry, prefix);

      await project.write({ 'definitions/images.ts': definitions('v3') });
      const early = await release(registry, (text, abort) => {
        if (text.startsWith('staged ')) abort();
      });
      expect(early.exitCode, `${early.stdout}\n${early.stderr}`).toBe(130);
      expect(early.stdout).toContain('no tag moved');
      expect(await tagDigests(registry, prefix)).toEqual(before);

      const late = await release(registry, (text, abort) => {
        if (text.includes('moving the tags')) abort();
      });
      expect(late.exitCode, `${late.stdout}\n${late.stderr}`).toBe(0);
      expect(late.stdout).toContain('the interrupt came during the final step, which finished');
      const after = await tagDigests(registry, prefix);
      for (const tag of Object.keys(before)) expect(after[tag]).not.toBe(before[tag]);
    } finally {
      await registry.stop();
    }
  });
});
