/** `secret-in-arg-env`: build args and ENV values end up in the image history and config. */
import type { FieldPath, LintRule, RuleHit } from '../rule.js';
import { stepsOf } from '../stage-chain.js';

/** `TOKENIZERS_PARALLELISM` (Hugging Face) is not a token. */
const SECRET_NAME = /PASSWORD|PASSWD|TOKEN(?!IZ)|SECRET|API_KEY|_KEY$/i;
/** Names that match `*_KEY` but hold public material (`ENV GPG_KEY` in the official python image). */
const PUBLIC_KEY_NAME = /(?:PUBLIC|PUB|GPG|PGP)_KEY$/i;

export const looksSecret = (name: string): boolean => SECRET_NAME.test(name) && !PUBLIC_KEY_NAME.test(name);

const hit = (what: 'ARG' | 'ENV', name: string, path: FieldPath): RuleHit => {
  const id = name.toLowerCase().replace(/_/g, '-');
  return {
    path,
    message:
      `${what} ${name} looks like a secret, and ${what === 'ARG' ? 'build args' : 'ENV values'} are stored in the image (history, config): ` +
      `mount it only in the RUN that needs it with secretMount('${id}', { env: '${name}' }) and pass it at build time with --secret id=${id} (image \`secrets\`)`,
    given: name,
    expected: 'a secret mount',
  };
};

export const secretInArgEnv: LintRule<'secret-in-arg-env'> = {
  id: 'secret-in-arg-env',
  description: 'An image arg, ARG or ENV whose name looks like a secret (*PASSWORD*, *PASSWD*, *TOKEN*, *SECRET*, *_KEY, *API_KEY*).',
  defaultSeverity: 'warning',
  check(image, ctx) {
    const hits: RuleHit[] = [];
    for (const name of Object.keys(image.args)) if (looksSecret(name)) hits.push(hit('ARG', name, ['args', name]));
    for (const name of Object.keys(image.env ?? {})) if (looksSecret(name)) hits.push(hit('ENV', name, ['env', name]));
    for (const { step, path } of stepsOf(image, ctx)) {
      if (step.kind === 'arg' && looksSecret(step.name)) hits.push(hit('ARG', step.name, [...path, 'name']));
      if (step.kind === 'env') {
        for (const name of Object.keys(step.vars)) if (looksSecret(name)) hits.push(hit('ENV', name, [...path, 'vars', name]));
      }
    }
    return hits;
  },
};
