import { describe, expect, it } from 'vitest';
import type { InstructionModel, RunModel } from '../../../src/model/resolved.js';
import { usesVar } from '../../../src/compile/lint/rules/env-self-reference.js';
import { cleanImage, env, arg, imageM, lintOne, paths, run, script, sh, stageM } from './support.js';

const BASH_PIPEFAIL = sh('/bin/bash', '-o', 'pipefail', '-c');

describe('pipefail', () => {
  it('flags a pipe under /bin/sh, pointing at the command', () => {
    const found = lintOne('pipefail', cleanImage([run('apt-get update', 'curl -fsSL https://x | tar xz')]));
    expect(paths(found)).toEqual(['stages[0].steps[0].body.commands[1]']);
    expect(found[0]?.problem.message).toContain("shell(['/bin/bash', '-o', 'pipefail', '-c'])");
    expect(found[0]?.problem.given).toBe('/bin/sh -c');
  });

  it('flags pipes in heredoc scripts and under a shell without pipefail', () => {
    expect(paths(lintOne('pipefail', cleanImage([script('set -e\ncurl x | sh\n')])))).toEqual(['stages[0].steps[0].body.script']);
    expect(lintOne('pipefail', cleanImage([sh('/bin/bash', '-e', '-c'), run('a |& b')]))).toHaveLength(1);
  });

  it('accepts pipes under a pipefail SHELL, also inherited through FROM a stage', () => {
    expect(lintOne('pipefail', cleanImage([BASH_PIPEFAIL, run('a | b')]))).toEqual([]);
    const image = imageM({
      stages: [
        stageM('base', 'debian:12', [sh('bash', '-euxo', 'pipefail', '-c')]),
        stageM('main', { kind: 'stage', name: 'base' }, [run('a | b')]),
      ],
    });
    expect(lintOne('pipefail', image)).toEqual([]);
  });

  it('uses the SHELL in effect at the step, not a later one', () => {
    expect(lintOne('pipefail', cleanImage([run('a | b'), BASH_PIPEFAIL]))).toHaveLength(1);
  });

  it('accepts set -o pipefail earlier in the same RUN, and not set +o pipefail', () => {
    expect(lintOne('pipefail', cleanImage([sh('/bin/bash', '-c'), run('set -eo pipefail', 'a | b')]))).toEqual([]);
    expect(lintOne('pipefail', cleanImage([sh('/bin/bash', '-c'), run('set -o pipefail; a | b')]))).toEqual([]);
    expect(lintOne('pipefail', cleanImage([script('#!/bin/bash\nset -o pipefail\na | b\n')]))).toEqual([]);
    expect(lintOne('pipefail', cleanImage([BASH_PIPEFAIL, run('set +o pipefail && a | b')]))).toHaveLength(1);
  });

  it('ignores ||, quoted and escaped pipes, comments, case patterns, exec form and non-shell scripts', () => {
    const steps: InstructionModel[] = [
      run('a || b', "grep 'a|b' f", 'echo "x | y"', 'echo a\\|b', 'a 2>&1 >| log # c | d'),
      script('case "$x" in\n  a|b) echo ab ;;\nesac\n'),
      { kind: 'run', body: { form: 'exec', argv: ['sh', '-c', 'a | b'] }, mounts: [] },
      script('#!/usr/bin/env python3\nprint(1 | 2)\n'),
    ];
    expect(lintOne('pipefail', cleanImage(steps))).toEqual([]);
  });
});

describe('apt-lists-cleanup', () => {
  const withMount = (target: string): RunModel => ({
    ...run('apt-get update', 'apt-get install -y curl'),
    mounts: [{ type: 'cache', target, sharing: 'locked' }],
  });

  it('flags apt-get install without removing the lists in the same RUN', () => {
    const found = lintOne(
      'apt-lists-cleanup',
      cleanImage([
        run('apt-get update', 'DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl'),
        run('rm -rf /var/lib/apt/lists/*'),
      ]),
    );
    expect(paths(found)).toEqual(['stages[0].steps[0].body.commands[1]']);
    expect(found[0]?.problem.message).toContain('rm -rf /var/lib/apt/lists/*');
    expect(lintOne('apt-lists-cleanup', cleanImage([script('apt update\napt install -y git\n')]))).toHaveLength(1);
  });

  it('accepts a cleanup in the same RUN, or a cache mount on the apt folders', () => {
    expect(
      lintOne('apt-lists-cleanup', cleanImage([run('apt-get update', 'apt-get install -y curl', 'rm -rf /var/lib/apt/lists/*')])),
    ).toEqual([]);
    expect(
      lintOne(
        'apt-lists-cleanup',
        cleanImage([run('apt-get update && apt-get install -y curl && apt-get clean && rm -fr /tmp/* /var/lib/apt/lists')]),
      ),
    ).toEqual([]);
    expect(lintOne('apt-lists-cleanup', cleanImage([withMount('/var/lib/apt/lists')]))).toEqual([]);
    expect(lintOne('apt-lists-cleanup', cleanImage([withMount('/var/cache/apt/')]))).toEqual([]);
    expect(lintOne('apt-lists-cleanup', cleanImage([withMount('/root/.cache')]))).toHaveLength(1);
  });

  it('ignores other commands mentioning install', () => {
    expect(lintOne('apt-lists-cleanup', cleanImage([run('pip install apt-get', "echo 'apt-get install x'")]))).toEqual([]);
  });
});

