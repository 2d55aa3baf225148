/** What a lint rule is: an id, a description, a default severity, and a check over one image. */
import type { ImageModel } from '../../model/resolved.js';

/** Every rule id, in the order rules run and are documented (docs/lint.md). */
export const RULE_IDS = [
  'base-image-tag',
  'secret-in-arg-env',
  'pipefail',
  'apt-lists-cleanup',
  'root-final-stage',
  'expose-without-healthcheck',
  'env-self-reference',
  'brace-expansion-sh',
  'var-missing-dollar',
  'unused-stage',
  'raw-instruction',
  'context-project-folders',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export const isRuleId = (id: string): id is RuleId => (RULE_IDS as readonly string[]).includes(id);

export type FieldPath = readonly (string | number)[];

/** One thing a rule found, located by its field path inside the image. */
export interface RuleHit {
  readonly path: FieldPath;
  /** What is wrong and what to do about it. */
  readonly message: string;
  readonly given?: string | undefined;
  readonly expected?: string | undefined;
}

/** What a rule may look at besides the image: every image of the run, by id (for `FROM` an image). */
export interface RuleContext {
  readonly images: ReadonlyMap<string, ImageModel>;
  /** Project folders each image's build context sends (by image id), when the caller looked (gen does). */
  readonly sentFolders?: ReadonlyMap<string, readonly SentFolder[]>;
}

/** A project folder (`node_modules/`, definitions, output) inside a build context and not ignored there. */
export interface SentFolder {
  /** The folder as a path inside the context, ending in `/`. */
  readonly folder: string;
  /** The ignore line that leaves it out. */
  readonly line: string;
}

export interface LintRule<Id extends RuleId = RuleId> {
  readonly id: Id;
  /** One line: what the rule flags. */
  readonly description: string;
  readonly defaultSeverity: 'warning' | 'error';
  check(image: ImageModel, ctx: RuleContext): RuleHit[];
}
