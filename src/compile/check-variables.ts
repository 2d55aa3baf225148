/**
 * Variable references that name nothing. Walks the IR (so it sees the ARGs lowering placed) in
 * Dockerfile order, with the names in scope at each instruction:
 * - FROM lines: global ARGs and Docker's predefined args;
 * - in a stage: ARGs declared so far in it, ENV set so far, ENV of the stage it starts from (this
 *   Dockerfile) or of the dockwright image it starts from, and Docker's predefined args.
 * How unknown names are reported depends on who expands them (var-uses.ts):
 * - docker (COPY, ENV, WORKDIR…): always, when the base image's environment is known (scratch, a
 *   stage, a dockwright image); on an external base, whose ENV is unknown here, as an error when
 *   the name is a likely typo of a known one, else as a warning unless it is a usual environment
 *   variable (`PATH`, `HOME`…): the base may set it; if the `$` was meant as text, `literal()` is
 *   the fix;
 * - shell (RUN): only when the name is a likely typo of a declared ARG/ENV (at most 1 edit for
 *   names of 3–4 characters, 2 beyond, or a case difference), is not set by the command itself
 *   (`X=…`, `for X in`, `read X`) and is not a usual shell variable (`HOME`, `PATH`…);
 * - CMD, ENTRYPOINT, HEALTHCHECK, ONBUILD, exec-form RUN and raw text are not checked.
 * Also reported: a stage `arg` step that reuses an image ARG's name (image ARGs are redeclared
 * automatically), and an image ARG named like the ARG dockwright gives a parent image.
 */
import type { Problem } from '../errors/definition-error.js';
import { irKeyword, type DockerfileIr, type ModelPath } from '../ir/index.js';
import { parentIds, type ImageModel } from '../model/resolved.js';
import { abbreviationOf, didYouMean } from './did-you-mean.js';
import { imageArgName } from './lower-source.js';
import { isAmbientArg, PLATFORM_ARGS, SHELL_VARS } from './predefined-args.js';
import { imageEnv, type KnownNames } from './stage-env.js';
import { scanVars, shellAssignedNames } from './var-refs.js';
import { varUses } from './var-uses.js';

export interface VariableFindings {
  readonly errors: Problem[];
  /** Names no ARG or ENV of this Dockerfile defines, in values docker expands, on an external base. */
  readonly warnings: Problem[];
}

/** The errors of {@link findVariables}. */
export const checkVariables = (image: ImageModel, ir: DockerfileIr, images: ReadonlyMap<string, ImageModel> = new Map()): Problem[] =>
  findVariables(image, ir, images).errors;

