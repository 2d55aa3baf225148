import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../src/errors/index.js';
import { bakeFile, renderBakeFile } from '../../../src/plan/bake-file.js';
import { model, settings } from './images.js';

const s = settings({ registry: '127.0.0.1:5000', namespace: 'acme', tag: '7', baseTag: 'b1' });

describe('bakeFile', () => {
  it('writes one target per image, parents linked through target: contexts, and groups', () => {
    const images = [
      model('app', { from: 'base', copiesFrom: ['tools'], groups: ['web'], context: 'contexts/app/', version: '1.2.0' }),
      model('base', { tagSet: 'base', push: false, groups: ['basic'] }),
      model('tools', { groups: ['basic', 'web'], platforms: ['linux/amd64', 'linux/arm64'] }),
      model('fit:alpine', {
        target: 'runtime',
        buildContexts: { 'fit-release:3.5.3': 'contexts/fit/release' },
        secrets: [{ id: 'tok', env: 'TOKEN' }],
        ssh: ['default'],
      }),
    ];
    expect(bakeFile(images, s)).toEqual({
      group: {
        default: { targets: ['base', 'tools', 'app', 'fit-alpine'] },
        basic: { targets: ['base', 'tools'] },
        web: { targets: ['tools', 'app'] },
      },
      target: {
        base: {
          context: '.',
          dockerfile: 'generated/base/Dockerfile',
          target: 'main',
          tags: ['127.0.0.1:5000/acme/base:b1'],
          labels: {
            'org.opencontainers.image.title': 'base',
            'dev.dockwright.definition': 'definitions/base.ts',
            'dev.dockwright.image': 'base',
          },
        },
        tools: {
          context: '.',
          dockerfile: 'generated/tools/Dockerfile',
          target: 'main',
          tags: ['127.0.0.1:5000/acme/tools:7'],
          labels: {
            'org.opencontainers.image.title': 'tools',
            'dev.dockwright.definition': 'definitions/tools.ts',
            'dev.dockwright.image': 'tools',
          },
          platforms: ['linux/amd64', 'linux/arm64'],
        },
        app: {
          // bake reads `dockerfile` relative to `context`
          context: 'contexts/app/',
          dockerfile: '../../generated/app/Dockerfile',
          target: 'main',
          tags: ['127.0.0.1:5000/acme/app:7'],
          args: { BASE_IMAGE: 'dockwright-target/base', TOOLS_IMAGE: 'dockwright-target/tools' },
          labels: {
            'org.opencontainers.image.title': 'app',
            'org.opencontainers.image.version': '1.2.0',
            'dev.dockwright.definition': 'definitions/app.ts',
            'dev.dockwright.image': 'app',
          },
          contexts: { 'dockwright-target/base': 'target:base', 'dockwright-target/tools': 'target:tools' },
        },
        'fit-alpine': {
          context: '.',
          dockerfile: 'generated/fit-alpine/Dockerfile',
          target: 'runtime',
          tags: ['127.0.0.1:5000/acme/fit:7-alpine'],
          labels: {
            'org.opencontainers.image.title': 'fit',
            'dev.dockwright.definition': 'definitions/fit.ts',
            'dev.dockwright.image': 'fit:alpine',
          },
          contexts: { 'fit-release:3.5.3': 'contexts/fit/release' },
          secret: ['id=tok,env=TOKEN'],
          ssh: ['default'],
        },
      },
    });
  });

  it('uses the output folder setting and the labels it is given', () => {
    const file = bakeFile([model('a', { context: 'ctx' })], settings({ outputDir: 'out/docker' }), { labels: () => ({ team: 'x' }) });
    expect(file.target.a).toMatchObject({ dockerfile: '../out/docker/a/Dockerfile', labels: { team: 'x' } });
  });

  it('renames a group that has the name of a target', () => {
    const file = bakeFile([model('pai', { groups: ['pai'] }), model('other', { groups: ['pai'] })], s);
    expect(file.group).toEqual({ default: { targets: ['pai', 'other'] }, 'pai-group': { targets: ['pai', 'other'] } });
  });

  it('refuses a graph with an unknown parent', () => {
    expect(() => bakeFile([model('a', { from: 'nowhere' })], s)).toThrow(DefinitionError);
  });

  it('renders stable JSON text', () => {
    const text = renderBakeFile(bakeFile([model('a')], s));
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(bakeFile([model('a')], s));
  });
});

describe('bakeFile paths', () => {
  it('writes an absolute output folder relative to the root, or absolute without one', () => {
    const abs = settings({ outputDir: '/work/p/out' });
    expect(bakeFile([model('a', { context: 'ctx' })], abs, { root: '/work/p' }).target.a?.dockerfile).toBe('../out/a/Dockerfile');
    expect(bakeFile([model('a', { context: 'ctx' })], abs).target.a?.dockerfile).toBe('/work/p/out/a/Dockerfile');
  });
});
