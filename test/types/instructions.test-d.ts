/**
 * Type tests of the instruction helpers: each returns its own instruction node (not a wider one),
 * and a real misuse of each does not compile. Loosening a parameter to `any`/`unknown`, widening a
 * union to `string` or a return type to `Instruction` makes one of these fail.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  add,
  arg,
  cmd,
  comment,
  copy,
  entrypoint,
  env,
  expose,
  healthcheck,
  label,
  onbuild,
  raw,
  run,
  runExec,
  runScript,
  shell,
  stage,
  stopsignal,
  user,
  volume,
  workdir,
  type Instruction,
} from 'dockwright';

type NodeOf<K extends Instruction['kind']> = Readonly<Extract<Instruction, { kind: K }>>;

const builder = stage('builder', { from: 'busybox:stable' });

describe('RUN helpers', () => {
  it('run, runExec and runScript return RUN nodes', () => {
    expectTypeOf(run('make')).toEqualTypeOf<NodeOf<'run'>>();
    expectTypeOf(runExec(['make'])).toEqualTypeOf<NodeOf<'run'>>();
    expectTypeOf(runScript('make\nmake install')).toEqualTypeOf<NodeOf<'run'>>();
  });

  it('reject what is not a command or not an option', () => {
    // @ts-expect-error a command is text, not a number
    run(42);
    // @ts-expect-error the network is default, none or host
    run('make', { network: 'bridge' });
    // @ts-expect-error the security mode is sandbox or insecure
    run('make', { security: 'privileged' });
    // @ts-expect-error exec form takes an argv array, not a shell line
    runExec('make install');
    // @ts-expect-error a heredoc script is one text
    runScript(['make', 'make install']);
  });
});

describe('COPY and ADD', () => {
  it('return COPY and ADD nodes', () => {
    expectTypeOf(copy('src', '/src', { from: builder })).toEqualTypeOf<NodeOf<'copy'>>();
    expectTypeOf(add('https://example.invalid/x.tgz', '/x', { checksum: 'sha256:00' })).toEqualTypeOf<NodeOf<'add'>>();
  });

  it('reject a missing destination and options the instruction does not have', () => {
    // @ts-expect-error the destination is required
    copy('src');
    // @ts-expect-error --chown is text (`1000:1000`)
    copy('src', '/src', { chown: 1000 });
    // @ts-expect-error ADD has no --from
    add('src', '/src', { from: builder });
    // @ts-expect-error --keep-git-dir is a boolean
    add('https://example.invalid/repo.git', '/repo', { keepGitDir: 'yes' });
  });
});

describe('settings instructions', () => {
  it('return their own nodes', () => {
    expectTypeOf(env({ A: '1' })).toEqualTypeOf<NodeOf<'env'>>();
    expectTypeOf(arg('A', '1')).toEqualTypeOf<NodeOf<'arg'>>();
    expectTypeOf(workdir('/app')).toEqualTypeOf<NodeOf<'workdir'>>();
    expectTypeOf(user('app', 'app')).toEqualTypeOf<NodeOf<'user'>>();
    expectTypeOf(expose(80, { port: 53, protocol: 'udp' })).toEqualTypeOf<NodeOf<'expose'>>();
    expectTypeOf(volume('/data')).toEqualTypeOf<NodeOf<'volume'>>();
    expectTypeOf(label({ a: 'b' })).toEqualTypeOf<NodeOf<'label'>>();
    expectTypeOf(shell(['/bin/bash', '-c'])).toEqualTypeOf<NodeOf<'shell'>>();
    expectTypeOf(stopsignal('SIGTERM')).toEqualTypeOf<NodeOf<'stopsignal'>>();
    expectTypeOf(comment('why')).toEqualTypeOf<NodeOf<'comment'>>();
    expectTypeOf(raw('MAINTAINER me')).toEqualTypeOf<NodeOf<'raw'>>();
  });

  it('reject values of the wrong type', () => {
    // @ts-expect-error ENV values are text
    env({ PORT: 8080 });
    // @ts-expect-error an ARG default is text
    arg('PORT', 8080);
    // @ts-expect-error one path
    workdir(['/app']);
    // @ts-expect-error a user is a name or `uid[:gid]` text
    user(1000);
    // @ts-expect-error a port is a number
    expose('80');
    // @ts-expect-error the protocol is tcp or udp
    expose({ port: 80, protocol: 'sctp' });
    // @ts-expect-error paths are given one by one
    volume(['/data']);
    // @ts-expect-error label values are text
    label({ version: 2 });
    // @ts-expect-error SHELL takes an argv array
    shell('/bin/bash -c');
    // @ts-expect-error a signal name such as SIGTERM, as text
    stopsignal(15);
    // @ts-expect-error one comment text
    comment(['a', 'b']);
    // @ts-expect-error raw text
    raw(['FROM x']);
  });
});

describe('CMD, ENTRYPOINT, HEALTHCHECK and ONBUILD', () => {
  it('return their own nodes', () => {
    expectTypeOf(cmd(['app'])).toEqualTypeOf<NodeOf<'cmd'>>();
    expectTypeOf(entrypoint({ form: 'shell', command: 'exec app' })).toEqualTypeOf<NodeOf<'entrypoint'>>();
    expectTypeOf(healthcheck('none')).toEqualTypeOf<NodeOf<'healthcheck'>>();
    expectTypeOf(onbuild(run('make'))).toEqualTypeOf<NodeOf<'onbuild'>>();
  });

  it('reject a command line given as one string and an ONBUILD of ONBUILD', () => {
    // @ts-expect-error exec form is an array; shell form is { form: 'shell', command }
    cmd('app --serve');
    // @ts-expect-error the form is exec or shell
    entrypoint({ form: 'sh', command: 'app' });
    // @ts-expect-error a healthcheck needs its test command
    healthcheck({ interval: '5s' });
    // @ts-expect-error ONBUILD cannot trigger ONBUILD
    onbuild(onbuild(run('make')));
  });
});
