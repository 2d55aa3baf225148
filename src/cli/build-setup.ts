/**
 * What `build` and `watch` both do before a run: write the generated files of the images a plan
 * builds (build implies gen), and check that the parents it does not build exist.
 */
import { findImage } from '../engine/images.js';
import type { Engine } from '../engine/engine.js';
import { generate, planGenerated, writeGenerated } from '../generate.js';
import type { ImageModel } from '../model/resolved.js';
import type { BuildPlan } from '../plan/image-build.js';
import type { Project } from '../project.js';
import { MissingImagesError } from '../runner/build-error.js';
import type { CliContext } from './context.js';
import { writeWarnings } from './format-warnings.js';

/** The images of the plan, in its order. */
export const planImages = (project: Project, plan: BuildPlan): ImageModel[] => {
  const byId = new Map(project.images.map((i) => [i.id, i]));
  return plan.order.map((id) => byId.get(id) as ImageModel);
};

/** Build implies gen: the selected images' generated files are rewritten before docker reads them. */
export async function writeGeneratedFor(ctx: CliContext, project: Project, selected: readonly ImageModel[]): Promise<void> {
  const generated = await generate(project, selected);
  writeWarnings(ctx.stderr, generated.warnings);
  await writeGenerated(project, await planGenerated(project, generated, selected));
}

/** Parents the plan does not build must be there: else a MissingImagesError naming them. */
export async function checkExternal(engine: Engine, plan: BuildPlan): Promise<void> {
  const found = await Promise.all(plan.external.map(async (ext) => ({ ...ext, presence: await findImage(engine, ext.ref) })));
  const missing = found.filter((f) => f.presence === 'missing');
  if (missing.length > 0) throw new MissingImagesError(missing);
}
