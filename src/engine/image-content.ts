/**
 * What an image is, independent of the engine that holds it: its layers (diff ids) and the parts
 * of its config a build on it inherits. The image id is not: the classic store names an image by
 * its config digest, the containerd store by its manifest or index digest, and an image copied
 * to another engine (save/load, pull of a different index) can get another id with the very same
 * content. Input digests of images built on an external base use this, so two machines agree.
 */
import { createHash } from 'node:crypto';

/** The config fields of `docker image inspect` a build inherits. */
export interface InheritedConfig {
  readonly Env?: readonly string[] | null;
  readonly Entrypoint?: readonly string[] | null;
  readonly Cmd?: readonly string[] | null;
  readonly User?: string;
  readonly WorkingDir?: string;
  readonly Labels?: Readonly<Record<string, string>> | null;
  readonly Shell?: readonly string[] | null;
  readonly OnBuild?: readonly string[] | null;
  readonly ExposedPorts?: Readonly<Record<string, unknown>> | null;
  readonly Volumes?: Readonly<Record<string, unknown>> | null;
  readonly StopSignal?: string;
  readonly Healthcheck?: unknown;
}

/** `content:<sha256>` of the layers and the inherited config; the id when the engine gave no layers. */
export function imageContent(id: string, layers: readonly string[], config: InheritedConfig | null | undefined): string {
  if (layers.length === 0) return id;
  const c = config ?? {};
  const inherited = [
    c.Env,
    c.Entrypoint,
    c.Cmd,
    c.User,
    c.WorkingDir,
    c.Labels,
    c.Shell,
    c.OnBuild,
    c.ExposedPorts,
    c.Volumes,
    c.StopSignal,
    c.Healthcheck,
  ];
  const sorted = (v: unknown): unknown =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : (v ?? null);
  return `content:${createHash('sha256')
    .update(JSON.stringify([layers, inherited.map(sorted)]))
    .digest('hex')}`;
}

/** The labels every one of `labels` has with the same value (the labels of a multi-platform image). */
export function commonLabels(labels: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const first = labels[0] ?? {};
  return Object.fromEntries(Object.entries(first).filter(([k, v]) => labels.every((l) => l[k] === v)));
}
