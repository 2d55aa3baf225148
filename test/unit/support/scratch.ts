/**
 * Temp folders and servers a unit test makes, removed and closed after each test (the hook is
 * registered by the test file that imports this).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const dirs: string[] = [];
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A new temp folder, removed after the test. */
export function scratchDir(prefix = 'dw-unit-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** Starts `server` listening on a unix socket path or loopback port 0; closed after the test. */
export async function listen(server: Server, socketPath?: string): Promise<Server> {
  servers.push(server);
  await new Promise<void>((r) => (socketPath ? server.listen(socketPath, r) : server.listen(0, '127.0.0.1', r)));
  return server;
}
