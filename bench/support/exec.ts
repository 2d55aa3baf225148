/** Running the tools as separate processes (as a user runs them) and timing them. */
import { execa } from 'execa';

export interface Timed {
  readonly seconds: number;
  readonly exitCode: number;
  readonly output: string;
}

/** Runs `file args` to the end; throws with its output when it fails (a failed run is no figure). */
export async function timed(file: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Timed> {
  const start = performance.now();
  const r = await execa(file, [...args], { cwd, reject: false, all: true, stdin: 'ignore', env });
  const seconds = (performance.now() - start) / 1000;
  const output = typeof r.all === 'string' ? r.all : '';
  if (r.exitCode !== 0)
    throw new Error(`${file} ${args.join(' ')} exited ${r.exitCode ?? r.signal}:\n${output.split('\n').slice(-25).join('\n')}`);
  return { seconds, exitCode: r.exitCode ?? 0, output };
}

/** `docker …`, not timed. */
export const docker = (args: readonly string[], cwd = process.cwd()) =>
  execa('docker', [...args], { cwd, reject: false, all: true, stdin: 'ignore' });

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/**
 * Median seconds of an empty `node -e 0` (5 runs): the start every dockwright run pays before its
 * own code, and the same without NODE_EXTRA_CA_CERTS when that is set (Node 20 reads and parses
 * those certificates at every start, whether or not the process ever opens a TLS connection).
 */
export async function nodeStart(): Promise<{ seconds: number; withoutExtraCerts?: number }> {
  const run = async (env: NodeJS.ProcessEnv): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      await execa(process.execPath, ['-e', '0'], { env, extendEnv: false, stdin: 'ignore' });
      times.push((performance.now() - start) / 1000);
    }
    return median(times);
  };
  const seconds = await run(process.env);
  if (!process.env.NODE_EXTRA_CA_CERTS) return { seconds };
  const { NODE_EXTRA_CA_CERTS: _certs, ...rest } = process.env;
  return { seconds, withoutExtraCerts: await run(rest) };
}
