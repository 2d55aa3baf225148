/** `raw-instruction`: text dockwright renders as written, unvalidated and unquoted (left by `dockwright import`). */
import type { LintRule, RuleHit } from '../rule.js';

const MAX_GIVEN = 60;

export const rawInstruction: LintRule<'raw-instruction'> = {
  id: 'raw-instruction',
  description: 'A `raw` instruction (Dockerfile text kept as written, usually left by `dockwright import`).',
  defaultSeverity: 'warning',
  check(image) {
    return image.stages.flatMap((stage, i) =>
      stage.steps.flatMap((step, j): RuleHit[] => {
        if (step.kind !== 'raw') return [];
        const line = step.text.split('\n')[0] ?? '';
        return [
          {
            path: ['stages', i, 'steps', j],
            message:
              'raw Dockerfile text is rendered as written, without validation or quoting: review it and replace it with the typed helper (run, copy, env, …)',
            given: line.length > MAX_GIVEN ? `${line.slice(0, MAX_GIVEN)}…` : line,
            expected: 'a typed instruction',
          },
        ];
      }),
    );
  },
};
