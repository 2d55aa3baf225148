/** Image ARGs: declared once in the model, placed in the Dockerfile where Docker needs them. */
import { describe, expect, it } from 'vitest';
import type { CompileCase } from '../../../scripts/compile-cases.js';
import { dockerfileOf } from '../../../scripts/compile-cases.js';
import { arg, argSpec, copy, env, external, imageModel, run, scratch, stageModel, stageRef } from '../support/model.js';

/** The Dockerfile without its header line(s). */
const body = async (c: CompileCase): Promise<string> => (await dockerfileOf(c)).split('\n').slice(2).join('\n');

describe('ARG placement', () => {
  it('keeps an ARG out of the global scope when no FROM uses it, and declares it with its default in the stage', async () => {
    const image = imageModel({
      id: 'a',
      args: { V: argSpec('1') },
      stages: [stageModel('main', external('busybox:stable'), [run('echo $V')])],
    });
    expect(await body({ image })).toBe('FROM busybox:stable AS main\nARG V="1"\nRUN echo $V\n');
  });

  it('makes an ARG global when a FROM uses it, and redeclares it bare only in stages that use it', async () => {
    const image = imageModel({
      id: 'a',
      args: { TAG: argSpec('stable') },
      stages: [
        stageModel('one', external('busybox:${TAG}'), [run('echo one')]),
        stageModel('two', external('busybox:stable'), [run('echo ${TAG}')]),
      ],
    });
    expect(await body({ image })).toBe(
      [
        'ARG TAG="stable"',
        '',
        'FROM busybox:${TAG} AS one',
        'RUN echo one',
        '',
        'FROM busybox:stable AS two',
        'ARG TAG',
        'RUN echo ${TAG}',
        '',
      ].join('\n'),
    );
  });

  it('sees every reference form: $X, ${X}, ${X:-d}, ${X:+d}', async () => {
    const stages = (cmd: string) => [stageModel('main', scratch, [copy('a', cmd)])];
    for (const dest of ['/$X/', '/${X}/', '/${X:-d}/', '/${X:+d}/']) {
      const image = imageModel({ id: 'a', args: { X: argSpec('x') }, stages: stages(dest) });
      expect(await body({ image })).toContain('ARG X="x"\nCOPY a ');
    }
  });

  it('does not redeclare for an ARG that appears only in CMD, ENTRYPOINT, HEALTHCHECK, ONBUILD or a shell-quoted word', async () => {
    const image = imageModel({
      id: 'a',
      args: { X: argSpec('x') },
      stages: [
        stageModel('main', external('busybox:stable'), [
          run("echo '$X' \\$X"),
          { kind: 'onbuild', trigger: { kind: 'workdir', path: '/$X' } },
        ]),
      ],
      cmd: { form: 'exec', argv: ['echo', '$X'] },
      entrypoint: { form: 'shell', command: 'echo $X' },
      healthcheck: { test: { form: 'shell', command: 'test $X' } },
    });
    expect(await body({ image })).not.toContain('ARG');
  });

  it('does not redeclare when an earlier ENV of the stage, or of the stage it starts from, defines the name', async () => {
    const image = imageModel({
      id: 'a',
      args: { X: argSpec('x') },
      stages: [
        stageModel('one', external('busybox:stable'), [env({ X: 'from-env' }), run('echo $X')]),
        stageModel('two', stageRef('one'), [run('echo $X')]),
      ],
    });
    expect(await body({ image })).not.toContain('ARG');
  });

  it('redeclares an ARG used before an ENV of the same name', async () => {
    const image = imageModel({ id: 'a', args: { X: argSpec('x') }, stages: [stageModel('main', scratch, [env({ Y: '$X', X: 'later' })])] });
    expect(await body({ image })).toBe('FROM scratch AS main\nARG X="x"\nENV Y="${X}" \\\n    X="later"\n');
  });

  it('takes the image version for fromVersion, and declares what a default uses first', async () => {
    const image = imageModel({
      id: 'a',
      version: '3.1',
      args: { DIR: argSpec('/opt/v${VERSION}'), VERSION: argSpec(undefined, true) },
      stages: [stageModel('main', scratch, [copy('a', '${DIR}/')])],
    });
    expect(await body({ image })).toBe('FROM scratch AS main\nARG VERSION="3.1"\nARG DIR="/opt/v${VERSION}"\nCOPY a ${DIR}/\n');
  });

  it('makes an ARG global when a global default uses it, and the platform args need no declaration there', async () => {
    const image = imageModel({
      id: 'a',
      args: { BASE: argSpec('busybox:${TAG}'), TAG: argSpec('stable') },
      stages: [stageModel('main', external('${BASE}'), [], '${BUILDPLATFORM}')],
    });
    expect(await body({ image })).toBe('ARG TAG="stable"\nARG BASE="busybox:${TAG}"\n\nFROM --platform=${BUILDPLATFORM} ${BASE} AS main\n');
  });

  it('redeclares platform args (TARGETARCH…) in the stages that use them, before image ARGs', async () => {
    const image = imageModel({
      id: 'a',
      args: { V: argSpec('1') },
      stages: [stageModel('main', scratch, [copy('bin-${TARGETARCH}-${V}', '/bin/tool')])],
    });
    expect(await body({ image })).toBe('FROM scratch AS main\nARG TARGETARCH\nARG V="1"\nCOPY bin-${TARGETARCH}-${V} /bin/tool\n');
  });

  it('keeps stage-local ARGs where they are written', async () => {
    const image = imageModel({ id: 'a', stages: [stageModel('main', scratch, [arg('L', 'one'), copy('$L', '/')])] });
    expect(await body({ image })).toBe('FROM scratch AS main\nARG L="one"\nCOPY ${L} /\n');
  });

  it('declares an ARG without a default bare', async () => {
    const image = imageModel({ id: 'a', args: { TOKEN: argSpec() }, stages: [stageModel('main', scratch, [copy('$TOKEN', '/')])] });
    expect(await body({ image })).toBe('FROM scratch AS main\nARG TOKEN\nCOPY ${TOKEN} /\n');
  });
});
