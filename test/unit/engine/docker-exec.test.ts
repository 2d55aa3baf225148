/** The real seam, run against `sh` instead of `docker`: argv, env, input, streaming, and abort of a whole process group. */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { createDockerExec } from '../../../src/engine/docker-exec.js';

const sh = createDockerExec('sh');
/** Processes whose command is exactly `command`. */
const running = async (command: string): Promise<string[]> =>
  (await execa('ps', ['-eo', 'args='])).stdout.split('\n').filter((l) => l.trim() === command);

describe('createDockerExec', () => {
  it('passes argv as it is (no shell in between), adds env, writes input, and returns the output', async () => {
    const r = await sh.run(['-c', 'printf "%s|" "$1" "$DW_X"; cat; echo oops >&2; exit 3', 'sh', '$HOME; rm -rf /'], {
      env: { DW_X: 'x y' },
      input: 'in',
    });
    expect(r).toEqual({ exitCode: 3, stdout: '$HOME; rm -rf /|x y|in', stderr: 'oops' });
  });

  it('streams lines to onLine and then keeps no output', async () => {
    const lines: string[] = [];
    const r = await sh.run(['-c', 'echo a; echo b >&2; echo c'], { onLine: (l, s) => lines.push(`${s}:${l}`) });
    expect(r).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(lines.filter((l) => l.startsWith('stdout'))).toEqual(['stdout:a', 'stdout:c']);
    expect(lines).toContain('stderr:b');
  });

  it('a binary that does not exist exits 127 with a message', async () => {
    const r = await createDockerExec('dockwright-no-such-binary').run(['x']);
    expect(r.exitCode).toBe(127);
    expect(r.stderr).toContain('ENOENT');
  });

  it('an abort ends the process and its children within 2 s, even when they ignore SIGTERM', async () => {
    const marker = `sleep 31.${process.pid}`;
    const stop = new AbortController();
    // the shell ignores TERM; its child sleep is in the same process group
    const pending = sh.run(['-c', `trap '' TERM; ${marker} & wait; ${marker}`], { signal: stop.signal });
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(await running(marker)).toHaveLength(1);
      const t0 = Date.now();
      stop.abort();
      const r = await pending;
      expect(Date.now() - t0).toBeLessThan(2_000);
      expect(r.exitCode).toBe(137);
      expect(await running(marker)).toEqual([]);
    } finally {
      stop.abort();
      await pending;
    }
  });
});
