import { chmod, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffInputs } from '../../../src/incremental/diff-inputs.js';
import { openHashCache } from '../../../src/io/hash-cache.js';
import { collectInputs, imageRefs, type ImageDigestRequest } from '../../../src/incremental/image-inputs.js';
import { inputDigest, type DigestInputs } from '../../../src/incremental/input-record.js';
import type { ImageModel } from '../../../src/model/resolved.js';
import { cleanupProjects, tempProject, writeFiles } from '../cli/support/temp-project.js';
import { model } from '../plan/images.js';

afterEach(cleanupProjects);

let root = '';
beforeEach(async () => {
  root = await tempProject({
    'ctx/app/main.py': 'print(1)\n',
    'ctx/app/util.py': 'x = 2\n',
    'ctx/notes.log': 'ignored\n',
    'ctx/.dockerignore': '*.log\n',
    'shared/lib.sh': 'echo lib\n',
    'named/data.txt': 'data\n',
    'tools/gen.sh': 'echo gen\n',
    '.dockwright/cache/hashes.json': '{}',
  });
});

const app: ImageModel = model('app', {
  from: 'base',
  context: 'ctx',
  args: { MODE: { default: 'fast', description: undefined, fromVersion: false } },
  buildContexts: { data: 'named', img: 'docker-image://busybox:stable' },
  secrets: [{ id: 'tok', env: 'TOKEN' }],
  inputs: {
    fetch: [],
    copyList: [{ src: 'shared', dest: 'lib' }],
    prerequisites: [{ name: 'gen', command: ['sh', 'tools/gen.sh'], inputs: ['tools/**'], outputs: ['out/bin'] }],
  },
});

const request = (over: Partial<ImageDigestRequest> = {}): ImageDigestRequest => ({
  image: app,
  root,
  outputDir: 'generated',
  ownDirs: ['.dockwright/cache', 'build-logs'],
  dockerfile: 'FROM ${BASE_IMAGE}\nCOPY app /app\n',
  buildArgs: ['MODE=slow'],
  env: {},
  platforms: [],
  labels: { 'org.opencontainers.image.title': 'app', 'org.opencontainers.image.created': '2024-01-01T00:00:00Z' },
  extra: [],
  parents: { base: 'sha256:parent1' },
  imageIds: new Map([['busybox:stable', 'sha256:bb1']]),
  ...over,
});

const inputs = async (over: Partial<ImageDigestRequest> = {}): Promise<DigestInputs> =>
  collectInputs(request(over), { cache: await openHashCache(undefined) });

