/**
 * "did you mean {version}?" for a tag rule's unknown placeholder. The tag rules are checked where
 * tags are computed (src/plan/tags.ts); this adds the closest known placeholder to that problem.
 */
import type { Problem } from '../errors/definition-error.js';
import type { ImageModel } from '../model/resolved.js';
import { didYouMean, typoBudget } from './did-you-mean.js';

const UNKNOWN = /^unknown placeholder \{([^{}]*)\}$/;

export function withPlaceholderHint(problem: Problem, image: ImageModel): Problem {
  const name = UNKNOWN.exec(problem.message)?.[1];
  if (name === undefined) return problem;
  const known = ['version', 'tag', 'baseTag', ...Object.keys(image.variant ?? {})];
  const guess = didYouMean(name, known, Math.max(2, typoBudget(name)));
  return guess ? { ...problem, message: `${problem.message}; did you mean {${guess}}?` } : problem;
}
