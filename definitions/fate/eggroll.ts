/** Eggroll, FATE's distributed computing and federation engine: a JVM service on `base-image`. */
import { copy, image, run } from 'dockwright';
import { FATE_HOME, SERVICE_CHECK, fateContext } from './_shared.js';
import { baseImage } from './base.js';

const EGGROLL_HOME = `${FATE_HOME}/eggroll`;

export const eggroll = image({
  name: 'eggroll',
  description: 'Eggroll cluster manager, node manager and rollsite (EGGROLL_ROLE picks one)',
  groups: ['basic'],
  context: fateContext('eggroll'),
  args: { EGGROLL_VERSION: { default: '2.5.3', description: 'Eggroll release (names of the jars)' } },
  from: baseImage,
  steps: [
    copy('lib/', `${EGGROLL_HOME}/lib/`, { chown: 'fate:fate' }),
    copy('conf/', `${EGGROLL_HOME}/conf/`, { chown: 'fate:fate' }),
    copy('bin/eggroll', '/usr/local/bin/eggroll', { chmod: '0755' }),
    run([`ln -s eggroll-core-\${EGGROLL_VERSION}.jar ${EGGROLL_HOME}/lib/eggroll-core.jar`, `mkdir -p ${EGGROLL_HOME}/logs`]),
  ],
  env: { EGGROLL_HOME, EGGROLL_ROLE: 'rollsite' },
  workdir: EGGROLL_HOME,
  expose: [4670, 4671, 9370],
  healthcheck: { test: ['eggroll', 'status'], ...SERVICE_CHECK },
  cmd: ['eggroll'],
  test: { healthy: true },
});
