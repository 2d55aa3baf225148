/** Unknown variable references, with "did you mean", and no false positives. */
import { describe, expect, it } from 'vitest';
import { checkVariables, findVariables } from '../../../src/compile/check-variables.js';
import { literal } from '../../../src/api/literal.js';
import { lowerImage } from '../../../src/compile/lower-image.js';
import type { ImageModel, InstructionModel, StageModel } from '../../../src/model/resolved.js';
import {
  arg,
  argSpec,
  copy,
  env,
  external,
  imageModel,
  imageRef,
  lowerContext,
  run,
  scratch,
  stageModel,
  stageRef,
  workdir,
} from '../support/model.js';

const check = (image: ImageModel, others: ImageModel[] = []) => {
  const ctx = lowerContext([image, ...others], '1.0');
  return checkVariables(image, lowerImage(image, ctx), ctx.images);
};
const one = (steps: InstructionModel[], extra: Partial<ImageModel> = {}, from: StageModel['from'] = scratch) =>
  imageModel({ id: 'app', args: { VERSION: argSpec('1') }, stages: [stageModel('main', from, steps)], ...extra });

describe('docker-expanded values', () => {
  it('reports an unknown name with its location and the closest declared name', () => {
    const problems = check(one([copy('a', '/opt/${VERSON}/')]));
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'definitions/app.ts',
        image: 'app',
        path: ['stages', 0, 'steps', 0, 'dest'],
        given: 'VERSON',
        message: expect.stringMatching(/\$\{VERSON\} in COPY is not defined here; did you mean VERSION\?/),
      }),
    ]);
  });

  it('reports an unknown name in image-level settings at their own path', () => {
    const problems = check(one([], { workdir: '/srv/$APP_HOME' }));
    expect(problems.map((p) => p.path)).toEqual([['workdir']]);
    expect(problems[0]?.message).not.toContain('did you mean');
  });

  it('accepts names declared before: image ARGs, stage ARGs, ENV (also of the parent stage), predefined args', () => {
    const image = imageModel({
      id: 'app',
      args: { VERSION: argSpec('1') },
      stages: [
        stageModel('one', scratch, [arg('LOCAL'), env({ HOME_DIR: '/h' }), copy('$LOCAL', '${HOME_DIR}/${VERSION}/')]),
        stageModel('two', stageRef('one'), [
          workdir('${HOME_DIR}'),
          copy('${TARGETARCH}', '/${BUILDPLATFORM}/${HTTP_PROXY}/${BUILDKIT_INLINE_CACHE}'),
        ]),
      ],
    });
    expect(check(image)).toEqual([]);
  });

  it('does not let a stage ARG or ENV leak backwards or into other stages', () => {
    const image = imageModel({
      id: 'app',
      stages: [stageModel('one', scratch, [copy('$LOCAL', '/'), arg('LOCAL')]), stageModel('two', scratch, [copy('$LOCAL', '/')])],
    });
    expect(check(image).map((p) => p.path)).toEqual([
      ['stages', 0, 'steps', 0, 'sources', 0],
      ['stages', 1, 'steps', 0, 'sources', 0],
    ]);
  });

  it('knows the ENV of a dockwright parent image (its stages, its own env, its parents)', () => {
    const root = imageModel({ id: 'root', stages: [stageModel('main', scratch, [env({ ROOT_HOME: '/r' })])] });
    const base = imageModel({ id: 'base', stages: [stageModel('main', imageRef('root'))], env: { APP_HOME: '/app' } });
    expect(check(one([copy('a', '${APP_HOME}/${ROOT_HOME}/')], {}, imageRef('base')), [root, base])).toEqual([]);
    expect(check(one([copy('a', '${APP_HOM}/')], {}, imageRef('base')), [root, base])[0]?.message).toContain('did you mean APP_HOME?');
  });

  it('on an external base, whose ENV is unknown, reports only likely typos', () => {
    const base = external('python:3.12-slim');
    expect(check(one([copy('a', '/usr/lib/python${PYTHON_VERSION}/')], {}, base))).toEqual([]);
    expect(check(one([copy('a', '/${VERSIN}/')], {}, base)).map((p) => p.given)).toEqual(['VERSIN']);
  });

  it('on an external base, warns about every other unknown name with the literal form as the fix', () => {
    const image = one([env({ HASH: '$6$salt$abc', P: '$PATH:/x' })], {}, external('debian:12'));
    const ctx = lowerContext([image], '1.0');
    const found = findVariables(image, lowerImage(image, ctx), ctx.images);
    expect(found.errors).toEqual([]);
    expect(found.warnings).toEqual([
      expect.objectContaining({
        path: ['stages', 0, 'steps', 0, 'vars', 'HASH'],
        given: '${salt}, ${abc}',
        message: expect.stringContaining("literal('…')"),
      }),
    ]);
    const fixed = one([env({ HASH: literal('$6$salt$abc') })], {}, external('debian:12'));
    expect(findVariables(fixed, lowerImage(fixed, ctx), ctx.images)).toEqual({ errors: [], warnings: [] });
  });

  it('checks FROM lines against global ARGs only', () => {
    const image = imageModel({
      id: 'app',
      args: { TAG: argSpec('1') },
      stages: [stageModel('main', external('busybox:${TAG}-${TAGG}'), [])],
    });
    expect(check(image)).toEqual([
      expect.objectContaining({ path: ['stages', 0, 'from'], given: 'TAGG', message: expect.stringContaining('did you mean TAG?') }),
    ]);
  });
});