describe('collectInputs', () => {
  it('records the context docker sees, with the copy-list laid over it, and nothing from ignored or own files', async () => {
    const i = await inputs();
    expect(Object.keys(i.files)).toEqual(['.dockerignore', 'app', 'app/main.py', 'app/util.py', 'lib', 'lib/lib.sh']);
    expect(i.files['app/main.py']).toMatch(/^0644 [0-9a-f]{64}$/);
    expect(i.files.app).toBe('0755 dir');
    expect(i.parents).toEqual({ base: 'sha256:parent1' });
    expect(i.bases).toEqual({ 'busybox:stable': 'sha256:bb1' });
    expect(i.contexts.img).toBe('sha256:bb1');
    expect(i.contexts.data).toMatch(/^sha256:/);
    expect(i.secrets).toEqual(['tok']);
    // the value is never recorded, only its hash; volatile labels are left out
    expect(JSON.stringify(i)).not.toContain('slow');
    expect(Object.keys(i.labels)).toEqual(['org.opencontainers.image.title']);
  });

  it('gives the same digest for the same inputs', async () => {
    expect(inputDigest(await inputs())).toBe(inputDigest(await inputs()));
  });

  const changes: [string, () => Promise<Partial<ImageDigestRequest> | void>, string][] = [
    ['Dockerfile text', async () => ({ dockerfile: 'FROM ${BASE_IMAGE}\nCOPY app /srv\n' }), 'Dockerfile'],
    ['a build arg value', async () => ({ buildArgs: ['MODE=fast'] }), 'arg MODE'],
    ['an env build arg', async () => ({ buildArgs: ['MODE'], env: { MODE: 'x' } }), 'arg MODE'],
    ['the platforms', async () => ({ platforms: ['linux/arm64'] }), 'platforms'],
    ['a label', async () => ({ labels: { 'org.opencontainers.image.title': 'other' } }), 'label org.opencontainers.image.title'],
    ['extra docker options', async () => ({ extra: ['--network=host'] }), 'extra docker options'],
    ['a context file', async () => void (await writeFile(path.join(root, 'ctx/app/main.py'), 'print(2)\n')), 'context file app/main.py'],
    ['a new context file', async () => void (await writeFile(path.join(root, 'ctx/app/new.py'), '')), 'context file app/new.py (added)'],
    ['a removed context file', async () => void (await rm(path.join(root, 'ctx/app/util.py'))), 'context file app/util.py (removed)'],
    ['a file mode', async () => void (await chmod(path.join(root, 'ctx/app/main.py'), 0o755)), 'context file app/main.py'],
    ['an empty folder', async () => void (await mkdir(path.join(root, 'ctx/app/empty'))), 'context file app/empty (added)'],
    ['a symlink', async () => void (await symlink('main.py', path.join(root, 'ctx/app/link.py'))), 'context file app/link.py (added)'],
    ['the ignore file', async () => void (await writeFile(path.join(root, 'ctx/.dockerignore'), '')), 'context file .dockerignore'],
    [
      'a copy-list source file',
      async () => void (await writeFile(path.join(root, 'shared/lib.sh'), 'echo 2\n')),
      'context file lib/lib.sh',
    ],
    ['a named context file', async () => void (await writeFile(path.join(root, 'named/data.txt'), 'new\n')), 'build context data'],
    ['a docker-image:// context', async () => ({ imageIds: new Map([['busybox:stable', 'sha256:bb2']]) }), 'build context img'],
    ['a prerequisite input', async () => void (await writeFile(path.join(root, 'tools/gen.sh'), 'echo 3\n')), 'prerequisite gen'],
    ['a parent digest', async () => ({ parents: { base: 'sha256:parent2' } }), 'parent base'],
    ['an external base id', async () => ({ imageIds: new Map([['busybox:stable', 'sha256:bb2']]) }), 'base busybox:stable'],
    ['the secret ids', async () => ({ image: { ...app, secrets: [] } }), 'secret ids'],
  ];

  it.each(changes)('a change of %s changes the digest and is named', async (_what, change, named) => {
    const before = await inputs();
    const over = (await change()) ?? {};
    const after = await inputs(over);
    expect(inputDigest(after)).not.toBe(inputDigest(before));
    expect(diffInputs(before, after)).toContain(named);
  });

  it.each([
    ['an ignored file', 'ctx/notes.log'],
    ['a new ignored file', 'ctx/more.log'],
    ["dockwright's own cache", '.dockwright/cache/hashes.json'],
    ['a file outside the context', 'elsewhere.txt'],
  ])('a change of %s does not change the digest', async (_what, file) => {
    const before = await inputs({ image: { ...app, context: 'ctx' } });
    await writeFiles(root, { [file]: 'changed' });
    const after = await inputs({ image: { ...app, context: 'ctx' } });
    expect(diffInputs(before, after)).toEqual([]);
    expect(inputDigest(after)).toBe(inputDigest(before));
  });

  it('a proxy build arg does not count (BuildKit does not count it either)', async () => {
    expect(inputDigest(await inputs({ buildArgs: ['MODE=slow', 'HTTP_PROXY=http://p:3128'] }))).toBe(inputDigest(await inputs()));
  });

  it("prefers the Dockerfile's own ignore file beside it over the context's", async () => {
    await writeFiles(root, { 'generated/app/Dockerfile.dockerignore': 'app/util.py\n' });
    const i = await inputs();
    expect(Object.keys(i.files)).toEqual(['.dockerignore', 'app', 'app/main.py', 'lib', 'lib/lib.sh', 'notes.log']);
  });

  it('a context of the project root leaves out only dockwright-owned folders', async () => {
    const i = await inputs({ image: { ...app, context: '.', inputs: { fetch: [], copyList: [], prerequisites: [] } } });
    expect(Object.keys(i.files).filter((f) => f.startsWith('.dockwright'))).toEqual(['.dockwright']);
    expect(i.files['ctx/notes.log']).toBeDefined();
  });

  it('substitutes ARGs in external refs with the build args, else the defaults', () => {
    const img: ImageModel = {
      ...model('x', { args: { OS: { default: 'bookworm', description: undefined, fromVersion: false } } }),
      stages: [{ name: 'main', from: { kind: 'external', ref: 'debian:${OS}-slim' }, steps: [] }],
    };
    expect(imageRefs({ image: img, buildArgs: [], env: {} })).toEqual(['debian:bookworm-slim']);
    expect(imageRefs({ image: img, buildArgs: ['OS'], env: { OS: 'trixie' } })).toEqual(['debian:trixie-slim']);
  });
});
