/**
 * PAI's job exporter: its executable is a prerequisite artifact, built on the host by
 * `build-pre.sh` (skipped when its inputs did not change), then placed in the assembled context
 * by the copy-list like any other file.
 */
import { copy, image } from 'dockwright';
import { CLUSTER_CONFIG, PAI_SRC, httpCheck } from './_shared.js';
import { paiBase } from './base.js';

const PORT = 9102;
const SRC = `${PAI_SRC}/job-exporter`;
const BINARY = '.dockwright/artifacts/pai/job-exporter';

export const jobExporter = image({
  name: 'job-exporter',
  description: 'Prometheus exporter of the jobs and devices of a PAI node',
  groups: ['pai'],
  context: SRC,
  inputs: {
    prerequisites: [
      {
        name: 'job-exporter-binary',
        command: ['sh', `${SRC}/build/build-pre.sh`, BINARY],
        inputs: [`${SRC}/cmd/**`, `${SRC}/build/build-pre.sh`, `${SRC}/VERSION`],
        outputs: [BINARY],
      },
    ],
    copyList: [{ src: BINARY, dest: 'bin/job-exporter' }, CLUSTER_CONFIG],
  },
  from: paiBase,
  steps: [copy('bin/job-exporter', '/usr/local/bin/job-exporter', { chmod: '0755' }), copy('config/', '/etc/pai/')],
  env: { PAI_SERVICE: 'job-exporter', JOB_EXPORTER_PORT: String(PORT) },
  expose: [PORT],
  healthcheck: httpCheck(PORT, '/metrics'),
  cmd: ['job-exporter'],
  test: { healthy: true, http: { port: PORT, path: '/metrics', expect: 'pai_job_exporter_up 1' } },
});
