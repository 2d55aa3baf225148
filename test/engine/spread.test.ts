/**
 * One graph spread over two engines (the `engines` setting): the default engine (`main`, its
 * docker context `default`) and a second dockerd (`second`, by its address). Parents and children
 * sit on different engines both ways; `build --push` builds each image where it is placed, pushes
 * it by its build, and a child on the other engine starts from its parent's pushed digest. Every
 * image ends in the registry at the digest the build reported, each child's layers start with
 * its parent's, and a second run builds nothing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerOk } from './support/docker-cli.js';
import { startSecondDockerd, type SecondDockerd } from './support/dockerd.js';
import { engineAvailable } from './support/engine.js';
import { copyImage, imageExists, removeImages, uniquePrefix } from './support/images.js';
import { startRegistry, type Registry } from './support/registry.js';
import { shipProject, type ShipProject } from './support/ship-project.js';

const definitions = `import { image, run } from 'dockwright';
export const base = image({ name: 'base', engine: 'main', from: 'busybox:stable', steps: [run('echo base > /base')] });
export const mid = image({ name: 'mid', engine: 'second', from: base, steps: [run('echo mid > /mid')] });
export const leaf = image({ name: 'leaf', engine: 'main', from: mid, steps: [run('echo leaf > /leaf')] });
export const side = image({ name: 'side', engine: 'second', from: base, steps: [run('echo side > /side')] });
export const tool = image({ name: 'tool', engine: 'second', from: 'busybox:stable', steps: [run('echo tool > /tool')] });
export const toolkit = image({ name: 'toolkit', engine: 'second', from: tool, steps: [run('echo kit > /kit')] });
`;

const names = ['base', 'mid', 'leaf', 'side', 'tool', 'toolkit'] as const;
const parentOf: Record<string, string> = { mid: 'base', leaf: 'mid', side: 'base', toolkit: 'tool' };
const engineOf: Record<string, string> = { base: 'main', mid: 'second', leaf: 'main', side: 'second', tool: 'second', toolkit: 'second' };
/** Children whose parent builds on the other engine. */
const handedOver = ['mid', 'leaf', 'side'];

/** The registry's manifest of a ref: its digest and layer digests (the image's own, one platform). */
async function manifestOf(ref: string): Promise<{ digest: string; layers: string[] }> {
  const digest = (
    JSON.parse((await dockerOk(['buildx', 'imagetools', 'inspect', '--format', '{{json .Manifest}}', ref])).stdout) as {
      digest: string;
    }
  ).digest;
  let raw = JSON.parse((await dockerOk(['buildx', 'imagetools', 'inspect', '--raw', ref])).stdout) as {
    manifests?: { digest: string; platform?: { architecture?: string } }[];
    layers?: { digest: string }[];
  };
  // an index (attestations beside the image): the image manifest is the one with a real platform
  if (raw.manifests) {
    const image = raw.manifests.find((m) => m.platform?.architecture !== 'unknown') ?? raw.manifests[0];
    const repo = ref.replace(/:[^/:]*$/, '');
    raw = JSON.parse((await dockerOk(['buildx', 'imagetools', 'inspect', '--raw', `${repo}@${image?.digest ?? ''}`])).stdout) as typeof raw;
  }
  return { digest, layers: (raw.layers ?? []).map((l) => l.digest) };
}

