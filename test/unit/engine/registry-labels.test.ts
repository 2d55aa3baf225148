import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine.js';
import { registryLabels } from '../../../src/engine/images.js';
import { registryApi } from '../../../src/engine/registry-labels.js';
import { registrySession } from '../../../src/engine/registry-session.js';
import { fakeDocker } from '../support/fake-docker.js';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

const dirs: string[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A docker config folder holding `config`. */
const dockerConfig = (config: object): string => {
  const d = mkdtempSync(join(tmpdir(), 'dw-reg-'));
  dirs.push(d);
  writeFileSync(join(d, 'config.json'), JSON.stringify(config));
  return d;
};

const digestOf = (body: string): string => `sha256:${createHash('sha256').update(body).digest('hex')}`;

interface Blob {
  readonly type: string;
  readonly body: string;
}

/** A stand-in registry on loopback (plain HTTP): `/v2/acme/app/{manifests,blobs}/…` from `content`; with `token`, a Bearer challenge. */
async function registry(
  content: Map<string, Blob>,
  o: { token?: boolean; status?: number } = {},
): Promise<{ host: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    const host = req.headers.host ?? '';
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname === '/token') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ token: 'tok-1' }));
      return;
    }
    if (o.token && req.headers.authorization !== 'Bearer tok-1') {
      res.statusCode = 401;
      res.setHeader('www-authenticate', `Bearer realm="http://${host}/token",service="test-registry"`);
      res.end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      return;
    }
    if (url.pathname === '/v2/') {
      res.end('{}');
      return;
    }
    const blob = content.get(url.pathname.replace(/^\/v2\/acme\/app\//, ''));
    res.statusCode = blob ? (o.status ?? 200) : 404;
    if (blob) res.setHeader('content-type', blob.type);
    res.end(blob ? blob.body : '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return { host: `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, seen };
}

/** Adds an image config with these labels and its manifest; returns the manifest's digest. */
function image(content: Map<string, Blob>, labels: Record<string, string>, type = OCI_MANIFEST): string {
  const config = JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Labels: labels } });
  content.set(`blobs/${digestOf(config)}`, { type: 'application/octet-stream', body: config });
  const manifest = JSON.stringify({ schemaVersion: 2, mediaType: type, config: { digest: digestOf(config) }, layers: [] });
  content.set(`manifests/${digestOf(manifest)}`, { type, body: manifest });
  return digestOf(manifest);
}

function engineWith(configDir: string, registryLabelsOfDocker: Map<string, Record<string, string>> = new Map()) {
  const docker = fakeDocker([], { registry: registryLabelsOfDocker });
  const env = { DOCKER_CONFIG: configDir };
  const engine: Engine = { docker, env, registry: registryApi(env) };
  return { engine, docker };
}

