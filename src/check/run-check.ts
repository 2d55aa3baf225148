/**
 * `dockwright check` as a function: type-check the definitions, then run the same validation and
 * lint as `gen` (rendering included, nothing written). Every problem gets a file:line:col when
 * its field path can be found in the source.
 */
import path from 'node:path';
import { DefinitionError, formatPath, type Problem } from '../errors/definition-error.js';
import { resolveSettings } from '../io/settings/resolve-settings.js';
import { loadProject, type ProjectRequest } from '../project.js';
import type { ImageModel } from '../model/resolved.js';
import type { EngineSpec } from '../model/settings.js';
import { placeImage } from '../plan/engine-placement.js';
import { locateProblem, type Position } from './locate-problem.js';
import { createCheckProject, typeDiagnostics, type TypeDiagnostic } from './type-check.js';

export interface LocatedProblem {
  readonly problem: Problem;
  readonly at?: Position | undefined;
}

export interface CheckReport {
  /** Type errors and warnings from the TypeScript compiler. */
  readonly diagnostics: readonly TypeDiagnostic[];
  /** Validation, reference and lint errors (what makes `gen` fail). */
  readonly problems: readonly LocatedProblem[];
  /** Lint warnings. */
  readonly warnings: readonly LocatedProblem[];
  /** Definition files type-checked. */
  readonly files: number;
  /** Where each image builds, when the settings list engines (`app: amd`, or why no engine fits). */
  readonly placement: readonly { readonly id: string; readonly engine: string }[];
}

/** `definitions/app.ts:12:7 error: app › stages[1].steps[0].from: …` */
export const formatLocated = (p: LocatedProblem, severity: 'error' | 'warning'): string => {
  const { file, image, path: fieldPath, message, given, expected } = p.problem;
  const where = [image, formatPath(fieldPath) || undefined].filter(Boolean).join(' › ');
  const detail = [given !== undefined ? `given ${given}` : '', expected ? `expected ${expected}` : ''].filter(Boolean).join(', ');
  const pos = p.at ? `${file}:${p.at.line}:${p.at.column}` : file;
  return `${pos} ${severity}: ${where ? `${where}: ` : ''}${message}${detail ? ` (${detail})` : ''}`;
};

export const hasErrors = (r: CheckReport): boolean => r.problems.length > 0 || r.diagnostics.some((d) => d.severity === 'error');

/** Each image's engine by the placement rule (its own platforms), or why none fits. */
const placementOf = (images: readonly ImageModel[], engines: readonly EngineSpec[]): CheckReport['placement'] =>
  engines.length === 0
    ? []
    : images.map((image) => {
        try {
          return { id: image.id, engine: placeImage(image, image.platforms ?? [], engines) ?? '' };
        } catch (err) {
          return { id: image.id, engine: `none (${err instanceof Error ? err.message : String(err)})` };
        }
      });

export async function runCheck(req: ProjectRequest): Promise<CheckReport> {
  const { root, settings, configFile } = await resolveSettings(req);
  const checkReq = { root, definitionsDir: path.resolve(root, settings.definitionsDir), configFile };
  const { project, files } = await createCheckProject(checkReq);
  const diagnostics = typeDiagnostics(project, checkReq);
  const locate = (problem: Problem): LocatedProblem => ({ problem, at: locateProblem(project, root, problem) });
  try {
    const loaded = await loadProject(req);
    const { generate } = await import('../generate.js');
    const result = await generate(loaded, loaded.images);
    return {
      diagnostics,
      problems: [],
      warnings: result.warnings.map(locate),
      files,
      placement: placementOf(loaded.images, settings.engines),
    };
  } catch (err) {
    if (!(err instanceof DefinitionError)) throw err;
    return { diagnostics, problems: err.problems.map(locate), warnings: [], files, placement: [] };
  }
}
