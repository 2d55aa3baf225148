/**
 * FATE (federated learning, FederatedAI/FATE-Builder `docker-build/`): a private `base-image`
 * with the OS, the `fate` user and the Python venv; `python` adds FATE and FATE-Flow and is the
 * parent of every module image (modules.ts, spark.ts, tools.ts). Both are *base* images: they are
 * tagged with the base tag (`tagSet: 'base'`), every other FATE image with the module tag.
 *
 * Stand-ins: the real images install Miniconda, Java and pip packages from the internet; these
 * build offline in seconds from `contexts/fate/` (a shell `python` that can answer `--version`
 * and `-c 'import …'`, text files for jars, `fate-service` for the server processes).
 */
import { copy, image, run } from 'dockwright';
import { FATE_HOME, SERVICE_CHECK, VENV, fateArgs, fateContext } from './_shared.js';

export const baseImage = image({
  name: 'base-image',
  description: 'OS packages, the fate user and the Python venv shared by every FATE image',
  groups: ['basic'],
  tagSet: 'base',
  // only ever used as a parent: built, never pushed
  push: false,
  context: fateContext('base-image'),
  args: fateArgs('PYTHON_VERSION'),
  from: 'debian:bookworm-slim',
  steps: [
    // the one apt-get of the examples: slow-ish, but it is what a real base image does
    run(['apt-get update', 'apt-get install -y --no-install-recommends ca-certificates', 'rm -rf /var/lib/apt/lists/*']),
    run([
      'groupadd --gid 1000 fate',
      'useradd --uid 1000 --gid fate --home-dir /data/projects --no-create-home --shell /bin/sh fate',
      `mkdir -p ${FATE_HOME} ${VENV}/bin ${VENV}/lib/python\${PYTHON_VERSION}/site-packages`,
      `printf 'home = /usr/bin\\nversion = %s\\n' "\${PYTHON_VERSION}" >${VENV}/pyvenv.cfg`,
      'chown -R fate:fate /data/projects',
    ]),
    copy('bin/python', `${VENV}/bin/python`, { chown: 'fate:fate', chmod: '0755' }),
    copy('bin/fate-service', '/usr/local/bin/fate-service', { chmod: '0755' }),
  ],
  env: { LANG: 'C.UTF-8', PATH: `${VENV}/bin:\${PATH}` },
  user: { user: 'fate', group: 'fate' },
  workdir: FATE_HOME,
});

export const python = image({
  name: 'python',
  description: 'FATE and FATE-Flow: the party API server and the parent of the module images',
  groups: ['basic'],
  tagSet: 'base',
  context: fateContext('python'),
  dockerignore: ['**/__pycache__', '**/*.pyc'],
  args: fateArgs('FATE_VERSION', 'PYTHON_VERSION'),
  from: baseImage,
  steps: [
    copy('fate/python/', `${FATE_HOME}/fate/python/`, { chown: 'fate:fate' }),
    copy('fate_flow/', `${FATE_HOME}/fate_flow/`, { chown: 'fate:fate' }),
    run([
      // FATE's own record of what is installed, read by its tools
      `printf 'FATE=%s\\nFATEFlow=%s\\nPYTHON=%s\\n' "\${FATE_VERSION}" "\${FATE_VERSION}" "\${PYTHON_VERSION}" >${FATE_HOME}/fate.env`,
      `mkdir -p ${FATE_HOME}/fate_flow/logs ${FATE_HOME}/fate_flow/jobs`,
    ]),
  ],
  env: { PYTHONPATH: `${FATE_HOME}/fate/python:${FATE_HOME}/fate_flow/python` },
  labels: { 'org.opencontainers.image.title': 'FATE-Flow', 'org.opencontainers.image.version': '${FATE_VERSION}' },
  workdir: `${FATE_HOME}/fate_flow`,
  expose: [9380, 9360],
  healthcheck: { test: ['fate-service', 'status', 'fate_flow'], ...SERVICE_CHECK },
  cmd: ['fate-service', 'run', 'fate_flow'],
  test: {
    healthy: true,
    smoke: [{ argv: ['python', '--version'], expect: 'Python 3.10' }, { argv: ['python', '-c', 'import fate, fate.ml, fate_flow'] }],
  },
});
