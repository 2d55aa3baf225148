/**
 * Loaded definitions (unknown values) → the validated model. Every image is parsed with zod,
 * given its id and output folder, and its references by value are resolved by identity. All
 * problems of all images are collected and thrown together as one `DefinitionError`.
 */
import { variantKey } from '../api/image.js';
import { DefinitionError, type Problem } from '../errors/definition-error.js';
import { ImageSchema } from '../model/image.js';
import type { ImageModel } from '../model/resolved.js';
import { findCycles } from './resolve-cycles.js';
import { collectImageDefs, imageLookalikes } from './resolve-exports.js';
import { resolveStages, type RefScope } from './resolve-refs.js';
import { zodProblems, type FieldProblem } from './zod-problems.js';

/** One definition file: its path relative to the project root and the values it exports, in order. */
export interface LoadedDefinitions {
  readonly file: string;
  readonly exports: readonly unknown[];
  /** The name of each export (`default` included), for messages; indices when absent. */
  readonly exportNames?: readonly string[];
  /** Definition files this one imports (relative to the project root), for import-cycle messages. */
  readonly imports?: readonly string[];
}

export interface ResolveOptions {
  /** The definitions folder as configured, for messages. */
  readonly definitionsDir?: string;
}

interface Candidate {
  readonly raw: object;
  readonly file: string;
  readonly id: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The id an image has, or would have: computed from the raw value so broken images can be named too. */
export const rawImageId = (raw: object): string => {
  const { name, variant } = raw as { name?: unknown; variant?: unknown };
  // a name with spaces or control characters is shown quoted, so it cannot break the message line
  const base = typeof name === 'string' && name !== '' ? (/^[\x21-\x7e]+$/.test(name) ? name : JSON.stringify(name)) : '<unnamed>';
  if (!isRecord(variant) || Object.keys(variant).length === 0) return base;
  return `${base}:${variantKey(Object.fromEntries(Object.entries(variant).map(([k, v]) => [k, String(v)])))}`;
};

export const imageDir = (id: string): string => id.replace(/:/g, '-');

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

function candidatesOf(loaded: readonly LoadedDefinitions[]): Candidate[] {
  const seen = new Set<object>();
  const out: Candidate[] = [];
  for (const { file, exports } of loaded) {
    for (const raw of collectImageDefs(exports)) {
      if (seen.has(raw)) continue;
      seen.add(raw);
      out.push({ raw, file, id: rawImageId(raw) });
    }
  }
  return out;
}

function collisionProblems(candidates: readonly Candidate[]): Problem[] {
  const problems: Problem[] = [];
  const ids = new Map<string, Candidate>();
  const dirs = new Map<string, Candidate>();
  for (const c of candidates) {
    const sameId = ids.get(c.id);
    const sameDir = dirs.get(imageDir(c.id));
    if (sameId)
      problems.push({ file: c.file, image: c.id, path: ['name'], message: `image id "${c.id}" is already defined in ${sameId.file}` });
    else if (sameDir)
      problems.push({
        file: c.file,
        image: c.id,
        path: ['name'],
        message: `output folder "${imageDir(c.id)}" is already used by image "${sameDir.id}" (${sameDir.file})`,
      });
    if (!sameId) ids.set(c.id, c);
    if (!sameDir) dirs.set(imageDir(c.id), c);
  }
  return problems;
}

/** The files of an import cycle through `file` (`[file, …, file]`), or undefined. */
function importCycle(loaded: readonly LoadedDefinitions[], file: string): string[] | undefined {
  const importsOf = new Map(loaded.map((l) => [l.file, l.imports ?? []]));
  const walk = (at: string, trail: string[]): string[] | undefined => {
    for (const next of importsOf.get(at) ?? []) {
      if (next === file) return [...trail, next];
      if (!trail.includes(next)) {
        const found = walk(next, [...trail, next]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(file, [file]);
}

/** A `from` that is undefined because two files import each other: say so instead of "is required". */
function inCycle(p: FieldProblem, cycle: readonly string[], candidates: readonly Candidate[]): FieldProblem {
  if (p.message !== 'is required' || p.path?.at(-1) !== 'from') return p;
  const named = cycle.map((f) => {
    const ids = candidates.filter((c) => c.file === f).map((c) => c.id);
    return ids.length ? `${f} (${ids.join(', ')})` : f;
  });
  return {
    path: p.path,
    message: `is undefined: the definition files import each other, ${named.join(' → ')}, so one of them sees the other's exports before they exist`,
    expected: 'images that do not build on each other (a cycle cannot be built); move the shared part into a third file',
  };
}

function lookalikeProblems(loaded: readonly LoadedDefinitions[]): Problem[] {
  return loaded.flatMap(({ file, exports, exportNames }) =>
    imageLookalikes(exports.map((v, i) => [exportNames?.[i] ?? `#${i}`, v] as const)).map(({ exportName, name }) => ({
      file,
      image: rawImageId({ name }),
      message: `export "${exportName}" looks like an image but is a plain object, so nothing would be rendered for it`,
      expected: `export const ${/^[A-Za-z_$][\w$]*$/.test(exportName) && exportName !== 'default' ? exportName : 'x'} = image({ … })`,
    })),
  );
}

/** Validates and resolves every image exported by `loaded`; throws `DefinitionError` with all problems. */
export function resolveImages(loaded: readonly LoadedDefinitions[], options: ResolveOptions = {}): ImageModel[] {
  const candidates = candidatesOf(loaded);
  const scope: RefScope = {
    imageIds: new Map(candidates.map((c) => [c.raw, c.id])),
    stageOwners: new Map(
      candidates.flatMap((c) => {
        const stages = (c.raw as { stages?: unknown }).stages;
        return Array.isArray(stages)
          ? stages.filter((s): s is object => typeof s === 'object' && s !== null).map((s) => [s, c.id] as const)
          : [];
      }),
    ),
    definitionsDir: (options.definitionsDir ?? 'definitions').replace(/\/+$/, ''),
    imageFiles: new Map(candidates.flatMap((c) => [[c.id.split(':')[0] ?? c.id, c.file] as const, [c.id, c.file] as const])),
  };
  const problems: Problem[] = [...collisionProblems(candidates), ...lookalikeProblems(loaded)];
  const models: ImageModel[] = [];

  for (const { raw, file, id } of candidates) {
    const parsed = ImageSchema.safeParse(raw);
    if (!parsed.success) {
      const cycle = importCycle(loaded, file);
      problems.push(
        ...zodProblems(parsed.error.issues, raw, ImageSchema).map((p) => ({
          file,
          image: id,
          ...(cycle ? inCycle(p, cycle, candidates) : p),
        })),
      );
      continue;
    }
    const { kind: _kind, stages: _stages, target: _target, ...rest } = parsed.data;
    const resolved = resolveStages(id, parsed.data, (raw as { stages: unknown[] }).stages, scope);
    problems.push(...resolved.problems.map((p) => ({ file, image: id, ...p })));
    models.push({ id, dir: imageDir(id), file, ...rest, stages: resolved.stages, target: resolved.target });
  }

  const fileOf = new Map(models.map((m) => [m.id, m.file]));
  for (const cycle of findCycles(models)) {
    const [first = ''] = cycle;
    problems.push({ file: fileOf.get(first) ?? '', image: first, message: `images depend on each other: ${cycle.join(' → ')}` });
  }
  if (problems.length > 0) throw new DefinitionError(problems);
  return models.map(deepFreeze);
}
