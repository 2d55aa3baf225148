/**
 * FIT (ModelEngine-Group/fit-framework `docker/base-images/`): one definition, one image per OS.
 * What differs per OS (base image, package manager, how users are made, where httpd comes from)
 * is a table; everything else is shared.
 *
 * FIT_VERSION (the image's `version`, which also makes the `{version}` tags) is used before FROM
 * and after it: the `release` stage is `FROM fit-release:${FIT_VERSION}`, so the Dockerfile
 * declares it globally, and the `unpack` and runtime stages redeclare it (zip name, version label).
 *
 * The release zip: the real build downloads it before `docker build`; with dockwright that is
 *   inputs: { fetch: [{ url: 'https://…/fit-3.5.3.zip', sha256: '…', dest: 'release/fit-3.5.3.zip' }] }
 * Nothing can be downloaded where these examples are built (and a file:// URL would have to be an
 * absolute path), so here the release comes from a named build context whose name is the
 * version's: BuildKit resolves `FROM fit-release:3.5.3` to the folder contexts/fit/release/
 * before it would look in any registry. Another FIT_VERSION finds no such context and fails,
 * as a missing release should.
 */
import { bindMount, copy, externalImage, run, stage, variants, type Instruction } from 'dockwright';

const FIT_VERSION = '3.5.3';
const FIT_HOME = '/opt/fit-framework';
const HTTP_PORT = 8080;

interface OsRecipe {
  readonly from: string;
  /** Makes the non-root `fit` user (uid/gid 1000) and provides busybox httpd and wget. */
  readonly setup: readonly Instruction[];
}

const OS = {
  alpine: {
    from: 'alpine:3.20',
    setup: [
      // Alpine's busybox has wget but leaves httpd to busybox-extras
      run([
        'apk add --no-cache busybox-extras',
        'addgroup -g 1000 -S fit',
        `adduser -u 1000 -G fit -S -D -H -h ${FIT_HOME} -s /sbin/nologin fit`,
      ]),
    ],
  },
  debian: {
    from: 'debian:bookworm-slim',
    setup: [
      // no download: busybox (one static binary) is copied from its image, httpd and wget are its applets
      copy('/bin/busybox', '/usr/local/bin/busybox', { from: externalImage('busybox:stable') }),
      run([
        'ln -s busybox /usr/local/bin/httpd',
        'ln -s busybox /usr/local/bin/wget',
        'groupadd --system --gid 1000 fit',
        `useradd --system --uid 1000 --gid fit --home-dir ${FIT_HOME} --no-create-home --shell /usr/sbin/nologin fit`,
      ]),
    ],
  },
} as const satisfies Record<string, OsRecipe>;

/** The release, as files (the zip). */
const release = stage('release', { from: 'fit-release:${FIT_VERSION}' });

/** Unzips the release away from the final image: neither the zip nor unzip end up in it. */
const unpack = stage('unpack', { from: 'busybox:stable' }, [
  run(
    [
      'mkdir -p /out /tmp/unpacked',
      'unzip -q /tmp/release/fit-${FIT_VERSION}.zip -d /tmp/unpacked',
      'mv /tmp/unpacked/fit-${FIT_VERSION} /out/java',
      'chmod 0755 /out/java/bin/fit',
    ],
    { mounts: [bindMount('/tmp/release', { from: release })] },
  ),
]);

export const fitFramework = variants({
  name: 'fit-framework',
  axes: { os: ['alpine', 'debian'] },
  image: ({ os }) => ({
    description: `FIT Framework on ${OS[os].from}`,
    version: FIT_VERSION,
    defaultVersion: FIT_VERSION,
    tags: ['{version}-{os}', '{os}', { tag: 'latest-{os}', when: 'defaultVersion' }],
    context: 'contexts/fit/common',
    buildContexts: { [`fit-release:${FIT_VERSION}`]: 'contexts/fit/release' },
    args: { FIT_VERSION: { fromVersion: true, description: 'FIT release in the image (the image version)' } },
    stages: [
      release,
      unpack,
      stage('runtime', { from: OS[os].from }, [
        ...OS[os].setup,
        copy('/out/java/', `${FIT_HOME}/java/`, { from: unpack, chown: 'fit:fit' }),
        copy(['docker-entrypoint.sh', 'healthcheck.sh'], '/usr/local/bin/', { chmod: '0755' }),
      ]),
    ],
    labels: {
      'org.opencontainers.image.title': `FIT Framework (${os})`,
      'org.opencontainers.image.description': 'FIT Framework base image: the runtime and its plugin folders',
      'org.opencontainers.image.version': '${FIT_VERSION}',
      'org.opencontainers.image.source': 'https://github.com/ModelEngine-Group/fit-framework',
      'org.opencontainers.image.licenses': 'MIT',
      'org.opencontainers.image.base.name': OS[os].from,
    },
    env: { FIT_HOME, FIT_HTTP_PORT: String(HTTP_PORT), PATH: `${FIT_HOME}/java/bin:\${PATH}` },
    user: { user: 'fit', group: 'fit' },
    workdir: `${FIT_HOME}/java`,
    expose: [HTTP_PORT, 8090],
    healthcheck: { test: ['healthcheck.sh'], interval: '30s', timeout: '10s', startPeriod: '30s', startInterval: '2s', retries: 3 },
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['fit', 'start'],
    test: {
      healthy: true,
      smoke: [{ argv: ['fit', 'version'], expect: FIT_VERSION }],
      http: { port: HTTP_PORT, path: '/health', expect: 'UP' },
    },
  }),
});
