/**
 * A {@link DockerExec} for the no-op fast path (fast-build.ts): `node:child_process` instead of
 * execa, whose import alone costs ~100 ms — more than the whole fast path's budget. It only runs
 * short, non-interactive queries (`docker image inspect`, `buildx imagetools inspect`): no
 * streaming, no stdin, no abort. Builds always go through the real seam (src/runner/docker-exec.ts).
 */
import { execFile } from 'node:child_process';
import type { DockerExec } from '../runner/docker-exec.js';

export function lightDockerExec(binary = 'docker'): DockerExec {
  return {
    run: (argv, opts = {}) =>
      new Promise((resolve) => {
        execFile(
          binary,
          [...argv],
          { env: { ...process.env, ...opts.env }, maxBuffer: 64 * 1024 * 1024, ...(opts.cwd ? { cwd: opts.cwd } : {}) },
          (error, stdout, stderr) => {
            const code =
              error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? 127 : 0;
            resolve({ exitCode: code, stdout: stdout.replace(/\n$/, ''), stderr: stderr.replace(/\n$/, '') });
          },
        );
      }),
  };
}
