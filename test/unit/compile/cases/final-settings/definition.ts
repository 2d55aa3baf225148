// Image-level settings land on the target stage in the fixed order; a later stage is kept.
import type { CompileCase } from '../../../../../scripts/compile-cases.js';
import { external, imageModel, run, stageModel, stageRef } from '../../../support/model.js';

export default {
  image: imageModel({
    id: 'web',
    target: 'runtime',
    stages: [
      stageModel('build', external('busybox:stable'), [run(['mkdir -p /out', 'echo hi > /out/index.html'])]),
      stageModel('runtime', stageRef('build')),
      stageModel('debug', stageRef('runtime'), [run('echo debug')]),
    ],
    cmd: { form: 'exec', argv: ['httpd', '-f'] },
    entrypoint: { form: 'shell', command: 'exec "$@"' },
    healthcheck: { test: { form: 'exec', argv: ['wget', '-q', 'http://127.0.0.1/'] }, interval: '30s', timeout: '3s', startPeriod: '5s', startInterval: '1s', retries: 3 },
    stopSignal: 'SIGTERM',
    volumes: ['/data', '/var/my logs'],
    expose: [{ port: 8080, protocol: 'tcp' }, { port: 53, protocol: 'udp' }],
    user: { user: 'www', group: 'www' },
    workdir: '/srv/www',
    labels: { 'org.opencontainers.image.title': 'Web "site"', 'com.example.key with space': 'v' },
    env: { PORT: '8080', GREETING: 'hello world' },
  }),
} satisfies CompileCase;
