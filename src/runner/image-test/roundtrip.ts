/**
 * `--registry-roundtrip` (what FIT's test-e2e.sh does): tag the image for the registry, push it,
 * remove it from the local store (every tag), pull it back; the checks then run on the pulled
 * image. Afterwards the original tags point at the pulled image again and the extra registry
 * tags are removed, so the local store ends as it began.
 */
import { pushRef } from '../push.js';
import { registryAdvice, registryOf, lastLine } from '../registry-ref.js';
import { fail, pass, type Check } from './check.js';
import { dockerRun } from '../../engine/engine.js';
import type { TestTarget } from './test-image.js';

export interface Roundtrip {
  readonly check: Check;
  /** The reference to run the checks on (the pulled one). */
  readonly ref: string;
  /** Puts the original tags back and removes the extra ones. */
  restore(): Promise<void>;
}

export interface RoundtripOptions {
  readonly attempts?: number;
  readonly backoffMs?: number;
}

/** `local` and `remote`: the image's tags and the same tags for the round-trip registry, pairwise. */
export async function roundtrip(
  local: readonly string[],
  remote: readonly string[],
  t: TestTarget,
  o: RoundtripOptions = {},
): Promise<Roundtrip> {
  const name = 'registry round trip';
  const primary = remote[0] as string;
  const original = local[0] as string;
  const registry = registryOf(primary);
  const nothing = async (): Promise<void> => {};
  const run = (args: readonly string[]) => dockerRun(t, args, t.signal ? { signal: t.signal } : {});
  for (const [i, ref] of remote.entries()) {
    if (ref === local[i]) continue;
    const tagged = await run(['tag', original, ref]);
    if (tagged.exitCode !== 0)
      return { check: fail(name, `docker tag ${original} ${ref}: ${lastLine(tagged.stderr)}`), ref: original, restore: nothing };
  }
  const extra = remote.filter((r) => !local.includes(r));
  const untagExtra = async (): Promise<void> => {
    if (extra.length > 0) await dockerRun(t, ['image', 'rm', ...extra]);
  };
  const pushed = await pushRef(primary, { ...t, ...o });
  if (pushed.status !== 'pushed') {
    await untagExtra();
    const reason =
      pushed.status === 'failed' ? `${registryAdvice(registry, pushed.kind, o.attempts ?? 4)} (${pushed.reason})` : pushed.reason;
    return { check: fail(name, `push ${primary}: ${reason}`), ref: original, restore: nothing };
  }
  const all = [...new Set([...local, ...remote])];
  const removed = await run(['image', 'rm', ...all]);
  if (removed.exitCode !== 0) {
    await untagExtra();
    return {
      check: fail(name, `could not remove the local image before pulling it back: ${lastLine(removed.stderr)}`),
      ref: original,
      restore: nothing,
    };
  }
  const pulled = await run(['pull', primary]);
  if (pulled.exitCode !== 0) {
    const gone = `; ${original} is no longer in the local store: rebuild it or pull ${primary}`;
    return {
      check: fail(name, `pull ${primary}: ${lastLine(pulled.stderr) || `exit ${pulled.exitCode}`}${gone}`),
      ref: primary,
      restore: nothing,
    };
  }
  const restore = async (): Promise<void> => {
    for (const ref of local) if (ref !== primary) await dockerRun(t, ['tag', primary, ref]);
    if (!local.includes(primary)) await dockerRun(t, ['image', 'rm', primary]);
  };
  return {
    check: pass(name, `pushed ${primary}${pushed.digest ? ` (${pushed.digest})` : ''}, removed locally, pulled back`),
    ref: primary,
    restore,
  };
}
