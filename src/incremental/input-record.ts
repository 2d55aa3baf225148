/**
 * Everything that determines an image's content, as one record, and its digest: sha256 over the
 * record's canonical JSON (keys sorted at every level). Values that could be sensitive (build arg
 * values) are recorded as hashes; secrets by id only. The record is kept between runs (see
 * digest-store.ts) so that a rebuild can name the input that changed.
 */
import { sha256 } from '../io/digest-fs.js';

export const DIGEST_VERSION = 1;

export interface DigestInputs {
  readonly version: typeof DIGEST_VERSION;
  /** sha256 of the rendered Dockerfile. */
  readonly dockerfile: string;
  readonly target: string;
  readonly platforms: readonly string[];
  /** Build args passed to this image: name → sha256 of the value (`unset` when taken from an unset variable). */
  readonly args: Readonly<Record<string, string>>;
  /** `--label`s the build adds (not the ones that change on every run: created, revision). */
  readonly labels: Readonly<Record<string, string>>;
  /** docker options passed through after `--`. */
  readonly extra: readonly string[];
  /** The build context as docker sees it: path → `<mode> <sha256>` / `<mode> dir` / `<mode> -> <target>`. */
  readonly files: Readonly<Record<string, string>>;
  /** Named build contexts: name → sha256 of a folder's files, an image id, or the URL itself. */
  readonly contexts: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
  readonly ssh: readonly string[];
  /** Prerequisite commands: name → sha256 of command, cwd and input files. */
  readonly prerequisites: Readonly<Record<string, string>>;
  /** Parent images dockwright builds: id → their input digest (a Merkle chain) or image id. */
  readonly parents: Readonly<Record<string, string>>;
  /** External images it starts from or copies from: ref → image id (`absent` when not in the local store). */
  readonly bases: Readonly<Record<string, string>>;
}

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, sortKeys(obj[k])]),
    );
  }
  return value;
};

/** JSON with object keys sorted at every level: the same record always gives the same text. */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value));

/** `sha256:<hex>` of the record. */
export const inputDigest = (inputs: DigestInputs): string => `sha256:${sha256(canonicalJson(inputs))}`;
