/**
 * The build graph: one node per image, an edge from every image to the images it is built on or
 * copies from (`parentIds`). Pure; a cycle or an edge to an unknown image is a DefinitionError
 * (resolution reports both already; the graph checks again so that a plan never loops).
 */
import { findCycles } from '../compile/resolve-cycles.js';
import { DefinitionError, type Problem } from '../errors/index.js';
import { parentIds, type ImageModel } from '../model/resolved.js';

export interface BuildGraph {
  /** Every image by id, in the order given. */
  readonly images: ReadonlyMap<string, ImageModel>;
  readonly parents: ReadonlyMap<string, readonly string[]>;
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** Every id, parents before children; ties keep the order the images were given in. */
  readonly order: readonly string[];
}

export function buildGraph(images: readonly ImageModel[]): BuildGraph {
  const byId = new Map(images.map((img) => [img.id, img]));
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>(images.map((img) => [img.id, []]));
  const problems: Problem[] = [];
  for (const img of images) {
    const own = parentIds(img);
    for (const p of own.filter((p) => !byId.has(p))) {
      problems.push({ file: img.file, image: img.id, message: `built on or copies from "${p}", which is not a defined image` });
    }
    const known = own.filter((p) => byId.has(p));
    parents.set(img.id, known);
    known.forEach((p) => children.get(p)?.push(img.id));
  }
  if (problems.length > 0) throw new DefinitionError(problems);
  const order = topologicalOrder(
    images.map((i) => i.id),
    parents,
  );
  if (order.length < images.length) {
    throw new DefinitionError(
      findCycles(images).map((cycle) => {
        const first = byId.get(cycle[0] ?? '');
        return { file: first?.file ?? '', image: first?.id, message: `images are built on each other in a cycle: ${cycle.join(' → ')}` };
      }),
    );
  }
  return { images: byId, parents, children, order };
}

/** Kahn's algorithm, stable: among the ready ids the earliest given goes first. Ids in a cycle are left out. */
function topologicalOrder(ids: readonly string[], parents: ReadonlyMap<string, readonly string[]>): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const id of ids) {
      if (done.has(id) || !(parents.get(id) ?? []).every((p) => done.has(p))) continue;
      done.add(id);
      order.push(id);
      progressed = true;
      break;
    }
  }
  return order;
}

/** Every ancestor of `ids` (not including them), by walking parents. */
export function ancestorsOf(graph: BuildGraph, ids: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...ids].flatMap((id) => [...(graph.parents.get(id) ?? [])]);
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(graph.parents.get(id) ?? []));
  }
  return seen;
}

/** Every descendant of `id` (not including it). */
export function descendantsOf(graph: BuildGraph, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(graph.children.get(id) ?? [])];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.children.get(next) ?? []));
  }
  return seen;
}
