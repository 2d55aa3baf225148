/** FATE's optional tool images (group `op`), both on `python`. */
import { copy, image } from 'dockwright';
import { FATE_HOME, SERVICE_CHECK, fateContext } from './_shared.js';
import { python } from './base.js';

/** The FATE client: the flow CLI and pipeline SDK, served as a notebook. */
export const client = image({
  name: 'client',
  description: 'FATE client (flow CLI, pipeline SDK) in a notebook server',
  groups: ['op'],
  context: fateContext('client'),
  from: python,
  steps: [
    copy('fate_client/python/', `${FATE_HOME}/fate_client/python/`, { chown: 'fate:fate' }),
    copy('bin/notebook', '/usr/local/bin/notebook', { chmod: '0755' }),
  ],
  env: { PYTHONPATH: `\${PYTHONPATH}:${FATE_HOME}/fate_client/python` },
  workdir: `${FATE_HOME}/fate_client`,
  expose: [20000],
  healthcheck: { test: ['fate-service', 'status', 'notebook'], ...SERVICE_CHECK },
  cmd: ['notebook'],
  test: { healthy: true, smoke: [{ argv: ['python', '-c', 'import fate_client, fate_flow'] }] },
});

/** fate_test: a command-line tool, so the server healthcheck inherited from `python` is switched off. */
export const fateTest = image({
  name: 'fate-test',
  description: 'fate_test, the runner of FATE test suites against a deployed party',
  groups: ['op'],
  context: fateContext('fate-test'),
  from: python,
  steps: [
    copy('fate_test/python/', `${FATE_HOME}/fate_test/python/`, { chown: 'fate:fate' }),
    copy('bin/fate_test', '/usr/local/bin/fate_test', { chmod: '0755' }),
  ],
  env: { PYTHONPATH: `\${PYTHONPATH}:${FATE_HOME}/fate_test/python` },
  workdir: `${FATE_HOME}/fate_test`,
  healthcheck: 'none',
  entrypoint: ['fate_test'],
  cmd: ['--help'],
  test: { smoke: [{ argv: ['--version'], expect: 'fate_test 2.1.0' }] },
});
