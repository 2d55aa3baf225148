/** `base-image-tag`: an external image without a tag or digest, or on `:latest`, changes under you. */
import type { InstructionModel, SourceModel } from '../../../model/resolved.js';
import type { FieldPath, LintRule, RuleHit } from '../rule.js';
import { stagePath, stepsOf } from '../stage-chain.js';

/** `missing` (no tag, no digest), `latest`, or undefined when the reference is pinned or unknowable. */
export function tagProblem(ref: string): 'missing' | 'latest' | undefined {
  if (ref === 'scratch' || ref.includes('@')) return undefined;
  const name = ref.slice(ref.lastIndexOf('/') + 1);
  const colon = name.indexOf(':');
  // A variable in the last path part (`${BASE}`, `python:${PY}-slim`) may carry the tag.
  if (colon < 0) return name.includes('$') ? undefined : 'missing';
  return name.slice(colon + 1) === 'latest' ? 'latest' : undefined;
}

const externalSources = (step: InstructionModel): { source: SourceModel | undefined; path: FieldPath }[] => {
  if (step.kind === 'copy') return [{ source: step.from, path: ['from'] }];
  if (step.kind === 'run') return step.mounts.map((m, k) => ({ source: 'from' in m ? m.from : undefined, path: ['mounts', k, 'from'] }));
  return [];
};

const hit = (ref: string, where: string, path: FieldPath): RuleHit[] => {
  const problem = tagProblem(ref);
  if (!problem) return [];
  const repo = ref.replace(/:latest$/, '');
  return [
    {
      path,
      message:
        problem === 'latest'
          ? `${where} ${ref} follows the moving "latest" tag, so builds change without any edit: pin a version tag or a digest (${repo}@sha256:…)`
          : `${where} ${ref} has no tag, so docker uses "latest" and builds change without any edit: pin a version tag (${repo}:<version>) or a digest (${repo}@sha256:…)`,
      given: ref,
      expected: 'a version tag or a digest',
    },
  ];
};

export const baseImageTag: LintRule<'base-image-tag'> = {
  id: 'base-image-tag',
  description: 'An external image (FROM, COPY --from, RUN --mount from) without a tag or digest, or with `:latest`.',
  defaultSeverity: 'warning',
  check(image, ctx) {
    const froms = image.stages.flatMap((stage, i) =>
      stage.from.kind === 'external' ? hit(stage.from.ref, 'FROM', [...stagePath(i), 'from']) : [],
    );
    const others = stepsOf(image, ctx).flatMap(({ step, path }) =>
      externalSources(step).flatMap(({ source, path: sub }) =>
        source?.kind === 'external' ? hit(source.ref, step.kind === 'copy' ? 'COPY --from' : 'RUN --mount from', [...path, ...sub]) : [],
      ),
    );
    return [...froms, ...others];
  },
};
