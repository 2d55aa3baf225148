import { describe, expect, it } from 'vitest';
import type { InstructionModel } from '../../../src/model/resolved.js';
import { tagProblem } from '../../../src/compile/lint/rules/base-image-tag.js';
import { looksSecret } from '../../../src/compile/lint/rules/secret-in-arg-env.js';
import { arg, cleanImage, env, imageM, lintOne, paths, run, stageM, userStep } from './support.js';

describe('base-image-tag', () => {
  it('classifies references', () => {
    expect(tagProblem('debian')).toBe('missing');
    expect(tagProblem('localhost:5000/team/app')).toBe('missing');
    expect(tagProblem('python:latest')).toBe('latest');
    expect(tagProblem('python:3.12-slim')).toBeUndefined();
    expect(tagProblem('python:${PY}-slim')).toBeUndefined();
    expect(tagProblem('${BASE_IMAGE}')).toBeUndefined();
    expect(tagProblem('debian@sha256:abc')).toBeUndefined();
    expect(tagProblem('python:latest@sha256:abc')).toBeUndefined();
    expect(tagProblem('scratch')).toBeUndefined();
    expect(tagProblem('localhost:5000/app:1.0')).toBeUndefined();
  });

  it('flags FROM, COPY --from and mount from external images', () => {
    const copyFrom: InstructionModel = {
      kind: 'copy',
      sources: ['/bin/busybox'],
      dest: '/bin/',
      from: { kind: 'external', ref: 'busybox:latest' },
    };
    const mount: InstructionModel = {
      kind: 'run',
      body: { form: 'shell', commands: ['true'] },
      mounts: [{ type: 'bind', target: '/x', from: { kind: 'external', ref: 'alpine' } }],
    };
    const image = imageM({ stages: [stageM('main', 'debian', [copyFrom, mount])], user: { user: 'app', group: undefined } });
    const found = lintOne('base-image-tag', image);
    expect(paths(found)).toEqual(['stages[0].from', 'stages[0].steps[0].from', 'stages[0].steps[1].mounts[0].from']);
    expect(found[0]?.problem.message).toMatch(/pin a version tag \(debian:<version>\) or a digest/);
    expect(found[1]?.problem.message).toMatch(/"latest" tag/);
  });

  it('accepts pinned images, scratch and stages', () => {
    const image = imageM({
      stages: [stageM('build', 'golang:1.23'), stageM('main', 'scratch'), stageM('next', { kind: 'stage', name: 'main' })],
    });
    expect(lintOne('base-image-tag', image)).toEqual([]);
  });
});

describe('secret-in-arg-env', () => {
  it('matches the secret-looking names, case-insensitively', () => {
    for (const name of ['DB_PASSWORD', 'passwd', 'GITHUB_TOKEN', 'client_secret', 'AWS_ACCESS_KEY', 'OPENAI_API_KEY_FILE'])
      expect(looksSecret(name), name).toBe(true);
    for (const name of ['PATH', 'KEYBOARD', 'KEY_ID', 'GPG_KEY', 'PUBLIC_KEY', 'TOKENIZERS_PARALLELISM'])
      expect(looksSecret(name), name).toBe(false);
  });

  it('flags image args, image env, stage ARGs and ENV names, and says to use a secret mount', () => {
    const image = cleanImage([arg('NPM_TOKEN'), env({ DB_PASSWORD: 'x', MODE: 'prod' })], {
      args: { API_KEY: { default: undefined, description: undefined, fromVersion: false } },
      env: { SECRET: 's' },
    });
    const found = lintOne('secret-in-arg-env', image);
    expect(paths(found)).toEqual(['args.API_KEY', 'env.SECRET', 'stages[0].steps[0].name', 'stages[0].steps[1].vars.DB_PASSWORD']);
    expect(found[2]?.problem.message).toContain("secretMount('npm-token', { env: 'NPM_TOKEN' })");
    expect(found[2]?.problem.message).toContain('--secret id=npm-token');
  });

  it('leaves ordinary names alone', () => {
    expect(lintOne('secret-in-arg-env', cleanImage([arg('VERSION'), env({ APP_HOME: '/app' })]))).toEqual([]);
  });
});

