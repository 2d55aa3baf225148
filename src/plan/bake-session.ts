/**
 * Many image builds as one `docker buildx bake` session. Pure: made from the plan's
 * {@link ImageBuild} values (with what the run decided for each: the input digest label, ...), the
 * way buildx-argv.ts makes one build's argv. A parent built in the same session is linked as a
 * `target:` context (its ARG names it, as in the exported bake file: see bake-file.ts), so
 * BuildKit hands the parent's result to the child within one session instead of through the image
 * store; a parent outside the session, and every parent of a build that takes its parents by image
 * (parent-by-image.ts), stays the image reference the build names. Options after
 * `--` go into every target when bake has a field for them (extra-options.ts); otherwise there is
 * no session, and the reason says which option.
 */
import { posix } from 'node:path';
import { bakeContextName, type BakeTarget } from './bake-file.js';
import { globalArgsOf } from './buildx-argv.js';
import { extraBakeFields } from './extra-options.js';
import { parentLinkOf } from './parent-by-image.js';
import {
  attestSpec,
  cacheFromSpec,
  cacheToSpec,
  labelsOf,
  outputSpecs,
  secretSpec,
  type BuildPlan,
  type ImageBuild,
} from './image-build.js';
import { seatOf } from './build-engine.js';

/** A bake target as the exported file has it, with the options only a build run sets. */
export type SessionTarget = Omit<BakeTarget, 'target'> & {
  readonly target?: string;
  readonly 'cache-from'?: readonly string[];
  readonly 'cache-to'?: readonly string[];
  readonly pull?: boolean;
  readonly 'no-cache'?: boolean;
  readonly output?: readonly string[];
  readonly [field: string]: unknown;
};

export interface BakeSession {
  /** The bake file, given to bake on its standard input (`-f -`). */
  readonly file: {
    readonly target: Readonly<Record<string, SessionTarget>>;
    readonly group: { readonly default: { readonly targets: readonly string[] } };
  };
  /** `docker` argv of the bake run. */
  readonly argv: readonly string[];
  /** Bake target name → image id. */
  readonly targets: ReadonlyMap<string, string>;
  /** Bake target name → its Dockerfile, absolute. */
  readonly dockerfiles: ReadonlyMap<string, string>;
}

/** Why a session cannot be made (then each image builds on its own). */
export interface NotBakeable {
  readonly notBakeable: string;
}

const nonEmpty = <T extends object>(key: string, value: T): Record<string, T> => (Object.keys(value).length > 0 ? { [key]: value } : {});
const listed = (key: string, value: readonly string[]): Record<string, readonly string[]> => (value.length > 0 ? { [key]: value } : {});

/**
 * The bake run that builds every image at once. `root`: the absolute project root, where bake runs
 * (the builds' paths are relative to it).
 */
export function bakeSession(
  builds: readonly ImageBuild[],
  plan: Pick<BuildPlan, 'engine' | 'options' | 'engines'>,
  root: string,
): BakeSession | NotBakeable {
  // a session's builds share one engine (run-plan.ts groups them so): its context and builder
  const options = builds[0] ? seatOf(builds[0], plan).options : plan.options;
  if (new Set(builds.map((b) => b.engine)).size > 1) return { notBakeable: 'its images build on different engines' };
  if (!plan.engine.buildx) return { notBakeable: 'this docker client has no buildx' };
  // `--build-arg K` takes K's value from docker's environment; a bake file has no way to say that
  const fromEnv = builds.find((b) => b.buildArgs.some((a) => a.value === undefined));
  if (fromEnv) return { notBakeable: `${fromEnv.id} takes a build arg from the environment` };
  const extra = extraBakeFields(options.extra);
  if ('notBakeable' in extra) return extra;

  const byId = new Map(builds.map((b) => [b.id, b]));
  const target: Record<string, SessionTarget> = {};
  const dockerfiles = new Map<string, string>();
  for (const build of builds) {
    // parents in the session that the build takes by target (parent-by-image.ts): their `target:` result
    const linked = new Map(
      build.parentRefs.flatMap((p) => {
        const parent = byId.get(p.id);
        return parent && parentLinkOf(build, parent) === 'target' ? [[p.id, parent.dir] as const] : [];
      }),
    );
    const args: Record<string, string> = {};
    for (const p of build.parentRefs) args[p.arg] = linked.has(p.id) ? bakeContextName(linked.get(p.id) as string) : p.ref;
    for (const a of build.buildArgs) args[a.name] = a.value ?? '';
    const context = posix.isAbsolute(build.context) ? build.context : posix.join(root, build.context);
    const dockerfile = posix.isAbsolute(build.dockerfile) ? build.dockerfile : posix.join(root, build.dockerfile);
    dockerfiles.set(build.dir, dockerfile);
    const extraList = (field: string): readonly string[] => extra.lists[field] ?? [];
    target[build.dir] = {
      context: build.context,
      // bake reads the Dockerfile's path relative to the context
      dockerfile: posix.isAbsolute(build.dockerfile) ? build.dockerfile : posix.relative(context, dockerfile),
      target: build.target,
      tags: [...build.tags, ...extraList('tags')],
      ...nonEmpty('args', { ...args, ...extra.maps.args }),
      ...nonEmpty('labels', { ...labelsOf(build, options), ...extra.maps.labels }),
      ...listed('platforms', extra.lists.platforms ?? build.platforms),
      ...nonEmpty('contexts', {
        ...build.namedContexts,
        ...Object.fromEntries([...linked.values()].map((dir) => [bakeContextName(dir), `target:${dir}`])),
        ...extra.maps.contexts,
      }),
      ...listed('secret', [...build.secrets.map(secretSpec), ...extraList('secret')]),
      ...listed('ssh', [...build.ssh, ...extraList('ssh')]),
      ...listed('attest', [...build.attest.map(attestSpec), ...extraList('attest')]),
      ...listed('cache-from', [
        ...build.cacheFrom,
        ...(build.registryCache ? [cacheFromSpec(build.registryCache)] : []),
        ...extraList('cache-from'),
      ]),
      ...listed('cache-to', [
        ...build.cacheTo,
        ...(build.registryCache ? [cacheToSpec(build.registryCache)] : []),
        ...extraList('cache-to'),
      ]),
      ...Object.fromEntries(
        ['no-cache-filter', 'ulimits', 'annotations'].flatMap((f) => (extraList(f).length > 0 ? [[f, extraList(f)]] : [])),
      ),
      ...extra.strings,
      ...(options.pull || extra.switches.pull ? { pull: true } : {}),
      ...(options.noCache || extra.switches['no-cache'] ? { 'no-cache': true } : {}),
      // where each image goes: the local store (what bake's `--load` would say for all), the registry, or both
      output: outputSpecs(build.output, plan.engine),
    };
  }
  const names = builds.map((b) => b.dir);
  return {
    file: { target, group: { default: { targets: names } } },
    argv: [
      ...globalArgsOf(options),
      'buildx',
      'bake',
      '-f',
      '-',
      '--progress=plain',
      ...(options.builder !== undefined ? ['--builder', options.builder] : []),
      ...names,
    ],
    targets: new Map(builds.map((b) => [b.dir, b.id])),
    dockerfiles,
  };
}
