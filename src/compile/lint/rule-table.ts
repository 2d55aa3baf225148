/**
 * Every lint rule, keyed by id. The mapped type makes a new id in RULE_IDS fail to compile until
 * its rule is registered here (and a rule registered under the wrong id too).
 */
import type { LintRule, RuleId } from './rule.js';
import { aptListsCleanup } from './rules/apt-lists-cleanup.js';
import { baseImageTag } from './rules/base-image-tag.js';
import { braceExpansionSh } from './rules/brace-expansion-sh.js';
import { contextProjectFolders } from './rules/context-project-folders.js';
import { envSelfReference } from './rules/env-self-reference.js';
import { exposeWithoutHealthcheck } from './rules/expose-without-healthcheck.js';
import { pipefail } from './rules/pipefail.js';
import { rawInstruction } from './rules/raw-instruction.js';
import { rootFinalStage } from './rules/root-final-stage.js';
import { secretInArgEnv } from './rules/secret-in-arg-env.js';
import { unusedStage } from './rules/unused-stage.js';
import { varMissingDollar } from './rules/var-missing-dollar.js';

export const RULES: { readonly [Id in RuleId]: LintRule<Id> } = {
  'base-image-tag': baseImageTag,
  'secret-in-arg-env': secretInArgEnv,
  pipefail,
  'apt-lists-cleanup': aptListsCleanup,
  'root-final-stage': rootFinalStage,
  'expose-without-healthcheck': exposeWithoutHealthcheck,
  'env-self-reference': envSelfReference,
  'brace-expansion-sh': braceExpansionSh,
  'var-missing-dollar': varMissingDollar,
  'unused-stage': unusedStage,
  'raw-instruction': rawInstruction,
  'context-project-folders': contextProjectFolders,
};