describe.skipIf(!engineAvailable)('one graph over two engines (engine)', () => {
  const prefix = uniquePrefix('spread');
  let registry: Registry;
  let second: SecondDockerd;
  let project: ShipProject;
  const cli = (args: string[]) => project.cli(['--registry', registry.host, ...args]);
  const ref = (name: string): string => `${registry.host}/${prefix}/${name}:t1`;

  beforeAll(async () => {
    registry = await startRegistry();
    second = await startSecondDockerd();
    await copyImage('busybox:stable', { host: second.host });
    const engines = `[{ name: 'main', context: 'default' }, { name: 'second', host: '${second.host}' }]`;
    project = await shipProject(`{ namespace: '${prefix}', tag: 't1', engines: ${engines} }`, { 'definitions/images.ts': definitions });
  });

  afterAll(async () => {
    await removeImages(prefix);
    await removeImages(prefix, { host: second?.host ?? '' });
    await project?.remove();
    await second?.stop();
    await registry?.stop();
  });

  it('check and --dry-run say where each image builds; without --push the build is refused (exit 2)', async () => {
    const checked = await cli(['check']);
    expect(checked.exitCode, checked.stderr).toBe(0);
    for (const name of names) expect(checked.stdout).toContain(`${name} builds on ${engineOf[name]}\n`);
    const dry = await cli(['build', '--dry-run', '--push']);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/\. mid {2}\(after base\) {2}\[engine second\]/);
    expect(dry.stdout).toMatch(/DOCKER_HOST=\S+ docker buildx build/);
    const refused = await cli(['build']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/several engines \(main, second\): add --push/);
  });

  it("build --push: each image built on its engine, in the registry at the reported digest, children on their parents' layers; again: nothing built", async () => {
    const built = await cli(['build', '--push', '--progress', 'plain']);
    expect(built.exitCode, `${built.stdout}\n${built.stderr}`).toBe(0);
    expect(built.stdout).toContain('6 built');
    const reported = new Map<string, string>();
    for (const name of names) {
      const line = new RegExp(
        `^pushed ${registry.host}/${prefix}/${name}@(sha256:[0-9a-f]{64}) \\(built on ${engineOf[name]}\\)$`,
        'm',
      ).exec(built.stderr);
      expect(line, `${name} in\n${built.stderr}`).not.toBeNull();
      reported.set(name, line?.[1] as string);
    }
    // a child on another engine was built FROM its parent's pushed digest (BuildKit's own progress line says so)
    for (const child of handedOver)
      expect(built.stderr).toMatch(
        new RegExp(
          `^\\[${child}\\] #\\d+ \\[1/2\\] FROM ${registry.host}/${prefix}/${parentOf[child]}@${reported.get(parentOf[child] as string)}$`,
          'm',
        ),
      );
    // tool and toolkit share the second engine: one bake session there, beside the builds on main
    const toolkitLog = await readFile(join(project.root, 'build-logs', 'toolkit.log'), 'utf8');
    expect(toolkitLog).toContain('buildx bake -f - --progress=plain tool toolkit <<< (bake file of 2 images: tool, toolkit)');

    const manifests = new Map<string, { digest: string; layers: string[] }>();
    for (const name of names) {
      const m = await manifestOf(ref(name));
      expect(m.digest, name).toBe(reported.get(name));
      manifests.set(name, m);
      const config = JSON.parse((await dockerOk(['buildx', 'imagetools', 'inspect', '--format', '{{json .Image}}', ref(name)])).stdout) as {
        config: { Labels: Record<string, string> };
      };
      expect(config.config.Labels['dev.dockwright.image']).toBe(name);
      expect(config.config.Labels['dev.dockwright.input-digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    for (const [child, parent] of Object.entries(parentOf)) {
      const c = manifests.get(child)?.layers ?? [];
      const p = manifests.get(parent)?.layers ?? [];
      expect(p.length).toBeGreaterThan(0);
      expect(c.slice(0, p.length), `${child} starts with ${parent}'s layers`).toEqual(p);
      expect(c.length).toBe(p.length + 1);
    }
    // built where placed: the second engine holds what it built, the default one what it built
    expect(await imageExists(ref('mid'), { host: second.host })).toBe(true);
    expect(await imageExists(ref('mid'))).toBe(false);
    expect(await imageExists(ref('leaf'))).toBe(true);
    expect(await imageExists(ref('leaf'), { host: second.host })).toBe(false);

    const again = await cli(['build', '--push', '--progress', 'plain']);
    expect(again.exitCode, `${again.stdout}\n${again.stderr}`).toBe(0);
    expect(again.stdout).toContain('6 up to date');
    expect(again.stderr).not.toMatch(/input digest \S+: building/);
    for (const name of names)
      expect(again.stderr).toContain(`pushed ${registry.host}/${prefix}/${name}@${reported.get(name)} (up to date on`);
  });
});
