/**
 * The engine with the containerd image store that `.ci/start-engine.sh` starts beside the default
 * one (which keeps the classic store): `DOCKWRIGHT_TEST_CONTAINERD_HOST=unix://…/docker.sock`,
 * written to `<engine cache>/containerd-engine.env` and exported by `.ci/run`. Its `busybox:stable`
 * and `debian:bookworm-slim` hold linux/amd64 and linux/arm64; qemu's binfmt handlers run arm64
 * steps; its containers reach the network (NAT for its own bridge), so `apt-get` works in builds.
 */
import { execaSync } from 'execa';
import { engineAvailable } from './engine.js';

const host = process.env.DOCKWRIGHT_TEST_CONTAINERD_HOST;

function check(): string | undefined {
  if (!engineAvailable) return undefined;
  const problem =
    host === undefined || host === ''
      ? 'DOCKWRIGHT_TEST_CONTAINERD_HOST is not set'
      : execaSync('docker', ['--host', host, 'info', '--format', '{{json .DriverStatus}}'], { reject: false, stdin: 'ignore' });
  const why =
    typeof problem === 'string'
      ? problem
      : problem.exitCode !== 0
        ? `docker --host ${host} info failed: ${problem.stderr}`
        : problem.stdout.includes('io.containerd.snapshotter.v1')
          ? undefined
          : `the engine at ${host} does not use the containerd image store`;
  if (why === undefined) return host;
  if (process.env.CI === 'true')
    throw new Error(`the multi-platform engine tests need the containerd-store engine under CI=true: ${why} (run .ci/start-engine.sh)`);
  return undefined;
}

/** The containerd-store engine's address, or undefined (tests skip) when it is not there outside CI. */
export const containerdHost: string | undefined = check();
