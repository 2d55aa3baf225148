/**
 * The options of ship-options.ts parsed with zod, and what the actions of `push`, `save`, `test`
 * and `load` make of them: the images selected (in build order) and the docker engine, checked.
 */
import * as z from 'zod';
import type { ImageModel } from '../model/resolved.js';
import { buildGraph } from '../plan/graph.js';
import { selectImages } from '../plan/select.js';
import type { DockerExec } from '../engine/docker-exec.js';
import { connectEngine, type Engine } from '../engine/engine.js';
import { requireEngine } from '../engine/engine-check.js';
import type { CliContext } from './context.js';

export const SelectionOptions = z.object({
  only: z.array(z.string()).default([]),
  skip: z.array(z.string()).default([]),
  group: z.array(z.string()).default([]),
  deps: z.boolean().default(true),
  context: z.string().min(1).optional(),
});
export type SelectionOptions = z.infer<typeof SelectionOptions>;

/** The images the arguments select, in build order (parents first). */
export function selectedImages(images: readonly ImageModel[], names: readonly string[], o: SelectionOptions): ImageModel[] {
  const graph = buildGraph(images);
  const { ids } = selectImages(graph, { names, only: o.only, skip: o.skip, groups: o.group, deps: o.deps });
  return ids.map((id) => graph.images.get(id) as ImageModel);
}

/** The engine the command works with (`docker`: the seam tests fill with a fake). */
export const engineOf = (ctx: CliContext, docker: DockerExec | undefined, o: { context?: string | undefined }): Engine =>
  connectEngine(ctx.env, o.context ? { context: o.context } : {}, docker);

/** {@link engineOf}, once it answers: a missing engine ends the command here, saying where docker looked (exit 1). */
export async function reachEngine(ctx: CliContext, docker: DockerExec | undefined, o: { context?: string | undefined }): Promise<Engine> {
  const engine = engineOf(ctx, docker, o);
  await requireEngine(engine, o.context ? { context: o.context } : {});
  return engine;
}
