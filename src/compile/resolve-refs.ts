/**
 * References by value → references by name. A stage object must be an earlier stage of the same
 * image; an image object must be one of the loaded images; `{ context }` must be declared in the
 * image's `buildContexts`. Identity decides, never a name: two stages called `build` are different.
 */
import type { Image } from '../model/image.js';
import type { Instruction } from '../model/instruction.js';
import { isImageDef, isStageDef } from '../model/refs.js';
import type { SourceRef } from '../model/refs.js';
import type { FromModel, InstructionModel, MountModel, SourceModel, StageModel } from '../model/resolved.js';
import type { FieldProblem } from './zod-problems.js';

export interface RefScope {
  /** Every loaded image object → its id. */
  readonly imageIds: ReadonlyMap<object, string>;
  /** Every stage object of a loaded image → the id of that image (for hints). */
  readonly stageOwners: ReadonlyMap<object, string>;
  /** As the user wrote it, for messages (`definitions`). */
  readonly definitionsDir: string;
  /** Names and ids of the loaded images → the file defining them: a string naming one is a mistake. */
  readonly imageFiles?: ReadonlyMap<string, string>;
}

export interface ResolvedStages {
  readonly stages: StageModel[];
  readonly target: string;
  readonly problems: FieldProblem[];
}

type Path = (string | number)[];
const UNRESOLVED: SourceModel = { kind: 'external', ref: '<unresolved>' };

/** Resolves the stages of one parsed image; `rawStages` is the `stages` array as authored (for identity). */
export function resolveStages(id: string, image: Image, rawStages: readonly unknown[], scope: RefScope): ResolvedStages {
  const problems: FieldProblem[] = [];
  const names = image.stages.map((s) => s.name);

  const stageRef = (ref: object, path: Path, current: number): SourceModel => {
    const index = rawStages.indexOf(ref);
    const name = (ref as { name?: unknown }).name;
    if (index < 0) {
      const owner = scope.stageOwners.get(ref);
      const hint = owner && owner !== id ? ` (it belongs to image "${owner}")` : " (add it to the image's stages)";
      problems.push({ path, message: `stage "${String(name)}" is not a stage of image "${id}"${hint}` });
      return UNRESOLVED;
    }
    if (index === current) problems.push({ path, message: `stage "${String(name)}" refers to itself` });
    else if (index > current)
      problems.push({ path, message: `stage "${String(name)}" is defined after stage "${names[current]}", which uses it` });
    return { kind: 'stage', name: names[index] ?? String(name) };
  };

  const imageRef = (ref: object, path: Path): SourceModel => {
    const found = scope.imageIds.get(ref);
    if (found !== undefined) return { kind: 'image', id: found };
    const name = (ref as { name?: unknown }).name;
    problems.push({ path, message: `image "${String(name)}" is not exported from any file in ${scope.definitionsDir}/` });
    return UNRESOLVED;
  };

  const source = (ref: SourceRef, path: Path, current: number): SourceModel => {
    if (isStageDef(ref)) return stageRef(ref, path, current);
    if (isImageDef(ref)) return imageRef(ref, path);
    if ('context' in ref) {
      const declared = Object.keys(image.buildContexts);
      if (!declared.includes(ref.context)) {
        problems.push({
          path,
          message: `named context "${ref.context}" is not declared in buildContexts`,
          expected: declared.length ? `one of ${declared.map((d) => `"${d}"`).join(', ')}` : "a key of the image's buildContexts",
        });
      }
      return { kind: 'context', name: ref.context };
    }
    return external(ref.image, path);
  };

  /** An external reference, unless it is exactly the name of an image of this project (then a problem). */
  const external = (ref: string, path: Path): SourceModel => {
    const file = scope.imageFiles?.get(ref);
    if (file !== undefined) {
      problems.push({
        path,
        message: `"${ref}" is an image of this project (${file}), but a string names an external image: build order and tags would be lost`,
        given: JSON.stringify(ref),
        expected: `the image value (import it from ${file.replace(/\.ts$/, '.js')} and write from: <its variable>), or a tag for an external image of that name ("${ref}:<tag>")`,
      });
    }
    return { kind: 'external', ref };
  };

  const from = (value: Image['stages'][number]['from'], path: Path, current: number): FromModel => {
    if (typeof value === 'string') return value === 'scratch' ? { kind: 'scratch' } : external(value, path);
    return source(value, path, current);
  };

  const step = (s: Instruction, path: Path, current: number): InstructionModel => {
    if (s.kind === 'copy') {
      const { from: ref, ...rest } = s;
      return ref === undefined ? rest : { ...rest, from: source(ref, [...path, 'from'], current) };
    }
    if (s.kind === 'run') {
      const mounts = s.mounts.map((m, k): MountModel => {
        if (!('from' in m) || m.from === undefined) return m as MountModel;
        return { ...m, from: source(m.from, [...path, 'mounts', k, 'from'], current) } as MountModel;
      });
      return { ...s, mounts };
    }
    if (s.kind === 'onbuild') {
      const trigger = step(s.trigger as Instruction, [...path, 'trigger'], current);
      return { ...s, trigger: trigger as Extract<InstructionModel, { kind: 'onbuild' }>['trigger'] };
    }
    return s;
  };

  const stages = image.stages.map((stage, j): StageModel => {
    const first = names.indexOf(stage.name);
    if (first < j)
      problems.push({ path: ['stages', j, 'name'], message: `stage name "${stage.name}" is already used by stages[${first}]` });
    return {
      name: stage.name,
      from: from(stage.from, ['stages', j, 'from'], j),
      ...(stage.platform !== undefined ? { platform: stage.platform } : {}),
      steps: stage.steps.map((s, k) => step(s, ['stages', j, 'steps', k], j)),
    };
  });

  let target = names[names.length - 1] ?? '';
  if (image.target !== undefined) {
    const index = rawStages.indexOf(image.target);
    if (index < 0) problems.push({ path: ['target'], message: `stage "${image.target.name}" is not a stage of image "${id}"` });
    else target = names[index] ?? target;
  }
  return { stages, target, problems };
}
