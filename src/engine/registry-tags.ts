/**
 * Registry operations that move no image through the local store: which manifest a reference
 * names (`docker buildx imagetools inspect`), and giving a manifest more tags, in the same
 * registry or another (`docker buildx imagetools create -t NEW SRC@sha256:…`: the registry copies
 * or mounts blobs, buildx writes the manifest; nothing is pulled into the engine). Credentials are
 * docker's own login state.
 */
import { dockerRun, type Engine } from './engine.js';

/** What a registry answered for a reference. */
export type RegistryManifest =
  { readonly found: true; readonly digest: string; readonly index: boolean } | { readonly found: false; readonly reason: string };

const lastLine = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1) ?? '';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** The manifest (or index) `ref` names in its registry: its digest and whether it is an index. */
export async function registryManifest(e: Engine, ref: string, signal?: AbortSignal): Promise<RegistryManifest> {
  const r = await dockerRun(e, ['buildx', 'imagetools', 'inspect', '--format', '{{json .Manifest}}', ref], opts(signal));
  if (r.exitCode !== 0) return { found: false, reason: lastLine(r.stderr) || `imagetools inspect exited with ${r.exitCode}` };
  try {
    const m = JSON.parse(r.stdout) as { digest?: string; mediaType?: string; manifests?: unknown[] };
    if (typeof m.digest !== 'string') return { found: false, reason: `no digest for ${ref}` };
    const index = Array.isArray(m.manifests) || /index|manifest\.list/.test(m.mediaType ?? '');
    return { found: true, digest: m.digest, index };
  } catch {
    return { found: false, reason: `unreadable answer for ${ref}` };
  }
}

/** A reference was not found (as opposed to a registry that did not answer). */
export const isNotFound = (reason: string): boolean => /not found|manifest unknown|name unknown/i.test(reason);

export type CopyResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Gives the manifest `source` (`REPO@sha256:…`) the references `tags`, registry-side. An index is
 * copied as it is (same digest); a single manifest becomes a one-entry index around it (buildx
 * 0.13 has no `--prefer-index=false`).
 */
export async function copyToTags(e: Engine, source: string, tags: readonly string[], signal?: AbortSignal): Promise<CopyResult> {
  const r = await dockerRun(e, ['buildx', 'imagetools', 'create', ...tags.flatMap((t) => ['-t', t]), source], opts(signal));
  return r.exitCode === 0 ? { ok: true } : { ok: false, reason: lastLine(r.stderr) || `imagetools create exited with ${r.exitCode}` };
}
