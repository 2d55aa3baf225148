/**
 * `env-self-reference`: in `ENV A=1 B=$A`, docker expands `$A` with the value A had before the
 * instruction, not `1`. Only a use after the assignment is flagged (`ENV OLD=$A A=1` reads as meant).
 */
import type { FieldPath, LintRule, RuleHit } from '../rule.js';
import { stepsOf } from '../stage-chain.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `value` expands `name` (`$NAME`, `${NAME}`, `${NAME:-x}`), not escaped as `\$NAME`. */
export const usesVar = (value: string, name: string): boolean =>
  new RegExp(`(?<!\\\\)\\$(?:\\{${escape(name)}(?=[}:#%/^,+?=-])|${escape(name)}(?![A-Za-z0-9_]))`).test(value);

function selfReferences(vars: Readonly<Record<string, string>>, at: FieldPath): RuleHit[] {
  const entries = Object.entries(vars);
  return entries.flatMap(([name, value], i) => {
    const used = entries
      .slice(0, i)
      .map(([set]) => set)
      .filter((set) => set !== name && usesVar(value, set));
    return used.map((set): RuleHit => ({
      path: [...at, name],
      message:
        `${name} uses $${set}, which the same ENV sets: docker expands it with the value from before this ENV, not "${vars[set]}". ` +
        `Set ${set} in an earlier env() step (or an earlier ENV), then ${name}`,
      given: `${set}=${vars[set]} ${name}=${value}`,
      expected: `${set} set in an earlier ENV`,
    }));
  });
}

export const envSelfReference: LintRule<'env-self-reference'> = {
  id: 'env-self-reference',
  description: 'One ENV (or the image `env` map) that sets a variable and uses it in a later assignment.',
  defaultSeverity: 'warning',
  check(image, ctx) {
    const imageLevel = image.env ? selfReferences(image.env, ['env']) : [];
    const steps = stepsOf(image, ctx).flatMap(({ step, path }) =>
      step.kind === 'env' ? selfReferences(step.vars, [...path, 'vars']) : [],
    );
    return [...imageLevel, ...steps];
  },
};
