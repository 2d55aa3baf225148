/** `brace-expansion-sh`: `/bin/sh` is dash (Debian, Ubuntu) or ash (Alpine): `mv f{,.bak}` stays literal. */
import type { LintRule, RuleHit } from '../rule.js';
import { runScripts } from '../run-scripts.js';
import { lacksBraceExpansion } from '../shell-commands.js';
import { wordShape, type ShellToken } from '../shell-words.js';
import { stepsOfKind } from '../stage-chain.js';

/** `{a,b}`, `{,.bak}`, `{1..3}`, `{a..z}`, unquoted and not `${…}` (quoted parts are masked). */
const BRACE = /(?<!\$)\{[^{}\s]*,[^{}\s]*\}|(?<!\$)\{(?:-?\d+\.\.-?\d+|[A-Za-z]\.\.[A-Za-z])(?:\.\.-?\d+)?\}/;

/** The first word of a script that bash would brace-expand. */
export function braceExpansion(script: { readonly tokens: readonly ShellToken[] }): string | undefined {
  for (const token of script.tokens) {
    if (token.kind === 'word' && BRACE.test(wordShape(token))) return token.value;
  }
  return undefined;
}

export const braceExpansionSh: LintRule<'brace-expansion-sh'> = {
  id: 'brace-expansion-sh',
  description: 'A RUN using brace expansion (`{a,b}`, `{1..3}`) run by /bin/sh, which does not expand it.',
  defaultSeverity: 'warning',
  check(image, ctx) {
    return stepsOfKind(image, ctx, 'run').flatMap(({ step, path, shell }): RuleHit[] => {
      for (const script of runScripts(step, shell)) {
        if (!lacksBraceExpansion(script.interpreter)) continue;
        const word = braceExpansion(script);
        if (word === undefined) continue;
        return [
          {
            path: [...path, ...script.path],
            message:
              `${word} uses brace expansion, but ${script.interpreter.join(' ')} (dash or ash) leaves it as written: ` +
              `write the words out, or run the step with bash: shell(['/bin/bash', '-o', 'pipefail', '-c']) before it`,
            given: word,
            expected: 'no brace expansion under /bin/sh',
          },
        ];
      }
      return [];
    });
  },
};
