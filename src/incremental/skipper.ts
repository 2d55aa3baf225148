/**
 * Rebuild only what changed. For each image build of a plan: its input digest (parents first — a
 * parent dockwright builds counts with its own input digest, a Merkle chain), then the verdict:
 * up to date when every tag the build produces already carries the same digest label — locally, or
 * with `--push` in the registry — else build, with the digest label added to its build.
 *
 * The engine is asked once for the whole plan (every tag and every external ref in one
 * `docker image inspect`), so that a run where nothing changed costs one docker call; that
 * question and, with `--push`, every pushable tag's registry labels are asked when the skipper is
 * made, while the caller writes the Dockerfiles and the inputs are hashed.
 */
import { resolve } from 'node:path';
import type { ImageModel } from '../model/resolved.js';
import { ownDirs } from '../model/own-dirs.js';
import type { Settings } from '../model/settings.js';
import { buildArgSpec, type ImageBuild as Build } from '../plan/image-build.js';
import type { BuildPlan, ImageBuild } from '../plan/image-build.js';
import type { Engine } from '../engine/engine.js';
import { readGeneratedDockerfile } from '../io/read-generated.js';
import type { DigestFs } from '../io/digest-fs.js';
import { diffInputs, summarizeChanges } from './diff-inputs.js';
import { readRecord, writeRecord } from '../io/digest-store.js';
import { HASHES_FILE, openHashCache, type HashCache } from '../io/hash-cache.js';
import { collectInputs, imageRefs } from './image-inputs.js';
import { DIGEST_LABEL, inspectLocal, registryLabels, type LocalImage } from '../engine/images.js';
import { inputDigest, type DigestInputs } from './input-record.js';
import { waitedOn } from '../timing.js';

export interface SkipperOptions {
  /** Absolute project root. */
  readonly root: string;
  readonly settings: Settings;
  /** Every image of the project. */
  readonly images: readonly ImageModel[];
  readonly plan: BuildPlan;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly engine: Engine;
  /** Build even what is up to date (`--force`; also `--no-cache` and `--pull`, which ask for a fresh build). */
  readonly force?: boolean;
  /** `--push`: a pushable image is up to date only when its registry has every tag with the digest. */
  readonly push?: boolean;
  /** Dockerfile text by image id (a dry run renders in memory); else read from the output folder. */
  readonly dockerfiles?: ReadonlyMap<string, string>;
  readonly fs?: DigestFs;
  /** Called when a context file is new or changed since it was last hashed: a build is likely. */
  readonly onChange?: () => void;
}

/** What the runner does with an image: nothing (up to date), or build it with these labels added (the input digest). */
export type Decision =
  | { readonly upToDate: string; readonly size?: number }
  | { readonly labels: Readonly<Record<string, string>>; readonly notes: readonly string[]; readonly built: () => Promise<void> };

/** The dry run's answer for one build. */
export interface Verdict {
  readonly id: string;
  readonly digest?: string;
  readonly upToDate: boolean;
  readonly reason: string;
}

export interface Skipper {
  decide(build: ImageBuild): Promise<Decision>;
  explain(): Promise<Verdict[]>;
  /** True when every parent outside the plan is in the local store (asked in the same single inspect). */
  externalsPresent(): Promise<boolean>;
  /** Saves the per-file hash cache. */
  close(): Promise<void>;
}

interface Digested {
  readonly digest: string;
  readonly inputs: DigestInputs;
}

/** How an up-to-date reason starts when the registry (not the local store) has the image: nothing to push, maybe nothing local. */
export const IN_REGISTRY = 'in the registry';

/** The reason of an up-to-date image that is in its registry already (`build --push` pushes it no more). */
export const isInRegistry = (reason: string | undefined): boolean => reason?.startsWith(IN_REGISTRY) === true;

const short = (digest: string): string => digest.replace(/^sha256:/, '').slice(0, 12);

