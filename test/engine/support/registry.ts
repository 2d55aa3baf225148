import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { spawnDaemon, waitUntilReady } from './daemon-process.js';

export interface RegistryAuth {
  user: string;
  password: string;
}

export interface StartRegistryOptions {
  /** htpasswd (bcrypt) basic auth; without it the registry lets anyone push and pull. */
  auth?: RegistryAuth;
}

export interface Registry {
  /** `127.0.0.1:PORT`, to prefix image references with. */
  host: string;
  /** `http://127.0.0.1:PORT`, for the registry's HTTP API. */
  url: string;
  /** Stops the registry and removes its config and storage. */
  stop(): Promise<void>;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}

/** One line of an htpasswd file with a bcrypt hash, the only kind the registry accepts. */
async function htpasswdLine(auth: RegistryAuth): Promise<string> {
  const result = await execa('htpasswd', ['-n', '-i', '-B', auth.user], { input: auth.password, reject: false });
  if (result.exitCode !== 0) {
    const why = result.failed && result.exitCode === undefined ? 'htpasswd not found' : result.stderr;
    throw new Error(`cannot make an htpasswd file (${why}); install apache2-utils: .ci/install-engine.sh`);
  }
  return `${result.stdout.trim()}\n`;
}

function config(port: number, storage: string, htpasswd: string | undefined): string {
  const auth = htpasswd === undefined ? '' : `auth:\n  htpasswd:\n    realm: dockwright-test\n    path: ${htpasswd}\n`;
  return [
    'version: 0.1',
    'log:',
    '  level: warn',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${storage}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    auth,
  ].join('\n');
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200 || response.status === 401;
  } catch {
    return false;
  }
}

/**
 * Starts Debian's `docker-registry` (the distribution registry) on a free 127.0.0.1 port, with
 * its own temporary config and storage, and waits until `/v2/` answers (401 counts, with auth).
 */
export async function startRegistry(options: StartRegistryOptions = {}): Promise<Registry> {
  const dir = await mkdtemp(join(tmpdir(), 'dockwright-registry-'));
  try {
    let htpasswd: string | undefined;
    if (options.auth !== undefined) {
      htpasswd = join(dir, 'htpasswd');
      await writeFile(htpasswd, await htpasswdLine(options.auth), { mode: 0o600 });
    }
    // the port can be taken between freePort() and the registry's bind: try a few
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const configFile = join(dir, `config-${port}.yml`);
      await writeFile(configFile, config(port, join(dir, 'storage'), htpasswd));
      const daemon = spawnDaemon('docker-registry', ['serve', configFile], join(dir, `registry-${port}.log`));
      const url = `http://127.0.0.1:${port}`;
      try {
        await waitUntilReady(daemon, `docker-registry on 127.0.0.1:${port}`, () => answers(url), 30_000);
      } catch (error) {
        await daemon.stop(5_000);
        if (attempt < 5 && daemon.log().includes('address already in use')) continue;
        throw error;
      }
      return {
        host: `127.0.0.1:${port}`,
        url,
        async stop() {
          await daemon.stop(10_000);
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
