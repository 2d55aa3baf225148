/**
 * Lint at gen time, on the validated model: every rule over every image, each hit a `Problem`
 * with the rule's severity from the settings (`lint.rules[id]`, `lint.strict` turns warnings into errors).
 */
import { ConfigError } from '../../errors/definition-error.js';
import type { Problem } from '../../errors/definition-error.js';
import type { ImageModel } from '../../model/resolved.js';
import type { Settings } from '../../model/settings.js';
import { RULE_IDS, isRuleId, type RuleContext, type RuleId } from './rule.js';
import { RULES } from './rule-table.js';
import { didYouMean } from '../did-you-mean.js';

export type { LintRule, RuleContext, RuleHit, RuleId } from './rule.js';
export { RULE_IDS } from './rule.js';
export { RULES } from './rule-table.js';

export interface LintFinding {
  readonly rule: RuleId;
  readonly severity: 'warning' | 'error';
  readonly problem: Problem;
}

export type LintSettings = Pick<Settings, 'lint'>;

/** The severity a rule runs at, or 'off'. */
export function ruleSeverity(id: RuleId, settings: LintSettings): 'off' | 'warning' | 'error' {
  const configured = settings.lint.rules[id] ?? RULES[id].defaultSeverity;
  return configured === 'warning' && settings.lint.strict ? 'error' : configured;
}

/** `lint.rules` keys that name no rule: a typo would otherwise silently keep the rule on. */
export function checkLintSettings(settings: LintSettings): void {
  const unknown = Object.keys(settings.lint.rules).filter((id) => !isRuleId(id));
  if (unknown.length === 0) return;
  const named = unknown.map((id) => {
    const guess = didYouMean(id, RULE_IDS, Math.max(2, Math.floor(id.length / 4)));
    return `"${id}"${guess ? ` (did you mean "${guess}"?)` : ''}`;
  });
  throw new ConfigError(
    `lint.rules: unknown rule${unknown.length === 1 ? '' : 's'} ${named.join(', ')}; the rules are ${RULE_IDS.join(', ')}`,
  );
}

/** Findings of every enabled rule on every image (`seen`: what the caller found in the files), image by image in rule order. Throws ConfigError for an unknown rule id. */
export function lintImages(images: readonly ImageModel[], settings: LintSettings, seen: Omit<RuleContext, 'images'> = {}): LintFinding[] {
  checkLintSettings(settings);
  const ctx: RuleContext = { ...seen, images: new Map(images.map((image) => [image.id, image])) };
  return images.flatMap((image) =>
    RULE_IDS.flatMap((id): LintFinding[] => {
      const severity = ruleSeverity(id, settings);
      if (severity === 'off') return [];
      return RULES[id].check(image, ctx).map((hit) => ({
        rule: id,
        severity,
        problem: {
          file: image.file,
          image: image.id,
          path: hit.path,
          message: `${hit.message} [${id}]`,
          given: hit.given,
          expected: hit.expected,
        },
      }));
    }),
  );
}
