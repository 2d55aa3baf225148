/**
 * The images an image reads that dockwright does not build: the external refs its stages start
 * from, COPY --from and mount from=, and `docker-image://` named contexts. A ref may use the
 * image's ARGs (`debian:${DEBIAN_VERSION}`): they are substituted with the values the build gets
 * (`--build-arg`, else the ARG's default), as BuildKit does before it resolves the ref.
 */
import type { ImageModel, InstructionModel, SourceModel } from '../model/resolved.js';

export const DOCKER_IMAGE_SCHEME = 'docker-image://';

const REF_VAR = /\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^${}]*))?\})/g;

/** `$X`, `${X}`, `${X:-word}`, `${X:+word}` with `vars`; an unknown variable expands to `''` (as in docker). */
export function substituteArgs(ref: string, vars: Readonly<Record<string, string | undefined>>): string {
  return ref.replace(
    REF_VAR,
    (_all, bare: string | undefined, braced: string | undefined, op: string | undefined, word: string | undefined) => {
      const value = vars[(bare ?? braced) as string];
      if (op === '-') return value ? value : (word ?? '');
      if (op === '+') return value ? (word ?? '') : '';
      return value ?? '';
    },
  );
}

/** The values of an image's ARGs for one build: defaults (version for `fromVersion`), then `K=V` build args. */
export function argValues(
  image: ImageModel,
  buildArgs: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  version: string | undefined,
): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const [name, spec] of Object.entries(image.args)) values[name] = spec.fromVersion ? (version ?? spec.default) : spec.default;
  for (const arg of buildArgs) {
    const eq = arg.indexOf('=');
    if (eq < 0) values[arg] = env[arg];
    else values[arg.slice(0, eq)] = arg.slice(eq + 1);
  }
  return values;
}

/** External refs the image reads, ARG-substituted, sorted, without duplicates. */
export function externalRefs(image: ImageModel, vars: Readonly<Record<string, string | undefined>>): string[] {
  const refs = new Set<string>();
  const see = (s: SourceModel | { kind: 'scratch' } | undefined): void => {
    if (s?.kind === 'external') refs.add(substituteArgs(s.ref, vars));
  };
  const visit = (step: InstructionModel): void => {
    if (step.kind === 'copy') see(step.from);
    if (step.kind === 'run') step.mounts.forEach((m) => see('from' in m ? m.from : undefined));
  };
  for (const stage of image.stages) {
    see(stage.from);
    stage.steps.forEach(visit);
  }
  for (const value of Object.values(image.buildContexts)) {
    if (value.startsWith(DOCKER_IMAGE_SCHEME)) refs.add(value.slice(DOCKER_IMAGE_SCHEME.length));
  }
  return [...refs].filter(Boolean).sort();
}
