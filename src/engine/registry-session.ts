/**
 * Talking to one registry host over its HTTP API the way docker does: HTTPS, or plain HTTP for a
 * loopback host when HTTPS fails; `GET /v2/` first, whose 401 names how to authenticate (a
 * `Bearer` token service, or `Basic`); a token per repository with `pull` scope, anonymous or with
 * the user and password of docker's config. Every question either has an answer docker would
 * have got too, or resolves to undefined (the caller then asks docker): proxies, a login in a
 * credential store, a challenge this cannot meet, any error. Requests go through node:http(s) on
 * kept-alive connections (Node's fetch costs ~20–40 ms of CPU to load undici at its first use, and
 * more per request, in a run whose main thread is its critical path); each reply carries the
 * sha256 of its bytes, so that what is asked by digest is checked to be that content.
 */
import { createHash } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isLoopback } from './image-ref.js';
import type { RegistryLogin } from './registry-credentials.js';
import { waitedOn } from '../timing.js';

export interface RegistryReply {
  readonly status: number;
  readonly contentType: string;
  /** `WWW-Authenticate` of a 401. */
  readonly authenticate: string;
  readonly body: string;
  /** `sha256:…` of the body's bytes. */
  readonly digest: string;
}

export interface RegistrySession {
  /** `GET /v2/<repository>/<path>` with this Accept header; undefined when there is no certain answer. */
  get(repository: string, path: string, accept?: string): Promise<RegistryReply | undefined>;
  /** Is a 404 certain, i.e. were the credentials docker would send sent? */
  readonly absentIsCertain: () => boolean;
}

interface Challenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/** `Bearer realm="…",service="…"` → scheme and parameters (RFC 7235 auth-params). */
export function parseChallenge(header: string): Challenge | undefined {
  const m = /^\s*([A-Za-z][\w-]*)\s*(.*)$/.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of (m[2] ?? '').matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))\s*(?:,|$)/g)) {
    params[(p[1] as string).toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? '');
  }
  return { scheme: (m[1] as string).toLowerCase(), params };
}

const TIMEOUT_MS = 10_000;

/** Connections kept alive for the run (idle ones do not keep the process alive). */
let agents: { readonly http: HttpAgent; readonly https: HttpsAgent } | undefined;

function request(url: string, headers: Record<string, string>): Promise<RegistryReply | undefined> {
  agents ??= { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  const https = url.startsWith('https:');
  return new Promise((done) => {
    const reply = (res: IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', () => done(undefined));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const header = (name: string): string => [res.headers[name] ?? ''].flat().join(', ');
        done({
          status: res.statusCode ?? 0,
          contentType: header('content-type'),
          authenticate: header('www-authenticate'),
          body: bytes.toString('utf8'),
          digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
        });
      });
    };
    try {
      const agent = https ? agents?.https : agents?.http;
      const req = (https ? httpsRequest : httpRequest)(url, { headers, agent, timeout: TIMEOUT_MS }, reply);
      req.on('timeout', () => req.destroy(new Error('registry request timed out')));
      req.on('error', () => done(undefined));
      req.end();
    } catch {
      done(undefined);
    }
  });
}

const send = (url: string, headers: Record<string, string>): Promise<RegistryReply | undefined> =>
  waitedOn('registry API: one request', request(url, headers));

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];

/** A session with `host`, for this login; undefined when docker's way there is not this one (a proxy, an unknown login). */
export function registrySession(
  host: string,
  login: RegistryLogin,
  env: Readonly<Record<string, string | undefined>>,
): RegistrySession | undefined {
  if (login.kind === 'unknown') return undefined;
  if (!isLoopback(host) && PROXY_VARS.some((v) => env[v])) return undefined;
  const basic = login.kind === 'basic' ? `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}` : undefined;

  /** The base URL and the challenge of `GET /v2/`. */
  const ping = (async (): Promise<{ base: string; challenge?: Challenge } | undefined> => {
    let base = `https://${host}`;
    let reply = await send(`${base}/v2/`, {});
    if (reply === undefined && isLoopback(host)) {
      base = `http://${host}`;
      reply = await send(`${base}/v2/`, {});
    }
    if (reply?.status === 200) return { base };
    if (reply?.status !== 401) return undefined;
    const challenge = parseChallenge(reply.authenticate);
    return challenge ? { base, challenge } : undefined;
  })();
  let challenged = false;

  const tokens = new Map<string, Promise<string | undefined>>();
  /** The Authorization header for a repository: '' for none, undefined when it cannot be had. */
  const authorization = (repository: string): Promise<string | undefined> => {
    const known = tokens.get(repository);
    if (known) return known;
    const made = (async (): Promise<string | undefined> => {
      const p = await ping;
      if (p === undefined) return undefined;
      if (p.challenge === undefined) return '';
      challenged = true;
      if (p.challenge.scheme === 'basic') return basic;
      const realm = p.challenge.params.realm;
      if (p.challenge.scheme !== 'bearer' || !realm) return undefined;
      const url = new URL(realm);
      if (p.challenge.params.service) url.searchParams.set('service', p.challenge.params.service);
      url.searchParams.set('scope', `repository:${repository}:pull`);
      const reply = await send(url.toString(), basic ? { Authorization: basic } : {});
      if (reply?.status !== 200) return undefined;
      try {
        const t = JSON.parse(reply.body) as { token?: string; access_token?: string };
        const token = t.token ?? t.access_token;
        return token ? `Bearer ${token}` : undefined;
      } catch {
        return undefined;
      }
    })();
    tokens.set(repository, made);
    return made;
  };

  return {
    async get(repository, path, accept) {
      const auth = await authorization(repository);
      const p = await ping;
      if (auth === undefined || p === undefined) return undefined;
      const headers: Record<string, string> = { ...(auth ? { Authorization: auth } : {}), ...(accept ? { Accept: accept } : {}) };
      return send(`${p.base}/v2/${repository}/${path}`, headers);
    },
    absentIsCertain: () => login.kind !== 'helper' || !challenged,
  };
}
