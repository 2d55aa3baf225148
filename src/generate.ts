/**
 * Rendering and writing the generated files of a loaded project: what `gen` does, and what any
 * command that needs up-to-date Dockerfiles (`build`) can call. Every problem of every image is
 * collected first; when there is one, nothing is written.
 */
import path from 'node:path';
import { lintImages } from './compile/lint/index.js';
import type { LowerContext } from './compile/lower-image.js';
import { synthImage } from './compile/synth-image.js';
import { ignoreFileLines, ignoreFileText, type ContextIgnore } from './compile/context-ignore.js';
import type { SentFolder } from './compile/lint/rule.js';
import { ownExclusions, sentProjectFolders } from './incremental/context-folders.js';
import { contextLayers, rootIgnoreFile } from './io/context-ignore-file.js';
import { nodeDigestFs } from './io/digest-fs.js';
import { ownDirs } from './model/own-dirs.js';
import type { Settings } from './model/settings.js';
import { DefinitionError, type Problem } from './errors/definition-error.js';
import { readTemplates } from './io/read-templates.js';
import { applyWrites, planWrites, readOutputState, type GeneratedFile, type WritePlan } from './io/write-generated.js';
import type { ImageModel } from './model/resolved.js';
import { primaryRef } from './plan/tags.js';
import { createRenderer } from './render/index.js';
import type { Project } from './project.js';

export interface Generated {
  readonly files: readonly GeneratedFile[];
  /** Dockerfile text by image id. */
  readonly dockerfiles: ReadonlyMap<string, string>;
  /** Render and lint warnings of the selected images (errors are thrown). */
  readonly warnings: readonly Problem[];
}

export const lowerContext = (project: Project): LowerContext => {
  const byId = new Map(project.images.map((i) => [i.id, i]));
  return {
    images: byId,
    primaryRef: (id) => {
      const image = byId.get(id);
      if (!image) throw new Error(`no image "${id}"`);
      // the `*_IMAGE` ARG defaults: never what .env, the environment or a flag says (builds pass the current ref)
      return primaryRef(image, project.refDefaults ?? project.settings);
    },
    version: (image) => image.version ?? project.settings.version,
  };
};

/** The context's own `.dockerignore` and dockwright's folders inside the context: what the generated ignore file is made of. */
export function readContextIgnore(root: string, settings: Settings, image: ImageModel): ContextIgnore {
  const text = rootIgnoreFile(contextLayers(root, image));
  const contextFile = text === undefined ? undefined : ignoreFileText(text);
  return { contextFile, own: ownExclusions(root, image.context, ownDirs(settings), image.dockerignore ?? contextFile ?? []) };
}

/** Renders `selected` (lint sees the whole project); throws `DefinitionError` with every error. */
export async function generate(project: Project, selected: readonly ImageModel[]): Promise<Generated> {
  const { root, settings, images } = project;
  const templatesDir = settings.templatesDir === undefined ? undefined : path.resolve(root, settings.templatesDir);
  const renderer = await createRenderer(await readTemplates(templatesDir));
  const ctx = lowerContext(project);
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const files: GeneratedFile[] = [];
  const dockerfiles = new Map<string, string>();
  const sentFolders = new Map<string, readonly SentFolder[]>();
  for (const image of selected) {
    const contextIgnore = readContextIgnore(root, settings, image);
    const out = synthImage(image, ctx, renderer, contextIgnore);
    const ignoreLines = ignoreFileLines(image, contextIgnore) ?? contextIgnore.contextFile ?? [];
    sentFolders.set(image.id, sentProjectFolders(root, image, settings, ignoreLines, nodeDigestFs));
    errors.push(...out.problems);
    warnings.push(...out.warnings);
    files.push(...out.files);
    const dockerfile = out.files.find((f) => f.path === `${image.dir}/Dockerfile`);
    if (dockerfile) dockerfiles.set(image.id, dockerfile.content);
  }
  const ids = new Set(selected.map((i) => i.id));
  const findings = lintImages(images, settings, { sentFolders }).filter((f) => f.problem.image === undefined || ids.has(f.problem.image));
  errors.push(...findings.filter((f) => f.severity === 'error').map((f) => f.problem));
  if (errors.length > 0) throw new DefinitionError(errors);
  const lintWarnings = findings.filter((f) => f.severity === 'warning').map((f) => f.problem);
  if (settings.lint.strict && warnings.length > 0) throw new DefinitionError(warnings);
  return { files, dockerfiles, warnings: [...warnings, ...lintWarnings] };
}

/** The absolute output folder, and how to show it (relative to the root, `/` separators). */
export const outputFolder = (project: Project): { abs: string; shown: string } => {
  const abs = path.resolve(project.root, project.settings.outputDir);
  const rel = path.relative(project.root, abs);
  return { abs, shown: rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel.split(path.sep).join('/') || '.' };
};

/**
 * What writing `generated` changes in the output folder. With `scope` (the dirs of the images
 * named on the command line), files of other images are neither removed nor reported stale.
 */
export async function planGenerated(project: Project, generated: Generated, scope?: readonly ImageModel[]): Promise<WritePlan> {
  const state = await readOutputState(
    outputFolder(project).abs,
    generated.files.map((f) => f.path),
  );
  return planWrites(generated.files, state, { scope: scope?.map((i) => i.dir) });
}

/** Writes the plan; returns the one-line summary (`generated/: 2 written, 5 unchanged, 0 removed`). */
export async function writeGenerated(project: Project, plan: WritePlan): Promise<string> {
  const { abs, shown } = outputFolder(project);
  await applyWrites(abs, plan);
  return `${shown}/: ${plan.create.length + plan.update.length} written, ${plan.unchanged.length} unchanged, ${plan.delete.length} removed`;
}
