/** `unused-stage`: a stage the target never reads; BuildKit skips it, so it is dead code that still looks built. */
import type { ImageModel, InstructionModel, SourceModel, StageModel } from '../../../model/resolved.js';
import type { LintRule } from '../rule.js';
import { findStage, stagePath } from '../stage-chain.js';

/** Names of the stages a stage reads: its FROM, COPY --from, RUN --mount from (ONBUILD triggers too). */
function stageSources(stage: StageModel): string[] {
  const names: string[] = [];
  const see = (s: SourceModel | { kind: 'scratch' } | undefined): void => {
    if (s?.kind === 'stage') names.push(s.name);
  };
  const visit = (step: InstructionModel): void => {
    if (step.kind === 'copy') see(step.from);
    if (step.kind === 'run') step.mounts.forEach((m) => see('from' in m ? m.from : undefined));
    if (step.kind === 'onbuild') visit(step.trigger);
  };
  see(stage.from);
  stage.steps.forEach(visit);
  return names;
}

/** The stages the target needs, the target included. */
export function reachableStages(image: ImageModel): Set<string> {
  const reached = new Set<string>();
  const queue = [image.target];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    const stage = findStage(image, name);
    if (!stage || reached.has(name)) continue;
    reached.add(name);
    queue.push(...stageSources(stage));
  }
  return reached;
}

export const unusedStage: LintRule<'unused-stage'> = {
  id: 'unused-stage',
  description: 'A stage that is not the target and that the target does not reach (FROM, COPY --from, mount from).',
  defaultSeverity: 'warning',
  check(image) {
    const reached = reachableStages(image);
    return image.stages.flatMap((stage, i) =>
      reached.has(stage.name)
        ? []
        : [
            {
              path: stagePath(i),
              message:
                `stage "${stage.name}" is not used by the target stage "${image.target}", so docker build skips it: ` +
                `remove it, copy from it (copy(…, { from: thatStage })), or make it the image's target`,
              given: stage.name,
              expected: `a stage reachable from "${image.target}"`,
            },
          ],
    );
  },
};