describe('root-final-stage', () => {
  it('flags a target stage with no user at all', () => {
    const found = lintOne('root-final-stage', imageM({ stages: [stageM('main', 'debian:12')] }));
    expect(paths(found)).toEqual(['user']);
    expect(found[0]?.problem.message).toMatch(/set a non-root user/);
  });

  it('flags root and 0, at the field that sets them', () => {
    expect(paths(lintOne('root-final-stage', cleanImage([], { user: { user: 'root', group: undefined } })))).toEqual(['user']);
    expect(
      paths(lintOne('root-final-stage', imageM({ stages: [stageM('main', 'debian:12', [userStep('app'), userStep('0:0')])] }))),
    ).toEqual(['stages[0].steps[1].user']);
  });

  it('accepts a user from the image, the target stage, or inherited through FROM a stage or an image', () => {
    expect(lintOne('root-final-stage', cleanImage())).toEqual([]);
    expect(lintOne('root-final-stage', imageM({ stages: [stageM('main', 'debian:12', [userStep('root'), userStep('app')])] }))).toEqual([]);
    const chained = imageM({ stages: [stageM('base', 'debian:12', [userStep('app')]), stageM('main', { kind: 'stage', name: 'base' })] });
    expect(lintOne('root-final-stage', chained)).toEqual([]);
    const parent = cleanImage([], { id: 'base', name: 'base' });
    const child = imageM({ stages: [stageM('main', { kind: 'image', id: 'base' })] });
    expect(lintOne('root-final-stage', [parent, child])).toEqual([]);
  });

  it('only looks at the target stage', () => {
    const image = imageM({ stages: [stageM('build', 'golang:1.23'), stageM('main', 'debian:12', [userStep('app')])] });
    expect(lintOne('root-final-stage', image)).toEqual([]);
    expect(paths(lintOne('root-final-stage', { ...image, target: 'build' }))).toEqual(['user']);
  });
});

describe('expose-without-healthcheck', () => {
  const hc: InstructionModel = { kind: 'healthcheck', check: { test: { form: 'exec', argv: ['true'] } } };

  it('flags exposed ports without a healthcheck', () => {
    const byImage = lintOne('expose-without-healthcheck', cleanImage([], { expose: [{ port: 8080, protocol: 'tcp' }] }));
    expect(paths(byImage)).toEqual(['expose']);
    expect(byImage[0]?.problem.message).toContain('http://localhost:8080/');
    const byStep = lintOne(
      'expose-without-healthcheck',
      cleanImage([run('true'), { kind: 'expose', ports: [{ port: 53, protocol: 'udp' }] }]),
    );
    expect(paths(byStep)).toEqual(['stages[0].steps[1]']);
    expect(byStep[0]?.problem.given).toBe('53/udp');
  });

  it('accepts a healthcheck on the image, in the stage, inherited, or explicitly none', () => {
    const expose = { expose: [{ port: 80, protocol: 'tcp' as const }] };
    expect(lintOne('expose-without-healthcheck', cleanImage([], { ...expose, healthcheck: 'none' }))).toEqual([]);
    expect(lintOne('expose-without-healthcheck', cleanImage([hc], expose))).toEqual([]);
    const parent = cleanImage([hc], { id: 'base', name: 'base' });
    const child = imageM({ stages: [stageM('main', { kind: 'image', id: 'base' })], ...expose });
    expect(lintOne('expose-without-healthcheck', [parent, child])).toEqual([]);
  });

  it('ignores EXPOSE outside the target stage and images without ports', () => {
    expect(lintOne('expose-without-healthcheck', cleanImage())).toEqual([]);
    const image = imageM({
      stages: [stageM('dev', 'debian:12', [{ kind: 'expose', ports: [{ port: 80, protocol: 'tcp' }] }]), stageM('main', 'debian:12')],
    });
    expect(lintOne('expose-without-healthcheck', image)).toEqual([]);
  });
});

describe('unused-stage', () => {
  const copyFrom = (name: string): InstructionModel => ({ kind: 'copy', sources: ['/out'], dest: '/in', from: { kind: 'stage', name } });
  const mountFrom = (name: string): InstructionModel => ({
    kind: 'run',
    body: { form: 'shell', commands: ['true'] },
    mounts: [{ type: 'bind', target: '/m', from: { kind: 'stage', name } }],
  });

  it('flags stages the target does not reach', () => {
    const image = imageM({
      stages: [stageM('build', 'golang:1.23'), stageM('old', 'golang:1.22'), stageM('main', 'debian:12', [copyFrom('build')])],
    });
    const found = lintOne('unused-stage', image);
    expect(paths(found)).toEqual(['stages[1]']);
    expect(found[0]?.problem.message).toMatch(/stage "old" is not used by the target stage "main".*remove it/);
  });

  it('follows FROM, COPY --from and mount from, transitively; stages after the target count too', () => {
    const image = imageM({
      target: 'main',
      stages: [
        stageM('deps', 'node:22'),
        stageM('build', { kind: 'stage', name: 'deps' }),
        stageM('assets', 'node:22', [mountFrom('build')]),
        stageM('main', 'nginx:1.27', [copyFrom('assets')]),
        stageM('debug', { kind: 'stage', name: 'main' }),
      ],
    });
    expect(paths(lintOne('unused-stage', image))).toEqual(['stages[4]']);
  });
});

describe('raw-instruction', () => {
  it('flags raw text with its first line', () => {
    const found = lintOne('raw-instruction', cleanImage([run('true'), { kind: 'raw', text: 'RUN --mount=type=whatever foo\n  bar' }]));
    expect(paths(found)).toEqual(['stages[0].steps[1]']);
    expect(found[0]?.problem.given).toBe('RUN --mount=type=whatever foo');
    expect(found[0]?.problem.message).toMatch(/replace it with the typed helper/);
  });

  it('is quiet without raw text', () => {
    expect(lintOne('raw-instruction', cleanImage([run('true'), { kind: 'comment', text: 'RUN x' }]))).toEqual([]);
  });
});
