// RUN in every form with every mount type and flag (--security needs the labs syntax); SHELL,
// ONBUILD, comments, raw text.
import type { CompileCase } from '../../../../../scripts/compile-cases.js';
import { comment, external, imageModel, run, runExec, runScript, stageModel } from '../../../support/model.js';

export default {
  image: imageModel({
    id: 'runner',
    syntax: 'docker/dockerfile:1-labs',
    stages: [
      stageModel('main', external('debian:bookworm-slim'), [
        comment('install packages\nwith a cache'),
        run(['apt-get update', 'apt-get install -y --no-install-recommends curl'], {
          mounts: [
            { type: 'cache', target: '/var/cache/apt', id: 'apt', sharing: 'locked', mode: '0755', uid: 0, gid: 0 },
            { type: 'cache', target: '/var/lib/apt', sharing: 'locked', readonly: true },
          ],
        }),
        run('cat /run/secrets/token', { mounts: [{ type: 'secret', id: 'token', required: true, mode: '0400' }] }),
        run('ssh -T git@example.test', { mounts: [{ type: 'ssh', id: 'default', required: false }], network: 'host' }),
        run('du -sh /scratch', { mounts: [{ type: 'tmpfs', target: '/scratch', size: 1048576 }], network: 'none', security: 'sandbox' }),
        runExec(['/bin/sh', '-c', 'echo "$HOME"']),
        runScript('set -eu\nfor f in /etc/*.conf; do\n  echo "$f"\ndone\n', [{ type: 'bind', target: '/src', source: '.', readwrite: true }]),
        { kind: 'shell', argv: ['/bin/bash', '-o', 'pipefail', '-c'] },
        { kind: 'onbuild', trigger: { kind: 'copy', sources: ['.'], dest: '/app/' } },
        { kind: 'onbuild', trigger: { kind: 'run', body: { form: 'shell', commands: ['make -C /app'] }, mounts: [] } },
        { kind: 'raw', text: 'RUN echo raw' },
        { kind: 'stopsignal', signal: 'SIGINT' },
      ]),
    ],
    healthcheck: 'none',
    cmd: { form: 'shell', command: 'exec /bin/bash' },
  }),
} satisfies CompileCase;
