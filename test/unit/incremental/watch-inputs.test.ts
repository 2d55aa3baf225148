import { describe, expect, it } from 'vitest';
import { affectedImages, imageWatch, watchedPaths, type WatchSet } from '../../../src/incremental/watch-inputs.js';
import { buildGraph } from '../../../src/plan/graph.js';
import type { ImageModel } from '../../../src/model/resolved.js';
import { model } from '../plan/images.js';

const root = '/p';
const base = model('base', { context: 'ctx/base' });
const app = model('app', {
  from: 'base',
  context: 'ctx/app',
  buildContexts: { data: 'named', img: 'docker-image://busybox:stable', remote: 'https://example.invalid/x.git' },
  inputs: {
    fetch: [],
    copyList: [{ src: 'shared', dest: 'lib' }],
    prerequisites: [{ name: 'gen', command: ['sh', 'tools/gen.sh'], inputs: ['tools/**/*.sh'], outputs: ['out/bin'] }],
  },
});
const leaf = model('leaf', { from: 'app', context: 'ctx/leaf' });
const other = model('other', { context: '.' });

function watchSet(images: readonly ImageModel[], ignores: Record<string, string> = {}): WatchSet {
  return {
    images: images.map((i) => imageWatch(i, { root, outputDir: 'generated', ...(ignores[i.id] ? { ignoreText: ignores[i.id] } : {}) })),
    children: buildGraph(images).children,
    project: ['/p/definitions', '/p/dockwright.config.ts', '/p/.env', '/p/templates'],
    skip: ['/p/generated', '/p/.dockwright/cache', '/p/build-logs', '/p/.git'],
  };
}

const all = [base, app, leaf, other];

describe('affectedImages', () => {
  it('a context file: its image and every image built on it, parents first', () => {
    expect(affectedImages(['/p/ctx/base/bin/python'], watchSet(all))).toEqual({ reload: false, ids: ['base', 'app', 'leaf', 'other'] });
    expect(affectedImages(['/p/ctx/app/main.py'], watchSet(all))).toEqual({ reload: false, ids: ['app', 'leaf', 'other'] });
    expect(affectedImages(['/p/ctx/leaf/x'], watchSet([base, app, leaf]))).toEqual({ reload: false, ids: ['leaf'] });
  });

  it('a file the ignore rules leave out of the context triggers nothing; a re-included one does', () => {
    const set = watchSet([base, app, leaf], { app: '*.log\ncache\n!cache/keep.txt\n' });
    expect(affectedImages(['/p/ctx/app/debug.log', '/p/ctx/app/cache/tmp.bin'], set)).toEqual({ reload: false, ids: [] });
    expect(affectedImages(['/p/ctx/app/cache/keep.txt'], set)).toEqual({ reload: false, ids: ['app', 'leaf'] });
    // the ignore file itself changes what docker sends
    expect(affectedImages(['/p/ctx/app/.dockerignore'], set)).toEqual({ reload: false, ids: ['app', 'leaf'] });
  });

  it('copy-list sources (ignore rules at their destination), named contexts and prerequisite inputs count; remote ones do not', () => {
    const set = watchSet([base, app, leaf], { app: 'lib/*.tmp\n' });
    expect(affectedImages(['/p/shared/run.sh'], set)).toEqual({ reload: false, ids: ['app', 'leaf'] });
    expect(affectedImages(['/p/shared/scratch.tmp'], set)).toEqual({ reload: false, ids: [] });
    expect(affectedImages(['/p/named/data.txt'], set)).toEqual({ reload: false, ids: ['app', 'leaf'] });
    expect(affectedImages(['/p/tools/sub/gen.sh'], set)).toEqual({ reload: false, ids: ['app', 'leaf'] });
    expect(affectedImages(['/p/tools/README.md', '/p/namedx/data.txt'], set)).toEqual({ reload: false, ids: [] });
  });

  it('definitions, templates and config reload the project; what the watch writes itself never counts', () => {
    expect(affectedImages(['/p/definitions/fate/graph.ts'], watchSet(all))).toEqual({ reload: true });
    expect(affectedImages(['/p/.env'], watchSet(all))).toEqual({ reload: true });
    expect(affectedImages(['/p/templates/Dockerfile.hbs'], watchSet(all))).toEqual({ reload: true });
    // `other` has the project root as its context: logs, cache and generated files are still not a change
    expect(
      affectedImages(['/p/build-logs/app.log', '/p/.dockwright/cache/hashes.json', '/p/generated/app/Dockerfile'], watchSet(all)),
    ).toEqual({
      reload: false,
      ids: [],
    });
    expect(affectedImages(['/p/README.md'], watchSet(all))).toEqual({ reload: false, ids: ['other'] });
  });
});

describe('watchedPaths', () => {
  it('the project files, each layer, named context and context ignore file, and the static folder of each prerequisite glob; nothing in the output folder', () => {
    expect(watchedPaths(watchSet([base, app]))).toEqual([
      '/p/definitions',
      '/p/dockwright.config.ts',
      '/p/.env',
      '/p/templates',
      '/p/ctx/base',
      '/p/ctx/base/.dockerignore',
      '/p/ctx/app',
      '/p/shared',
      '/p/ctx/app/.dockerignore',
      '/p/named',
      '/p/tools',
    ]);
  });
});