export function findVariables(image: ImageModel, ir: DockerfileIr, images: ReadonlyMap<string, ImageModel> = new Map()): VariableFindings {
  const problems = new Map<string, Problem>();
  const warnings = new Map<string, { path: ModelPath; where: string; names: Set<string>; guesses: string[] }>();
  const report = (path: ModelPath, message: string, given?: string, expected?: string): void => {
    const key = `${path.join('.')}|${message}`;
    if (!problems.has(key)) problems.set(key, { file: image.file, image: image.id, path, message, given, expected });
  };
  const warn = (name: string, where: string, path: ModelPath, guess?: string): void => {
    const key = path.join('.');
    const entry = warnings.get(key) ?? { path, where, names: new Set<string>(), guesses: [] };
    entry.names.add(name);
    if (guess) entry.guesses.push(`\${${name}} → \${${guess}}`);
    warnings.set(key, entry);
  };
  const imageArgs = Object.keys(image.args);
  const unknown = (name: string, where: string, path: ModelPath, suggestion: string | undefined): void =>
    report(
      path,
      `\${${name}} in ${where} is not defined here${suggestion ? `; did you mean ${suggestion}?` : ''}`,
      name,
      'an image ARG, a stage ARG or ENV set before it, or a predefined ARG',
    );

  modelProblems(image, report);

  const globals = new Set<string>([...PLATFORM_ARGS]);
  for (const arg of ir.globalArgs) {
    if (arg.default !== undefined) checkDocker(arg.default, arg.modelPath, 'a global ARG');
    globals.add(arg.name);
  }
  function checkDocker(text: string, path: ModelPath, where: string, scope: ReadonlySet<string> = globals, known = true): void {
    for (const { name } of scanVars(text, 'docker')) {
      if (scope.has(name) || isAmbientArg(name)) continue;
      const candidates = [...scope, ...imageArgs];
      const suggestion = didYouMean(name, candidates);
      const longer = abbreviationOf(name, candidates);
      if (known || suggestion) unknown(name, where, path, suggestion ?? longer);
      else if (!SHELL_VARS.has(name)) warn(name, where, path, longer);
    }
  }

  const stageEnv = new Map<string, KnownNames>();
  for (const stage of ir.stages) {
    for (const use of varUses(stage.from)) checkDocker(use.text, use.path, 'FROM');
    if (stage.origin === 'alias') continue;
    const index = stage.from.modelPath[1];
    const modelFrom = typeof index === 'number' ? image.stages[index]?.from : undefined;
    const base: KnownNames =
      stageEnv.get(stage.from.image) ??
      (modelFrom?.kind === 'image' ? imageEnv(modelFrom.id, images) : { names: new Set(), known: modelFrom?.kind === 'scratch' });
    const scope = new Set(base.names);
    const env = new Set(base.names);
    for (const node of stage.instructions) {
      const keyword = irKeyword(node) ?? node.kind;
      for (const use of varUses(node)) {
        if (use.expander === 'docker') checkDocker(use.text, use.path, keyword, scope, base.known);
        if (use.expander !== 'shell') continue;
        const assigned = shellAssignedNames(use.text);
        for (const { name } of scanVars(use.text, 'shell')) {
          if (scope.has(name) || assigned.has(name) || isAmbientArg(name) || SHELL_VARS.has(name)) continue;
          const suggestion = didYouMean(
            name,
            [...scope, ...imageArgs, ...PLATFORM_ARGS].filter((n) => !SHELL_VARS.has(n)),
          );
          if (suggestion) unknown(name, keyword, use.path, suggestion);
        }
      }
      if (node.kind === 'arg') scope.add(node.name);
      if (node.kind === 'env')
        node.vars.forEach(([k]) => {
          scope.add(k);
          env.add(k);
        });
    }
    stageEnv.set(stage.from.stage, { names: env, known: base.known });
  }
  return { errors: [...problems.values()], warnings: [...warnings.values()].map((w) => unknownOnExternal(image, w)) };
}

function unknownOnExternal(
  image: ImageModel,
  w: { path: ModelPath; where: string; names: ReadonlySet<string>; guesses: readonly string[] },
): Problem {
  const names = [...w.names];
  const refs = names.map((n) => `\${${n}}`).join(', ');
  return {
    file: image.file,
    image: image.id,
    path: w.path,
    message:
      `${refs} in ${w.where}: no ARG or ENV of this Dockerfile defines ${names.length === 1 ? 'it' : 'them'}, so docker expands ` +
      `${names.length === 1 ? 'it' : 'them'} to the base image's ENV or to ""; ` +
      `${w.guesses.length ? `did you mean ${w.guesses.join(', ')}? ` : ''}if the "$" is text, write the value as literal('…') (or "$$")`,
    given: refs,
  };
}

function modelProblems(image: ImageModel, report: (path: ModelPath, message: string, given?: string, expected?: string) => void): void {
  image.stages.forEach((stage, i) =>
    stage.steps.forEach((step, j) => {
      if (step.kind === 'arg' && step.name in image.args) {
        report(
          ['stages', i, 'steps', j, 'name'],
          `ARG ${step.name} is already an image ARG, which is declared in every stage that uses it`,
          step.name,
          'a name that is not an image ARG (or remove this step)',
        );
      }
    }),
  );
  for (const id of parentIds(image)) {
    const name = imageArgName(id);
    if (name in image.args) {
      report(['args', name], `ARG ${name} is the name dockwright gives the reference of parent image ${id}`, name, 'another name');
    }
  }
}
