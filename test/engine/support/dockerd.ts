import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { spawnDaemon, waitUntilReady } from './daemon-process.js';
import { docker } from './docker-cli.js';

export interface SecondDockerd {
  /** For `docker --host` or DOCKER_HOST: `unix://…/docker.sock`. */
  host: string;
  /** The daemon's data-root, to tell it apart from the main daemon in `docker info`. */
  dataRoot: string;
  /** Stops the daemon (and its containerd), removes its bridge and every file it made. */
  stop(): Promise<void>;
}

/*
 * Coexisting with the main dockerd on one machine:
 * - its own socket, data-root, exec-root (with its own managed containerd), pidfile and an empty
 *   config file, all under one temp dir;
 * - its own bridge interface, made here. NOT `--bridge=none`: a dockerd started that way deletes
 *   the `docker0` interface, which breaks every container of the main daemon;
 * - `--iptables=false --ip-forward=false`, so it leaves the main daemon's firewall rules alone.
 *   Its containers (and RUN steps of its builds) can reach each other and the bridge, not the
 *   outside: build on it from busybox, not with apt-get.
 */

async function ip(args: string[]): Promise<string> {
  const result = await execa('ip', args, { reject: false });
  if (result.exitCode !== 0) throw new Error(`ip ${args.join(' ')} failed: ${result.stderr || result.shortMessage}`);
  return result.stdout;
}

/** A 10.x.y.0/24 subnet that no address or route on this machine uses yet. */
async function freeSubnet(): Promise<string> {
  const used = `${await ip(['-4', '-o', 'addr'])}\n${await ip(['-4', 'route'])}`;
  for (let tries = 0; tries < 50; tries++) {
    const [x = 0, y = 0] = randomBytes(2);
    const prefix = `10.${200 + (x % 50)}.${y}.`;
    if (!used.includes(prefix)) return prefix;
  }
  throw new Error('no free 10.x.y.0/24 subnet for a second dockerd');
}

async function unmountUnder(dir: string): Promise<void> {
  const mounts = (await readFile('/proc/self/mountinfo', 'utf8'))
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((point): point is string => point !== undefined && point.startsWith(`${dir}/`))
    .sort()
    .reverse();
  for (const point of mounts) await execa('umount', ['-l', point], { reject: false });
}

async function killPidFile(file: string): Promise<void> {
  const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  if (!Number.isInteger(pid) || pid <= 1) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Starts a second dockerd beside the main one, for testing DOCKER_HOST and remote builders;
 * `containerdStore`: with the containerd image store (a fresh "second machine").
 * Needs root (like dockerd itself) and iproute2's `ip`. Its image store starts empty: load images
 * into it with `copyImage` from images.ts.
 */
export interface SecondDockerdOptions {
  /** The containerd image store (several platforms, attestations kept on load). */
  readonly containerdStore?: boolean;
  /** More of daemon.json. */
  readonly config?: Record<string, unknown>;
}

export async function startSecondDockerd(options: SecondDockerdOptions = {}): Promise<SecondDockerd> {
  if (process.getuid?.() !== 0) throw new Error('startSecondDockerd needs root');
  const dir = await mkdtemp(join(tmpdir(), 'dockwright-dockerd-'));
  const id = randomBytes(3).toString('hex');
  const bridge = `dwt-${id}`;
  const dataRoot = join(dir, 'data');
  const execRoot = join(dir, 'exec');
  const host = `unix://${join(dir, 'docker.sock')}`;
  let bridgeMade = false;
  let daemon: ReturnType<typeof spawnDaemon> | undefined;

  const stop = async (): Promise<void> => {
    if (daemon !== undefined) {
      await daemon.stop(30_000);
      // its managed containerd, in case dockerd had to be killed before it could stop it
      await killPidFile(join(execRoot, 'containerd', 'containerd.pid'));
    }
    await unmountUnder(dir);
    if (bridgeMade) await execa('ip', ['link', 'delete', bridge], { reject: false });
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    const subnet = await freeSubnet();
    await ip(['link', 'add', 'name', bridge, 'type', 'bridge']);
    bridgeMade = true;
    await ip(['addr', 'add', `${subnet}1/24`, 'dev', bridge]);
    await ip(['link', 'set', bridge, 'up']);
    const configFile = join(dir, 'daemon.json');
    const config = { ...(options.containerdStore ? { features: { 'containerd-snapshotter': true } } : {}), ...options.config };
    await writeFile(
      configFile,
      `${JSON.stringify(config)}
`,
    );
    daemon = spawnDaemon(
      'dockerd',
      [
        '--config-file',
        configFile,
        '--host',
        host,
        '--data-root',
        dataRoot,
        '--exec-root',
        execRoot,
        '--pidfile',
        join(dir, 'docker.pid'),
        '--bridge',
        bridge,
        '--iptables=false',
        '--ip6tables=false',
        '--ip-forward=false',
        '--containerd-namespace',
        `dockwright-${id}`,
        '--containerd-plugins-namespace',
        `dockwright-${id}-plugins`,
      ],
      join(dir, 'dockerd.log'),
    );
    const started = daemon;
    await waitUntilReady(started, `second dockerd (${host})`, async () => (await docker(['info'], { host })).exitCode === 0);
    return { host, dataRoot, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
