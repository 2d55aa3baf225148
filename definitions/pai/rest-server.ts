/** PAI's REST server: its own folder plus the shared cluster configuration, on `pai-base`. */
import { copy, image } from 'dockwright';
import { CLUSTER_CONFIG, PAI_SRC, httpCheck } from './_shared.js';
import { paiBase } from './base.js';

const PORT = 9186;

export const restServer = image({
  name: 'rest-server',
  description: 'The REST API of the PAI cluster',
  groups: ['pai'],
  context: `${PAI_SRC}/rest-server`,
  inputs: { copyList: [CLUSTER_CONFIG] },
  from: paiBase,
  steps: [
    copy('config/cluster.yaml', '/etc/pai/cluster.yaml'),
    copy('www/', '/opt/pai/rest-server/www/'),
    copy('src/server.sh', '/opt/pai/rest-server/server.sh', { chmod: '0755' }),
  ],
  env: { PAI_SERVICE: 'rest-server', REST_SERVER_PORT: String(PORT) },
  expose: [PORT],
  healthcheck: httpCheck(PORT, '/api/v2/health'),
  cmd: ['/opt/pai/rest-server/server.sh'],
  test: { healthy: true, http: { port: PORT, path: '/api/v2/health', expect: '"ok"' } },
});
