import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLoopback, registryRef } from '../../../src/engine/image-ref.js';
import { registryLogin } from '../../../src/engine/registry-credentials.js';
import { scratchDir } from '../support/scratch.js';

describe('registryRef', () => {
  it('asks Docker Hub names at registry-1.docker.io (one-part names in library/), with the login docker keeps for the hub', () => {
    const hub = { host: 'registry-1.docker.io', authKey: 'https://index.docker.io/v1/' };
    expect(registryRef('busybox')).toEqual({ ...hub, repository: 'library/busybox', reference: 'latest' });
    expect(registryRef('docker.io/acme/app:1')).toEqual({ ...hub, repository: 'acme/app', reference: '1' });
    expect(registryRef('127.0.0.1:5000/ns/app:dev')).toEqual({
      host: '127.0.0.1:5000',
      authKey: '127.0.0.1:5000',
      repository: 'ns/app',
      reference: 'dev',
    });
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(registryRef(`localhost/app@${digest}`)?.reference).toBe(digest);
  });

  it('reads nothing it is not sure of (upper case, a bad tag or digest)', () => {
    expect(registryRef('Acme/App:1')).toBeUndefined();
    expect(registryRef('acme/app:-x')).toBeUndefined();
    expect(registryRef('acme/app@sha256:short')).toBeUndefined();
  });
});

describe('isLoopback', () => {
  it('is localhost, 127.0.0.0/8 and ::1, with or without a port; nothing else', () => {
    expect(['localhost:5000', '127.0.0.1:5000', '127.1.2.3', '[::1]:5000'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['registry.example:5000', '10.0.0.1:5000', '127.0.0.1.example'].map(isLoopback)).toEqual([false, false, false]);
  });
});

describe('registryLogin', () => {
  const configWith = (config: object): Record<string, string> => {
    const dir = scratchDir('dw-login-');
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    return { DOCKER_CONFIG: dir };
  };

  it('is the stored user and password (`auth`), none without an entry, a helper or unknown when docker holds it elsewhere', () => {
    const auth = Buffer.from('me:p:w').toString('base64');
    expect(registryLogin(configWith({ auths: { 'https://reg.example/v1/': { auth } } }), 'reg.example')).toEqual({
      kind: 'basic',
      user: 'me',
      password: 'p:w',
    });
    expect(registryLogin(configWith({ auths: { other: { auth } } }), 'reg.example')).toEqual({ kind: 'none' });
    expect(registryLogin(configWith({ credHelpers: { 'reg.example': 'ecr-login' } }), 'reg.example')).toEqual({ kind: 'helper' });
    expect(registryLogin(configWith({ auths: { 'reg.example': { identitytoken: 't' } } }), 'reg.example')).toEqual({ kind: 'unknown' });
    const broken = scratchDir('dw-login-');
    writeFileSync(join(broken, 'config.json'), '{ not json');
    expect(registryLogin({ DOCKER_CONFIG: broken }, 'reg.example')).toEqual({ kind: 'unknown' });
    expect(registryLogin({ DOCKER_CONFIG: scratchDir('dw-login-') }, 'reg.example')).toEqual({ kind: 'none' });
  });
});
