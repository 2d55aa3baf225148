import { execaSync } from 'execa';

/** The base images that `.ci/start-engine.sh` makes and engine tests build on. */
export const baseImages = ['debian:bookworm-slim', 'busybox:stable'] as const;

export interface EngineStatus {
  available: boolean;
  /** Why the engine cannot be used; empty when it can. */
  problems: string[];
}

function run(args: string[]): { ok: boolean; output: string } {
  const result = execaSync('docker', args, { reject: false, timeout: 30_000, stdin: 'ignore' });
  return { ok: result.exitCode === 0, output: `${result.stderr}`.trim() || `${result.stdout}`.trim() };
}

/** Checks, without side effects, that a daemon answers and has what engine tests need. */
export function checkEngine(): EngineStatus {
  const info = run(['info', '--format', '{{.ServerVersion}}']);
  if (!info.ok) return { available: false, problems: [`docker info failed: ${info.output || 'no docker client?'}`] };
  const problems: string[] = [];
  for (const image of baseImages) {
    if (!run(['image', 'inspect', '--format', '{{.Id}}', image]).ok) problems.push(`image ${image} is missing`);
  }
  const buildx = run(['buildx', 'version']);
  if (!buildx.ok) problems.push(`docker buildx does not work: ${buildx.output}`);
  return { available: problems.length === 0, problems };
}

let cached: boolean | undefined;

/**
 * True when engine tests can run. Without an engine it returns false, so that a developer
 * without Docker skips engine tests, except under CI=true, where engine tests must never
 * skip: there it throws.
 */
export function requireEngine(): boolean {
  if (cached !== undefined) return cached;
  const status = checkEngine();
  if (!status.available && process.env.CI === 'true') {
    throw new Error(
      `engine tests need a Docker engine under CI=true, and it is not ready:\n  ${status.problems.join('\n  ')}\n` +
        'run .ci/install-engine.sh and .ci/start-engine.sh first',
    );
  }
  cached = status.available;
  return cached;
}

/** For `describe.skipIf(!engineAvailable)`; importing this under CI=true without an engine throws. */
export const engineAvailable: boolean = requireEngine();
