// FROM a dockwright image through a global ARG; COPY --from / mount from= images through alias stages.
import type { CompileCase } from '../../../../../scripts/compile-cases.js';
import { contextRef, copy, external, imageModel, imageRef, run, stageModel } from '../../../support/model.js';

const base = imageModel({ id: 'base-image', stages: [stageModel('main', external('debian:bookworm-slim'), [])], env: { APP_HOME: '/app' } });
const tools = imageModel({ id: 'tools:alpine', stages: [stageModel('main', external('alpine:3.20'), [])] });

export default {
  images: [base, tools],
  image: imageModel({
    id: 'app',
    stages: [
      stageModel('main', imageRef('base-image'), [
        copy('/usr/bin/jq', '/usr/local/bin/jq', { from: imageRef('tools:alpine') }),
        copy('/bin/busybox', '/bin/busybox', { from: external('busybox:stable') }),
        copy('/etc/ssl/certs/', '/etc/ssl/certs/', { from: imageRef('tools:alpine') }),
        copy('vendor/', '${APP_HOME}/vendor/', { from: contextRef('vendor') }),
        run('ls /ctx', { mounts: [{ type: 'bind', target: '/ctx', from: external('busybox:stable'), source: '/bin' }] }),
      ], 'linux/amd64'),
    ],
  }),
} satisfies CompileCase;
