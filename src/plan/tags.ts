/**
 * The references an image is tagged with: `[registry/][namespace/]name:tag` for each of its tag
 * rules, placeholders filled from the image and the settings. Pure.
 */
import { didYouMean, typoBudget } from '../compile/did-you-mean.js';
import { variantKey } from '../api/image.js';
import { DefinitionError, type Problem } from '../errors/definition-error.js';
import type { TagRule } from '../model/image.js';
import type { ImageModel } from '../model/resolved.js';
import type { Settings } from '../model/settings.js';
import { tagFromGitRef } from './git-ref.js';

/** What docker accepts after the `:` of a reference. */
export const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** The tag of module images: `settings.tag`, else derived from `settings.gitRef`, else `latest`. */
export const moduleTag = (settings: Settings): string => settings.tag ?? (settings.gitRef ? tagFromGitRef(settings.gitRef) : 'latest');

/** The tag of base images: `settings.baseTag`, else the module tag. */
export const baseTag = (settings: Settings): string => settings.baseTag ?? moduleTag(settings);

/** `[registry/][namespace/]name`. */
export const repository = (image: ImageModel, settings: Settings): string =>
  [settings.registry, settings.namespace, image.name].filter(Boolean).join('/');

/** The rules that apply when an image sets no `tags`. */
export const defaultTagRules = (image: ImageModel): TagRule[] => {
  const tag = image.tagSet === 'base' ? '{baseTag}' : '{tag}';
  return [{ tag: image.variant ? `${tag}-${variantKey(image.variant)}` : tag, when: 'always' }];
};

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The tags (after the `:`) of an image and the problems that prevent some of them. */
export function computeTags(image: ImageModel, settings: Settings): { tags: string[]; problems: Problem[] } {
  const version = image.version ?? settings.version;
  const values: Record<string, string | undefined> = { ...image.variant, version, tag: moduleTag(settings), baseTag: baseTag(settings) };
  const rules = image.tags ?? defaultTagRules(image);
  const problems: Problem[] = [];
  const tags: string[] = [];
  const problem = (i: number, message: string, given?: string, expected?: string): void => {
    problems.push({ file: image.file, image: image.id, path: image.tags ? ['tags', i] : ['tags'], message, given, expected });
  };
  rules.forEach((rule, i) => {
    if (rule.when === 'defaultVersion' && version !== image.defaultVersion) return;
    let ok = true;
    const tag = rule.tag.replace(PLACEHOLDER, (whole, name: string) => {
      if (!(name in values)) {
        ok = false;
        const guess = didYouMean(name, Object.keys(values), Math.max(2, typoBudget(name)));
        problem(
          i,
          `unknown placeholder ${whole}${guess ? `; did you mean {${guess}}?` : ''}`,
          undefined,
          `one of ${Object.keys(values)
            .map((k) => `{${k}}`)
            .join(', ')}`,
        );
        return whole;
      }
      const value = values[name];
      if (value === undefined) {
        ok = false;
        problem(
          i,
          `${whole} is used but the image has no version`,
          undefined,
          'a `version` on the image, DOCKWRIGHT_VERSION or --image-version',
        );
      }
      return value ?? whole;
    });
    if (!ok) return;
    if (!DOCKER_TAG.test(tag))
      problem(
        i,
        `"${tag}" is not a valid docker tag`,
        JSON.stringify(rule.tag),
        'letters, digits, "_", "." and "-", not starting with "." or "-", at most 128',
      );
    else if (!tags.includes(tag)) tags.push(tag);
  });
  if (tags.length === 0 && problems.length === 0) {
    problems.push({
      file: image.file,
      image: image.id,
      path: ['tags'],
      message: `no tag rule applies to version ${version ?? '(none)'} (the default version is ${image.defaultVersion ?? '(none)'})`,
    });
  }
  return { tags, problems };
}

/** The problems `imageTags` would throw for. */
export const tagProblems = (image: ImageModel, settings: Settings): Problem[] => computeTags(image, settings).problems;

/** Full references, in rule order, without duplicates. Throws `DefinitionError` for a bad rule. */
export function imageTags(image: ImageModel, settings: Settings): string[] {
  const { tags, problems } = computeTags(image, settings);
  if (problems.length > 0) throw new DefinitionError(problems);
  const repo = repository(image, settings);
  return tags.map((tag) => `${repo}:${tag}`);
}

/** The reference other images use for this one: its first tag. */
export const primaryRef = (image: ImageModel, settings: Settings): string => imageTags(image, settings)[0] as string;