describe('brace-expansion-sh', () => {
  it('flags {a,b} and {1..3} under /bin/sh', () => {
    const found = lintOne('brace-expansion-sh', cleanImage([run('mkdir -p /app', 'cp conf{,.bak}')]));
    expect(paths(found)).toEqual(['stages[0].steps[0].body.commands[1]']);
    expect(found[0]?.problem.given).toBe('conf{,.bak}');
    expect(found[0]?.problem.message).toMatch(/write the words out, or run the step with bash/);
    expect(lintOne('brace-expansion-sh', cleanImage([script('for i in {1..3}; do echo $i; done\n')]))).toHaveLength(1);
    expect(lintOne('brace-expansion-sh', cleanImage([sh('/bin/ash', '-c'), run('rm /x/{a,"b c"}')]))).toHaveLength(1);
  });

  it('accepts braces under bash, quoted or escaped, ${…}, find {} and awk programs', () => {
    expect(lintOne('brace-expansion-sh', cleanImage([BASH_PIPEFAIL, run('cp conf{,.bak}')]))).toEqual([]);
    expect(lintOne('brace-expansion-sh', cleanImage([script('#!/bin/bash\necho {a,b}\n')]))).toEqual([]);
    const steps = [
      run(`echo '{a,b}' "{1..3}" \\{a,b}`, 'echo ${x,y} ${PATH}', 'find . -exec rm {} +', "awk '{print $1, $2}' f", '{ a; b; }'),
    ];
    expect(lintOne('brace-expansion-sh', cleanImage(steps))).toEqual([]);
  });
});

describe('var-missing-dollar', () => {
  it('flags {NAME} of a known ARG or ENV in RUN and in fields docker expands', () => {
    const image = cleanImage(
      [
        arg('VERSION', '1.0'),
        env({ APP_HOME: '/app' }),
        run('curl -o /tmp/app-{VERSION}.tgz https://x/{VERSION}'),
        { kind: 'workdir', path: '{APP_HOME}/bin' },
        { kind: 'copy', sources: ['dist/'], dest: '"{APP_HOME}"' },
      ],
      { args: { PY: { default: '3.12', description: undefined, fromVersion: false } } },
    );
    const withPy = { ...image, stages: [{ ...image.stages[0]!, from: { kind: 'external' as const, ref: 'python:{PY}-slim' } }] };
    const found = lintOne('var-missing-dollar', withPy);
    expect(paths(found)).toEqual([
      'stages[0].from',
      'stages[0].steps[3].path',
      'stages[0].steps[4].dest',
      'stages[0].steps[2].body.commands[0]',
      'stages[0].steps[2].body.commands[0]',
    ]);
    expect(found[0]?.problem.message).toContain('write ${PY}');
    expect(found[0]?.problem.expected).toBe('${PY}');
  });

  it('flags automatic platform ARGs and double-quoted text in RUN', () => {
    expect(lintOne('var-missing-dollar', cleanImage([run('echo "arch={TARGETARCH}"')]))).toHaveLength(1);
  });

  it('accepts ${NAME}, unknown names, single quotes, {{templates}} and comments', () => {
    const steps = [
      arg('VERSION'),
      run("echo ${VERSION} {OTHER} '{VERSION}' {{VERSION}} # {VERSION}"),
      { kind: 'workdir' as const, path: '/opt/${VERSION}' },
    ];
    expect(lintOne('var-missing-dollar', cleanImage(steps))).toEqual([]);
  });
});

describe('env-self-reference', () => {
  it('detects $X, ${X} and ${X:-…}, not \\$X or $XY', () => {
    expect(usesVar('$A/bin', 'A')).toBe(true);
    expect(usesVar('${A}', 'A')).toBe(true);
    expect(usesVar('${A:-x}', 'A')).toBe(true);
    expect(usesVar('\\$A', 'A')).toBe(false);
    expect(usesVar('$AB', 'A')).toBe(false);
    expect(usesVar('${AB}', 'A')).toBe(false);
  });

  it('flags a later assignment using a variable the same ENV sets', () => {
    const found = lintOne(
      'env-self-reference',
      cleanImage([env({ JAVA_HOME: '/opt/java', PATH: '$JAVA_HOME/bin:$PATH' })], { env: { A: '1', B: '${A}2' } }),
    );
    expect(paths(found)).toEqual(['env.B', 'stages[0].steps[0].vars.PATH']);
    expect(found[1]?.problem.message).toMatch(/PATH uses \$JAVA_HOME.*Set JAVA_HOME in an earlier env\(\) step/);
  });

  it('accepts self-extension, uses before the assignment, and separate ENVs', () => {
    const steps = [env({ PATH: '/x:$PATH' }), env({ OLD: '$MODE', MODE: 'new' }), env({ A: '1' }), env({ B: '$A' })];
    expect(lintOne('env-self-reference', cleanImage(steps))).toEqual([]);
  });
});

describe('ONBUILD triggers', () => {
  it('are checked by apt-lists-cleanup but not by shell-dependent rules', () => {
    const trigger: InstructionModel = { kind: 'onbuild', trigger: run('apt-get install -y x | tee log') };
    const image = cleanImage([trigger]);
    expect(paths(lintOne('apt-lists-cleanup', image))).toEqual(['stages[0].steps[0].trigger.body.commands[0]']);
    expect(lintOne('pipefail', image)).toEqual([]);
  });

  it('the image model helper keeps the target in sync', () => {
    expect(imageM({ stages: [stageM('a', 'scratch'), stageM('b', 'scratch')] }).target).toBe('b');
  });
});
