/**
 * dockwright's ignore rules against BuildKit's own: a context full of awkward `.dockerignore`
 * patterns is sent to BuildKit with `COPY . /` into an empty image exported as a folder; the files,
 * folders and links that land there must be exactly the entries dockwright's input digest hashes.
 * Both kinds of ignore file are checked: the context's `.dockerignore`, and the
 * `<Dockerfile>.dockerignore` beside a Dockerfile outside the context, which BuildKit prefers.
 */
import { mkdir, mkdtemp, readdir, lstat, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTree } from '../../src/incremental/context-tree.js';
import { dockerignoreMatcher, parseDockerignore } from '../../src/incremental/dockerignore.js';
import { nodeDigestFs } from '../../src/io/digest-fs.js';
import { openHashCache } from '../../src/io/hash-cache.js';
import { dockerOk } from './support/docker-cli.js';
import { engineAvailable } from './support/engine.js';

const FILES = [
  'keep/a.txt',
  'keep/b.log',
  'top.log',
  'sub/top.log',
  'build/out.bin',
  'build/keep.txt',
  'build/sub/keep.txt',
  'docs/readme.md',
  'docs/x/readme.md',
  'docs/x/other.md',
  'a/b/c/deep.tmp',
  'a/b/c/other.tmp',
  'a/bc.txt',
  'x/c/f.txt',
  'c/f.txt',
  'vendor/lib/x.go',
  'vendor/keep/y.go',
  'node_modules/pkg/index.js',
  'src/__pycache__/m.pyc',
  'src/deep/__pycache__/n.pyc',
  'src/main.py',
  '#notes.txt',
  '#hash.txt',
  '# spaced.txt',
  'top.txt',
  'xop.txt',
  '!op.txt',
  'trail/t.txt',
  'Dockerfile',
];

const PATTERNS = [
  '# a comment: this line is not a pattern',
  '  # spaced.txt',
  '/build/',
  '!build/keep.txt',
  '**/*.log',
  '!keep/*.log',
  '**/__pycache__',
  'vendor',
  '!vendor/keep',
  'docs/**',
  '!docs/x/readme.md',
  '  node_modules  ',
  '*/c',
  'a/b',
  '!a/b/c/deep.tmp',
  '\\#hash.txt',
  '[!x]op.txt',
  'trail/',
  '!./trail/t.txt',
  '.dockerignore',
  '',
  '\t',
].join('\n');

type Kind = 'dir' | 'file' | 'symlink';

async function exported(dir: string, rel = '', out = new Map<string, Kind>()): Promise<Map<string, Kind>> {
  for (const name of await readdir(join(dir, rel))) {
    const path = rel === '' ? name : `${rel}/${name}`;
    const st = await lstat(join(dir, path));
    const kind: Kind = st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'dir' : 'file';
    out.set(path, kind);
    if (kind === 'dir') await exported(dir, path, out);
  }
  return out;
}

async function digested(context: string, ignoreText: string): Promise<Map<string, Kind>> {
  const cache = await openHashCache(undefined);
  const tree = await hashTree([{ src: context, dest: '' }], {
    fs: nodeDigestFs,
    cache,
    ignore: dockerignoreMatcher(parseDockerignore(ignoreText)),
  });
  const kindOf = (value: string): Kind => (value.endsWith(' dir') ? 'dir' : value.includes(' -> ') ? 'symlink' : 'file');
  return new Map(Object.entries(tree).map(([path, value]) => [path, kindOf(value)]));
}

const sorted = (m: Map<string, Kind>): string[] => [...m].map(([p, k]) => `${p} (${k})`).sort();

describe.skipIf(!engineAvailable)('ignore rules: dockwright hashes what BuildKit sends (engine)', () => {
  let root = '';
  let context = '';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'dockwright-ignore-'));
    context = join(root, 'ctx');
    for (const f of FILES) {
      await mkdir(join(context, f, '..'), { recursive: true });
      await writeFile(join(context, f), `${f}\n`);
    }
    await mkdir(join(context, 'empty'), { recursive: true });
    await mkdir(join(context, 'build', 'empty'), { recursive: true });
    await symlink('keep/a.txt', join(context, 'link'));
    await symlink('missing-target', join(context, 'vendor', 'keep', 'dangling'));
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  async function buildkitSees(dockerfile: string, name: string): Promise<Map<string, Kind>> {
    const out = join(root, `out-${name}`);
    await dockerOk(['buildx', 'build', '--quiet', '--output', `type=local,dest=${out}`, '-f', dockerfile, context]);
    return exported(out);
  }

  it("the context's .dockerignore", async () => {
    await writeFile(join(context, '.dockerignore'), PATTERNS);
    const dockerfile = join(root, 'root-ignore', 'Dockerfile');
    await mkdir(join(dockerfile, '..'), { recursive: true });
    await writeFile(dockerfile, 'FROM scratch\nCOPY . /\n');
    const seen = await buildkitSees(dockerfile, 'root');
    expect(sorted(await digested(context, PATTERNS))).toEqual(sorted(seen));
    await rm(join(context, '.dockerignore'));
  });

  it('<Dockerfile>.dockerignore beside the Dockerfile wins over the context', async () => {
    await writeFile(join(context, '.dockerignore'), '*\n');
    const dockerfile = join(root, 'own-ignore', 'Dockerfile');
    await mkdir(join(dockerfile, '..'), { recursive: true });
    await writeFile(dockerfile, 'FROM scratch\nCOPY . /\n');
    await writeFile(`${dockerfile}.dockerignore`, PATTERNS.replace('.dockerignore', 'Dockerfile'));
    const seen = await buildkitSees(dockerfile, 'own');
    expect(seen.has('.dockerignore')).toBe(true);
    expect(sorted(await digested(context, PATTERNS.replace('.dockerignore', 'Dockerfile')))).toEqual(sorted(seen));
    await rm(join(context, '.dockerignore'));
  });
});