describe('RUN (shell-expanded): only likely typos of declared names', () => {
  it('reports a misspelt ARG', () => {
    const problems = check(one([run(['true', 'echo ${VERISON}'])]));
    expect(problems).toEqual([expect.objectContaining({ path: ['stages', 0, 'steps', 0, 'body', 'commands', 1], given: 'VERISON' })]);
    expect(problems[0]?.message).toContain('did you mean VERSION?');
  });

  it('reports a case mistake', () => {
    expect(check(one([run('echo $version')])).map((p) => p.given)).toEqual(['version']);
  });

  it('leaves shell variables, parameters, assigned names, quoted and escaped text alone', () => {
    const commands = [
      'echo $HOME $PATH $@ $1 $? $$ $# ${10}',
      'for VERSIO in a b; do echo $VERSIO; done',
      'VERSIONS=2 && echo $VERSIONS',
      "echo '$VERSON' \\$VERSON",
      'echo $((VERSON + 1)) $(date)',
      'echo $SOMETHING_ELSE_ENTIRELY',
    ];
    expect(
      check(one([run(commands), { kind: 'run', body: { form: 'heredoc', script: 'read VERSON\necho $VERSON\n' }, mounts: [] }])),
    ).toEqual([]);
  });

  it('does not check exec-form RUN, CMD, ENTRYPOINT, HEALTHCHECK or raw text', () => {
    const image = one(
      [
        { kind: 'run', body: { form: 'exec', argv: ['sh', '-c', 'echo $VERSON'] }, mounts: [] },
        { kind: 'raw', text: 'RUN echo $VERSON' },
      ],
      {
        cmd: { form: 'shell', command: 'echo $VERSON' },
        entrypoint: { form: 'exec', argv: ['${VERSON}'] },
        healthcheck: { test: { form: 'shell', command: 'test $VERSON' } },
      },
    );
    expect(check(image)).toEqual([]);
  });
});

describe('model problems', () => {
  it('reports a stage arg step reusing an image ARG name', () => {
    expect(check(one([arg('VERSION')])).map((p) => p.path)).toEqual([['stages', 0, 'steps', 0, 'name']]);
  });

  it('reports an image ARG named like the ARG of a parent image', () => {
    const base = imageModel({ id: 'base', stages: [stageModel('main', scratch)] });
    const image = imageModel({ id: 'app', args: { BASE_IMAGE: argSpec('x') }, stages: [stageModel('main', imageRef('base'))] });
    expect(check(image, [base])).toEqual([expect.objectContaining({ path: ['args', 'BASE_IMAGE'] })]);
  });
});

describe('names that differ by a shortened word', () => {
  it('suggests PYTHON_VERSION for PY_VERSION (error on a known base, warning on an external one)', () => {
    const args = { PYTHON_VERSION: argSpec('3.12') };
    const known = check(one([copy('a', '/usr/lib/python${PY_VERSION}/')], { args }));
    expect(known.map((p) => p.message)).toEqual([expect.stringContaining('did you mean PYTHON_VERSION?')]);
    const image = one([copy('a', '/usr/lib/python${PY_VERSION}/')], { args }, external('python:3.12-slim'));
    const ctx = lowerContext([image], '1.0');
    const found = findVariables(image, lowerImage(image, ctx), ctx.images);
    expect(found.errors).toEqual([]);
    expect(found.warnings.map((w) => w.message)).toEqual([expect.stringContaining('did you mean ${PY_VERSION} → ${PYTHON_VERSION}?')]);
  });
});