export async function createSkipper(o: SkipperOptions): Promise<Skipper> {
  const byId = new Map(o.images.map((i) => [i.id, i]));
  const builds = new Map(o.plan.builds.map((s) => [s.id, s]));
  const external = new Map(o.plan.external.map((e) => [e.id, e.ref]));
  const cacheDir = resolve(o.root, o.settings.cacheDir);
  const version = (image: ImageModel): string | undefined => image.version ?? o.settings.version;
  const buildArgs = (build: Build): string[] => build.buildArgs.map(buildArgSpec);

  /** With `--push`, each pushable tag's labels in its registry, all asked at once while the inputs are hashed. */
  const inRegistry = new Map<string, Promise<Record<string, string> | undefined>>();
  const registryLabelsOf = (tag: string): Promise<Record<string, string> | undefined> => {
    const asked = inRegistry.get(tag) ?? registryLabels(o.engine, tag);
    if (!inRegistry.has(tag)) asked.catch(() => {}); // awaited (and its error seen) by the decision
    inRegistry.set(tag, asked);
    return asked;
  };
  /** Is the build up to date when its registry has it (`--push`, a pushable image), not the local store? */
  const checkedInRegistry = (build: ImageBuild): boolean => o.push === true && build.push;
  if (!o.force) o.plan.builds.filter(checkedInRegistry).forEach((b) => b.tags.forEach(registryLabelsOf));

  let local: Promise<Map<string, LocalImage>> | undefined;
  /**
   * Every tag of the plan checked locally, every external ref and every parent outside the plan:
   * one docker call (a tag checked in its registry is not asked: a fresh machine's engine answers
   * a dozen absent tags slower than the one base it has).
   */
  const localImages = (): Promise<Map<string, LocalImage>> =>
    (local ??= inspectLocal(o.engine, [
      ...o.plan.builds.filter((s) => !checkedInRegistry(s)).flatMap((s) => s.tags),
      ...external.values(),
      ...o.plan.builds.flatMap((s) =>
        imageRefs({
          image: byId.get(s.id) as ImageModel,
          buildArgs: buildArgs(s),
          env: o.env,
          version: version(byId.get(s.id) as ImageModel),
        }),
      ),
    ]));

  // the engine is asked (one question for the whole plan) while the hash cache is read
  localImages().catch(() => {}); // awaited (and its error seen) by the decisions
  const cache: HashCache = await openHashCache(resolve(cacheDir, HASHES_FILE), {
    ...(o.fs ? { fs: o.fs } : {}),
    ...(o.onChange ? { onMiss: o.onChange } : {}),
  });

  const digests = new Map<string, Promise<Digested>>();
  const digestOf = (id: string): Promise<Digested> => {
    const known = digests.get(id);
    if (known) return known;
    const work = (async (): Promise<Digested> => {
      const image = byId.get(id) as ImageModel;
      const build = builds.get(id) as ImageBuild;
      // the engine's answer and the parents' digests are awaited once the context is hashed (image-inputs.ts)
      const found = localImages();
      const parents = (async (): Promise<Record<string, string>> => {
        const digests: Record<string, string> = {};
        for (const p of build.parents) {
          if (builds.has(p)) digests[p] = (await digestOf(p)).digest;
          else {
            // not built by this run: the digest it was built with, else what it is
            const img = (await found).get(external.get(p) ?? '');
            digests[p] = img?.labels[DIGEST_LABEL] ?? img?.content ?? 'absent';
          }
        }
        return digests;
      })();
      const imageIds = found.then((f) => new Map([...f].map(([ref, img]) => [ref, img.content])));
      // awaited (and a failure seen) by collectInputs, after the context is hashed: not an unhandled rejection meanwhile
      parents.catch(() => undefined);
      imageIds.catch(() => undefined);
      const dockerfile = o.dockerfiles?.get(id) ?? (await readGeneratedDockerfile(o.root, o.settings.outputDir, image.dir));
      const inputs = await waitedOn(
        'input digests: one image',
        collectInputs(
          {
            image,
            root: o.root,
            outputDir: o.settings.outputDir,
            ownDirs: ownDirs(o.settings),
            dockerfile,
            buildArgs: buildArgs(build),
            env: o.env,
            platforms: build.platforms,
            labels: build.labels,
            extra: o.plan.options.extra,
            parents,
            imageIds,
            version: version(image),
          },
          { cache, ...(o.fs ? { fs: o.fs } : {}) },
        ),
      );
      return { digest: inputDigest(inputs), inputs };
    })();
    digests.set(id, work);
    return work;
  };

  /** Up to date, or why not. */
  const check = async (build: ImageBuild, d: Digested): Promise<{ upToDate: boolean; reason: string; size?: number }> => {
    if (checkedInRegistry(build)) {
      const labels = await Promise.all(build.tags.map(registryLabelsOf));
      const missing = build.tags.filter((_t, i) => labels[i]?.[DIGEST_LABEL] !== d.digest);
      if (missing.length === 0) return { upToDate: true, reason: `${IN_REGISTRY} with input digest ${short(d.digest)}` };
      return { upToDate: false, reason: `${missing[0]} is not in its registry with these inputs` };
    }
    const found = await localImages();
    const images = build.tags.map((t) => found.get(t));
    const absent = build.tags.find((_t, i) => images[i] === undefined);
    if (absent !== undefined) return { upToDate: false, reason: `no image ${absent} yet` };
    const other = images.find((img) => img?.labels[DIGEST_LABEL] !== d.digest);
    if (other === undefined) return { upToDate: true, reason: `inputs unchanged (${short(d.digest)})`, size: images[0]?.size };
    return { upToDate: false, reason: await changedSince(build, d, other?.labels[DIGEST_LABEL]) };
  };

  /** Names the inputs that changed since the image's last build, from the kept record. */
  const changedSince = async (build: ImageBuild, d: Digested, labelled: string | undefined): Promise<string> => {
    if (labelled === undefined) return 'the image has no input digest (built without dockwright, or before it kept digests)';
    const record = await readRecord(cacheDir, build.dir);
    if (record?.digest !== labelled)
      return `inputs changed (the record of the last build is gone: ${short(labelled)} → ${short(d.digest)})`;
    const changes = diffInputs(record.inputs, d.inputs);
    return changes.length > 0 ? `changed: ${summarizeChanges(changes)}` : `inputs changed (${short(labelled)} → ${short(d.digest)})`;
  };

  const decide = async (build: ImageBuild): Promise<Decision> => {
    let d: Digested;
    try {
      d = await digestOf(build.id);
    } catch (err) {
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
      return { labels: {}, notes: [`input digest unavailable (${why}): building`], built: async () => {} };
    }
    const record = async (): Promise<void> => writeRecord(cacheDir, build.dir, { digest: d.digest, inputs: d.inputs });
    const labels = { [DIGEST_LABEL]: d.digest };
    if (o.force) return { labels, notes: [`input digest ${d.digest} (forced build)`], built: record };
    const verdict = await check(build, d);
    if (verdict.upToDate) {
      if ((await readRecord(cacheDir, build.dir))?.digest !== d.digest) await record();
      return { upToDate: verdict.reason, ...(verdict.size !== undefined ? { size: verdict.size } : {}) };
    }
    return { labels, notes: [`input digest ${d.digest}: building, ${verdict.reason}`], built: record };
  };

  const explain = async (): Promise<Verdict[]> =>
    Promise.all(
      o.plan.builds.map(async (build): Promise<Verdict> => {
        try {
          const d = await digestOf(build.id);
          if (o.force) return { id: build.id, digest: d.digest, upToDate: false, reason: 'forced' };
          return { id: build.id, digest: d.digest, ...(await check(build, d)) };
        } catch (err) {
          return {
            id: build.id,
            upToDate: false,
            reason: `input digest unavailable: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
          };
        }
      }),
    );

  const externalsPresent = async (): Promise<boolean> => {
    const found = await localImages();
    return [...external.values()].every((ref) => found.has(ref));
  };

  return { decide, explain, externalsPresent, close: () => cache.save() };
}

/** The dry run's lines: one per build. */
export const formatVerdicts = (verdicts: readonly Verdict[]): string =>
  `${verdicts.map((v) => `  ${v.id}: ${v.upToDate ? `up to date, ${v.reason}` : `would build: ${v.reason}`}`).join('\n')}\n`;
