import { randomBytes } from 'node:crypto';
import { execa } from 'execa';
import { docker, dockerOk } from './docker-cli.js';

export interface Engine {
  /** A daemon address for `docker --host`; the default daemon when absent. */
  host?: string;
}

const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

/**
 * A lowercase repository prefix unique to this test run and name, e.g. `dwt-infra-m3x9k2a1f0`:
 * name test images `${prefix}/app:1` (or `${registry.host}/${prefix}/app:1`) and clean them up
 * with `removeImages(prefix)`.
 */
export function uniquePrefix(name: string): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'test';
  return `dwt-${slug}-${runId}`;
}

export async function imageExists(ref: string, target: Engine = {}): Promise<boolean> {
  return (await docker(['image', 'inspect', '--format', '{{.Id}}', ref], target)).exitCode === 0;
}

/** The repository without a leading registry host (`127.0.0.1:5000/a/b` → `a/b`). */
function withoutRegistry(repository: string): string {
  const slash = repository.indexOf('/');
  if (slash < 0) return repository;
  const first = repository.slice(0, slash);
  const isHost = first.includes(':') || first.includes('.') || first === 'localhost';
  return isHost ? repository.slice(slash + 1) : repository;
}

/**
 * Removes every image whose repository starts with `prefix`, also when it is pushed-style with a
 * registry host in front (`127.0.0.1:PORT/<prefix>…`). Returns the references it removed.
 */
export async function removeImages(prefix: string, target: Engine = {}): Promise<string[]> {
  if (prefix.length < 3) throw new Error(`removeImages: prefix "${prefix}" is too short to be safe`);
  const list = await dockerOk(['image', 'ls', '--format', '{{.Repository}}\t{{.Tag}}\t{{.ID}}'], target);
  const refs = list.stdout
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(([repository]) => repository !== undefined && withoutRegistry(repository).startsWith(prefix))
    .map(([repository = '', tag = '', id = '']) => (tag === '<none>' ? id : `${repository}:${tag}`));
  const unique = [...new Set(refs)];
  if (unique.length > 0) await dockerOk(['image', 'rm', '--force', ...unique], target);
  return unique;
}

/** `docker save REF | docker --host TO load`: copies an image between daemons. */
export async function copyImage(ref: string, to: Engine, from: Engine = {}): Promise<void> {
  const hostArgs = (target: Engine) => (target.host === undefined ? [] : ['--host', target.host]);
  await execa('docker', [...hostArgs(from), 'save', ref]).pipe('docker', [...hostArgs(to), 'load', '--quiet']);
}
