/** `var-missing-dollar`: `/opt/app-{VERSION}` where `${VERSION}` was meant. */
import type { ImageModel } from '../../../model/resolved.js';
import type { FieldPath, LintRule, RuleContext, RuleHit } from '../rule.js';
import { posixScripts } from '../run-scripts.js';
import { PLATFORM_ARGS } from '../../predefined-args.js';
import { wordShape } from '../shell-words.js';
import { stagePath, stepsOf } from '../stage-chain.js';

/** ARGs BuildKit declares by itself. */
const AUTOMATIC_ARGS = PLATFORM_ARGS;

/** `{NAME}` not preceded by `$` (nor inside `{{…}}` template braces). */
const BARE = /(?<![${])\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})/g;

export const bareVars = (text: string, known: ReadonlySet<string>): string[] =>
  [...text.matchAll(BARE)].map((m) => m[1] as string).filter((name) => known.has(name));

function knownNames(image: ImageModel, ctx: RuleContext): Set<string> {
  const names = new Set([...AUTOMATIC_ARGS, ...Object.keys(image.args), ...Object.keys(image.env ?? {})]);
  for (const { step } of stepsOf(image, ctx)) {
    if (step.kind === 'arg') names.add(step.name);
    if (step.kind === 'env') Object.keys(step.vars).forEach((n) => names.add(n));
  }
  return names;
}

type Field = readonly [FieldPath, string | undefined];

/** Strings docker expands variables in (besides RUN), with their paths. */
function expandedFields(image: ImageModel, ctx: RuleContext): Field[] {
  const entries = (at: FieldPath, map: Readonly<Record<string, string>> | undefined): Field[] =>
    Object.entries(map ?? {}).map(([k, v]) => [[...at, k], v]);
  const list = (at: FieldPath, values: readonly string[] | undefined): Field[] => (values ?? []).map((v, i) => [[...at, i], v]);
  const fields: Field[] = [
    ...entries(['env'], image.env),
    ...entries(['labels'], image.labels),
    [['workdir'], image.workdir],
    [['user', 'user'], image.user?.user],
    ...Object.entries(image.args).map(([k, spec]): Field => [['args', k, 'default'], spec.default]),
    ...image.stages.map((s, i): Field => [[...stagePath(i), 'from'], s.from.kind === 'external' ? s.from.ref : undefined]),
  ];
  for (const { step, path } of stepsOf(image, ctx)) {
    if (step.kind === 'copy' || step.kind === 'add')
      fields.push(...list([...path, 'sources'], step.sources), [[...path, 'dest'], step.dest], [[...path, 'chown'], step.chown]);
    if (step.kind === 'workdir') fields.push([[...path, 'path'], step.path]);
    if (step.kind === 'env') fields.push(...entries([...path, 'vars'], step.vars));
    if (step.kind === 'label') fields.push(...entries([...path, 'labels'], step.labels));
    if (step.kind === 'arg') fields.push([[...path, 'default'], step.default]);
    if (step.kind === 'user') fields.push([[...path, 'user'], step.user], [[...path, 'group'], step.group]);
    if (step.kind === 'volume') fields.push(...list([...path, 'paths'], step.paths));
  }
  return fields;
}

const hit = (path: FieldPath, name: string, text: string): RuleHit => ({
  path,
  message: `{${name}} is written without "$", so it stays literal text: write \${${name}}`,
  given: text,
  expected: `\${${name}}`,
});

export const varMissingDollar: LintRule<'var-missing-dollar'> = {
  id: 'var-missing-dollar',
  description: '`{NAME}` where NAME is a known ARG or ENV, without the `$` that would expand it.',
  defaultSeverity: 'warning',
  check(image, ctx) {
    const known = knownNames(image, ctx);
    const fields = expandedFields(image, ctx).flatMap(([path, text]) =>
      text === undefined ? [] : bareVars(text, known).map((n) => hit(path, n, text)),
    );
    const runs = stepsOf(image, ctx).flatMap(({ step, path, shell, onbuild }) =>
      step.kind !== 'run' || onbuild
        ? []
        : posixScripts(step, shell).flatMap((script) =>
            // Single-quoted text is never expanded: `'{NAME}'` may be a format string on purpose.
            script.tokens.flatMap((t) =>
              t.kind === 'word'
                ? bareVars(wordShape(t, ['none', 'double']), known).map((n) => hit([...path, ...script.path], n, t.value))
                : [],
            ),
          ),
    );
    return [...fields, ...runs];
  },
};
