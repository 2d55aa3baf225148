/**
 * The front half every command shares: settings → definitions → validated images. Problems in
 * the definitions (including tag rules the settings cannot satisfy, and an `engine:` the settings
 * do not list) are thrown together.
 */
import { phaseDone } from './timing.js';
import path from 'node:path';
import { resolveImages } from './compile/resolve-images.js';
import { DefinitionError } from './errors/definition-error.js';
import { loadDefinitions } from './io/load-definitions.js';
import { resolveSettings, type SettingsRequest } from './io/settings/resolve-settings.js';
import type { ImageModel } from './model/resolved.js';
import type { Settings } from './model/settings.js';
import { tagProblems } from './plan/tags.js';
import { placementProblems } from './plan/engine-placement.js';

export type ProjectRequest = SettingsRequest;

export interface Project {
  /** Absolute path of the project root. */
  readonly root: string;
  readonly settings: Settings;
  /**
   * The settings the `*_IMAGE` ARG defaults of generated Dockerfiles are rendered with (see
   * `ResolvedSettings.refDefaults`); `settings` when absent.
   */
  readonly refDefaults?: Settings;
  /** Every image, ordered by file, then by the order the file exports them. */
  readonly images: readonly ImageModel[];
}

/**
 * `settled`: told the root and settings before the definitions load, so that work which needs only
 * those (git, engine questions) runs while they do.
 */
export async function loadProject(req: ProjectRequest, settled?: (root: string, settings: Settings) => void): Promise<Project> {
  const { root, settings, refDefaults } = await resolveSettings(req);
  phaseDone('settings');
  settled?.(root, settings);
  const loaded = await loadDefinitions(root, settings.definitionsDir);
  phaseDone('load definitions');
  const shownDir = path.relative(root, path.resolve(root, settings.definitionsDir)).split(path.sep).join('/') || '.';
  const images = resolveImages(loaded, { definitionsDir: shownDir });
  const problems = images.flatMap((image) => [...tagProblems(image, settings), ...placementProblems(image, settings.engines)]);
  if (problems.length > 0) throw new DefinitionError(problems);
  phaseDone('validate definitions');
  return { root, settings, refDefaults, images };
}