describe('registryLabels over the registry HTTP API', () => {
  it('reads a single-platform image: the manifest the tag names, then its config blob', async () => {
    const content = new Map<string, Blob>();
    const digest = image(content, { 'dev.dockwright.input-digest': 'abc', other: '1' }, DOCKER_MANIFEST);
    content.set('manifests/1', content.get(`manifests/${digest}`) as Blob);
    const { host, seen } = await registry(content);
    const { engine, docker } = engineWith(dockerConfig({}));
    expect(await registryLabels(engine, `${host}/acme/app:1`)).toEqual({ 'dev.dockwright.input-digest': 'abc', other: '1' });
    expect(docker.calls).toEqual([]);
    const manifestRequest = seen.find((r) => r.url === '/v2/acme/app/manifests/1');
    expect(manifestRequest?.headers.accept).toContain(OCI_INDEX);
    expect(manifestRequest?.headers.accept).toContain(DOCKER_MANIFEST);
  });

  it('reads an index: the labels its platforms agree on, attestation manifests skipped', async () => {
    const content = new Map<string, Blob>();
    const amd = image(content, { 'dev.dockwright.input-digest': 'abc', arch: 'amd64' });
    const arm = image(content, { 'dev.dockwright.input-digest': 'abc', arch: 'arm64' });
    const attestation = digestOf('not stored');
    const index = {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        { mediaType: OCI_MANIFEST, digest: amd, platform: { os: 'linux', architecture: 'amd64' } },
        { mediaType: OCI_MANIFEST, digest: arm, platform: { os: 'linux', architecture: 'arm64' } },
        {
          mediaType: OCI_MANIFEST,
          digest: attestation,
          platform: { os: 'unknown', architecture: 'unknown' },
          annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': amd },
        },
      ],
    };
    content.set('manifests/multi', { type: OCI_INDEX, body: JSON.stringify(index) });
    const { host, seen } = await registry(content);
    const { engine, docker } = engineWith(dockerConfig({}));
    expect(await registryLabels(engine, `${host}/acme/app:multi`)).toEqual({ 'dev.dockwright.input-digest': 'abc' });
    expect(docker.calls).toEqual([]);
    expect(seen.map((r) => r.url)).not.toContain(`/v2/acme/app/manifests/${attestation}`);
  });

  it('asks docker when content asked by digest is not that content (a config blob or a platform manifest)', async () => {
    const content = new Map<string, Blob>();
    const digest = image(content, { 'dev.dockwright.input-digest': 'abc' });
    content.set('manifests/1', content.get(`manifests/${digest}`) as Blob);
    const configDigest = (JSON.parse((content.get(`manifests/${digest}`) as Blob).body) as { config: { digest: string } }).config.digest;
    const forged = JSON.stringify({ config: { Labels: { 'dev.dockwright.input-digest': 'forged' } } });
    content.set(`blobs/${configDigest}`, { type: 'application/octet-stream', body: forged });
    const index = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: OCI_MANIFEST, digest: digestOf('other') }] };
    content.set(`manifests/${digestOf('other')}`, content.get(`manifests/${digest}`) as Blob);
    content.set('manifests/multi', { type: OCI_INDEX, body: JSON.stringify(index) });
    const { host } = await registry(content);
    const answers = new Map([
      [`${host}/acme/app:1`, { k: 'from-docker' }],
      [`${host}/acme/app:multi`, { k: 'from-docker too' }],
    ]);
    const { engine, docker } = engineWith(dockerConfig({}), answers);
    expect(await registryLabels(engine, `${host}/acme/app:1`)).toEqual({ k: 'from-docker' });
    expect(await registryLabels(engine, `${host}/acme/app:multi`)).toEqual({ k: 'from-docker too' });
    expect(docker.calls).toHaveLength(2);
  });

  it('takes a 404 as "not in the registry" without asking docker', async () => {
    const { host } = await registry(new Map());
    const ref = `${host}/acme/app:gone`;
    const { engine, docker } = engineWith(dockerConfig({}), new Map([[ref, { k: 'docker would say so' }]]));
    expect(await registryLabels(engine, ref)).toBeUndefined();
    expect(docker.calls).toEqual([]);
  });

  it("meets a 401 Bearer challenge with a token for the repository (docker's stored login on the token request)", async () => {
    const content = new Map<string, Blob>();
    content.set('manifests/1', content.get(`manifests/${image(content, { k: 'v' })}`) as Blob);
    const { host, seen } = await registry(content, { token: true });
    const auth = Buffer.from('me:secret').toString('base64');
    const { engine, docker } = engineWith(dockerConfig({ auths: { [host]: { auth } } }));
    expect(await registryLabels(engine, `${host}/acme/app:1`)).toEqual({ k: 'v' });
    expect(docker.calls).toEqual([]);
    const tokenRequest = seen.find((r) => r.url?.startsWith('/token'));
    expect(new URL(tokenRequest?.url ?? '', 'http://x').searchParams.get('scope')).toBe('repository:acme/app:pull');
    expect(new URL(tokenRequest?.url ?? '', 'http://x').searchParams.get('service')).toBe('test-registry');
    expect(tokenRequest?.headers.authorization).toBe(`Basic ${auth}`);
  });

  it('asks docker (imagetools) when a credential helper may hold the login and the anonymous answer is "not there"', async () => {
    const { host } = await registry(new Map(), { token: true });
    const ref = `${host}/acme/app:private`;
    const { engine, docker } = engineWith(dockerConfig({ credsStore: 'desktop' }), new Map([[ref, { k: 'from-docker' }]]));
    expect(await registryLabels(engine, ref)).toEqual({ k: 'from-docker' });
    expect(docker.calls.map((c) => c.argv.slice(0, 3))).toEqual([['buildx', 'imagetools', 'inspect']]);
  });

  it('keeps an anonymous "found" answer even with a credential helper', async () => {
    const content = new Map<string, Blob>();
    content.set('manifests/1', content.get(`manifests/${image(content, { k: 'v' })}`) as Blob);
    const { host } = await registry(content, { token: true });
    const { engine, docker } = engineWith(dockerConfig({ credsStore: 'desktop' }));
    expect(await registryLabels(engine, `${host}/acme/app:1`)).toEqual({ k: 'v' });
    expect(docker.calls).toEqual([]);
  });

  it('asks docker on an unexpected status, an identity token, or a proxy', async () => {
    const content = new Map<string, Blob>();
    content.set('manifests/1', content.get(`manifests/${image(content, { k: 'v' })}`) as Blob);
    const { host } = await registry(content, { status: 500 });
    const ref = `${host}/acme/app:1`;
    const answers = new Map([[ref, { k: 'from-docker' }]]);
    const unexpected = engineWith(dockerConfig({}), answers);
    expect(await registryLabels(unexpected.engine, ref)).toEqual({ k: 'from-docker' });
    const token = engineWith(dockerConfig({ auths: { [host]: { identitytoken: 'x' } } }), answers);
    expect(await registryLabels(token.engine, ref)).toEqual({ k: 'from-docker' });
    expect([...unexpected.docker.calls, ...token.docker.calls]).toHaveLength(2);
    const proxied = registryApi({ DOCKER_CONFIG: dockerConfig({}), HTTPS_PROXY: 'http://proxy.invalid:3128' });
    expect(await proxied.labels('registry.invalid/acme/app:1')).toBeUndefined();
    // the name above resolves nowhere, so that answer alone would not show the proxy rule: the session itself does
    expect(registrySession('registry.invalid', { kind: 'none' }, { HTTPS_PROXY: 'http://proxy.invalid:3128' })).toBeUndefined();
  });
});
