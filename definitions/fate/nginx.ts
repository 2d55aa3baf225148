/**
 * The party's proxy (openresty in FATE): a builder stage renders the configuration from its
 * template and route table, the runtime stage copies the result. Both stages are external images;
 * busybox httpd (`bin/openresty`) stands in for openresty, so the healthcheck makes a real HTTP request.
 */
import { copy, image, run, stage } from 'dockwright';
import { SERVICE_CHECK, fateContext } from './_shared.js';

const HTTP_PORT = 9300;

const render = stage('render', { from: 'busybox:stable' }, [
  copy('conf/', '/build/conf/'),
  run(`sed -e 's/@HTTP_PORT@/${HTTP_PORT}/' -e 's/@FATEFLOW@/fateflow:9380/' /build/conf/nginx.conf.template >/build/conf/nginx.conf`),
]);

const runtime = stage('runtime', { from: 'busybox:stable' }, [
  copy(['/build/conf/nginx.conf', '/build/conf/route_table.yaml'], '/etc/nginx/', { from: render }),
  copy('html/', '/var/www/html/'),
  copy('bin/openresty', '/usr/local/bin/openresty', { chmod: '0755' }),
]);

export const nginx = image({
  name: 'nginx',
  description: 'Proxy of a FATE party, with its route table',
  groups: ['basic'],
  context: fateContext('nginx'),
  stages: [render, runtime],
  env: { HTTP_PORT: String(HTTP_PORT) },
  user: { user: 'nobody', group: 'nogroup' },
  expose: [HTTP_PORT, 9310],
  healthcheck: { test: ['wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${HTTP_PORT}/`], ...SERVICE_CHECK },
  cmd: ['openresty'],
  test: { healthy: true, http: { port: HTTP_PORT, path: '/', expect: 'FATE' } },
});
