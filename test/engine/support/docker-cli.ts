import { execa } from 'execa';

/** Where a docker command goes and with which client config. */
export interface DockerOptions {
  /** A daemon address for `docker --host` (e.g. a second dockerd's `unix://…/docker.sock`). */
  host?: string;
  /** A DOCKER_CONFIG dir, so that logins never touch the user's own docker config. */
  configDir?: string;
  /** Written to the command's standard input. */
  input?: string;
}

export interface DockerResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** `docker …` with an argv array; never throws on a non-zero exit (see {@link dockerOk}). */
export async function docker(args: readonly string[], options: DockerOptions = {}): Promise<DockerResult> {
  const argv = options.host === undefined ? [...args] : ['--host', options.host, ...args];
  const result = await execa('docker', argv, {
    reject: false,
    stdin: options.input === undefined ? 'ignore' : 'pipe',
    ...(options.input === undefined ? {} : { input: options.input }),
    env: options.configDir === undefined ? {} : { DOCKER_CONFIG: options.configDir },
  });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `docker …` that throws with the command and its stderr unless it exits 0. */
export async function dockerOk(args: readonly string[], options: DockerOptions = {}): Promise<DockerResult> {
  const result = await docker(args, options);
  if (result.exitCode !== 0) {
    const target = options.host === undefined ? '' : ` (host ${options.host})`;
    throw new Error(`docker ${args.join(' ')}${target} exited ${result.exitCode}:\n${result.stderr || result.stdout}`);
  }
  return result;
}
