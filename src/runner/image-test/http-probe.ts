/**
 * The HTTP probe: GET `http://127.0.0.1:<published port><path>` until it answers with the expected
 * status (and body text), or until the deadline. Loopback only: the port is published on
 * 127.0.0.1, so the engine must run on this machine (a local socket, not a remote host).
 */
import type { TestSpec } from '../../model/test-spec.js';
import type { Engine } from '../../engine/engine.js';
import { fail, pass, pause, type Check } from './check.js';
import { publishedAddress } from './container.js';

export type HttpSpec = NonNullable<TestSpec['http']>;

export async function probeHttp(t: Engine, name: string, http: HttpSpec, deadline: number, signal?: AbortSignal): Promise<Check> {
  const what = `http :${http.port}${http.path}`;
  const address = await publishedAddress(t, name, http.port);
  if (!address) return fail(what, `port ${http.port} is not published on 127.0.0.1 (is the container running?)`);
  const url = `http://${address}${http.path.startsWith('/') ? '' : '/'}${http.path}`;
  let seen = 'no answer';
  while (!signal?.aborted) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'manual' });
      const body = await response.text();
      if (response.status === http.status && (http.expect === undefined || body.includes(http.expect))) {
        return pass(what, `${response.status}${http.expect !== undefined ? `, body has ${JSON.stringify(http.expect)}` : ''}`);
      }
      seen =
        response.status !== http.status
          ? `status ${response.status}, expected ${http.status}`
          : `body does not contain ${JSON.stringify(http.expect)}: ${JSON.stringify(body.slice(0, 200))}`;
    } catch (err) {
      seen = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    }
    if (Date.now() > deadline) return fail(what, `${url}: ${seen}`);
    await pause(500, signal);
  }
  return fail(what, 'interrupted');
}
