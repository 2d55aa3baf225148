/**
 * OpenPAI builds each service from a context assembled from several places in its repository:
 * the service's own folder (`src/<service>/`) plus shared files listed in the service's
 * copy-list. Here `context` is the service's folder and `inputs.copyList` adds the rest: before
 * the build the runner copies `context` into a fresh folder under the cache, runs the
 * prerequisites whose inputs changed, copies each `src` (relative to the project root) to `dest`
 * (relative to the context), and builds from that folder.
 */

/** Where the PAI stand-in sources live, as `src/` in the OpenPAI repository. */
export const PAI_SRC = 'contexts/pai/src';

/** The cluster configuration every service reads, kept once outside the services' folders. */
export const CLUSTER_CONFIG = { src: `${PAI_SRC}/common/config/cluster.yaml`, dest: 'config/cluster.yaml' } as const;

/** The healthcheck timing of the PAI services: every 30 s, every second while starting. */
export const SERVICE_CHECK = { interval: '30s', timeout: '3s', startPeriod: '30s', startInterval: '1s', retries: 3 } as const;

/** A healthcheck that GETs a path of the service with busybox wget. */
export const httpCheck = (port: number, path: string) => ({
  test: ['wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${port}${path}`],
  ...SERVICE_CHECK,
});
