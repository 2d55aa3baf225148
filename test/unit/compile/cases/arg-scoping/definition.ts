// Global only when FROM uses it; redeclared only in stages that use it; defaults where needed.
import type { CompileCase } from '../../../../../scripts/compile-cases.js';
import { arg, argSpec, copy, env, external, imageModel, run, stageModel, stageRef, workdir } from '../../../support/model.js';

export default {
  version: '2.4.1',
  image: imageModel({
    id: 'tool',
    args: {
      DEBIAN: argSpec('bookworm'),
      TOOL_VERSION: argSpec(undefined, true),
      PREFIX: argSpec('/opt/tool-${TOOL_VERSION}'),
      UNUSED: argSpec('x'),
      CHANNEL: argSpec('stable'),
    },
    stages: [
      stageModel('fetch', external('debian:${DEBIAN}-slim'), [
        run('curl -fsSL https://example.test/tool-${TOOL_VERSION}-${TARGETARCH}.tgz | tar -xz -C /tmp'),
        arg('LOCAL', 'one'),
        run('echo $LOCAL ${CHANNEL:-beta}'),
      ]),
      stageModel('install', stageRef('fetch'), [
        env({ CHANNEL: 'pinned' }),
        workdir('${PREFIX}'),
        run('echo $CHANNEL'),
      ]),
      stageModel('final', external('debian:${DEBIAN:-bookworm}-slim'), [
        copy('/tmp/tool', '${PREFIX}/bin/', { from: stageRef('install') }),
        run('echo no args here'),
      ]),
    ],
  }),
} satisfies CompileCase;
