/** `pipefail`: without it, `curl … | tar x` succeeds even when curl fails. */
import type { LintRule, RuleHit } from '../rule.js';
import { posixScripts, type RunScript } from '../run-scripts.js';
import { commandArgv, pipefailSetting, simpleCommands } from '../shell-commands.js';
import { stepsOfKind } from '../stage-chain.js';

/**
 * The first piece of a RUN that pipes while pipefail is off, following `set -o pipefail` /
 * `set +o pipefail` through the pieces (one shell runs them all). Pipes in `case` patterns are not pipes.
 */
export function unsafePipe(scripts: readonly RunScript[], pipefail: boolean): RunScript | undefined {
  let on = pipefail;
  let caseDepth = 0;
  for (const script of scripts) {
    for (const command of simpleCommands(script.tokens)) {
      const argv = commandArgv(command);
      if ((command.after === '|' || command.after === '|&') && caseDepth === 0 && !on) return script;
      if (argv[0] === 'case') caseDepth++;
      else if (argv[0] === 'esac') caseDepth = Math.max(0, caseDepth - 1);
      else if (argv[0] === 'set') on = pipefailSetting(argv.slice(1)) ?? on;
    }
  }
  return undefined;
}

export const pipefail: LintRule<'pipefail'> = {
  id: 'pipefail',
  description: 'A shell-form or heredoc RUN with a pipe, run by a shell without `-o pipefail`.',
  defaultSeverity: 'warning',
  check(image, ctx) {
    return stepsOfKind(image, ctx, 'run').flatMap(({ step, path, shell }): RuleHit[] => {
      const scripts = posixScripts(step, shell);
      const byInterpreter = scripts[0] ? pipefailSetting(scripts[0].interpreter.slice(1)) === true : false;
      const found = unsafePipe(scripts, byInterpreter);
      if (!found) return [];
      const program = found.interpreter.join(' ');
      return [
        {
          path: [...path, ...found.path],
          message:
            `this RUN pipes into another command, but ${program} does not set pipefail, so a failure before the "|" is ignored: ` +
            `add shell(['/bin/bash', '-o', 'pipefail', '-c']) before this step, or start the command with "set -o pipefail &&" when the shell supports it`,
          given: program,
          expected: 'a shell with -o pipefail',
        },
      ];
    });
  },
};
