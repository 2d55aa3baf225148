/** Images built on (or copying from) each other in a loop cannot be built in any order. */
import { parentIds, type ImageModel } from '../model/resolved.js';

/** Every cycle among `images`, once each, as ids with the first repeated at the end (`a → b → a`). */
export function findCycles(images: readonly ImageModel[]): string[][] {
  const byId = new Map(images.map((i) => [i.id, i]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const seen = new Set<string>();

  const visit = (id: string): void => {
    state.set(id, 'open');
    stack.push(id);
    const image = byId.get(id);
    for (const parent of image ? parentIds(image) : []) {
      if (!byId.has(parent)) continue;
      if (state.get(parent) === 'open') {
        const loop = stack.slice(stack.indexOf(parent));
        const key = [...loop].sort().join('\0');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...loop, parent]);
        }
      } else if (!state.has(parent)) visit(parent);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const image of images) if (!state.has(image.id)) visit(image.id);
  return cycles;
}
