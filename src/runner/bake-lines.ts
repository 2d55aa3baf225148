/**
 * Sorting the plain progress of one `docker buildx bake` run by image. Pure and stateful: lines go
 * in as bake prints them, and each comes out with the target it belongs to.
 *
 * BuildKit's plain output numbers its steps (`#12 …`); the first line of a step names it, and bake
 * puts the target first in that name (`#12 [python main 2/3] RUN …`, `#20 [python] exporting to
 * image`). So a step belongs to the target its first line names — or to an ancestor of it, when the
 * step is the ancestor's (vertex-owner.ts) — and every later `#12` line too.
 * A target is *exported* once its `exporting to …` step is DONE: its image is in the store then,
 * whatever happens to the others.
 */
import type { VertexOwner } from './vertex-owner.js';

/** `#5 ERROR: failed to configure registry cache importer: REF: not found`: the build goes on without that cache. */
const CACHE_IMPORT_MISS = /^failed to configure \S+ cache importer: /;

export interface SortedLine {
  /** The target the line belongs to; undefined for bake's own lines (`#0 building with …`, `ERROR: …`). */
  readonly target?: string;
  /** This line finished the target's export. */
  readonly exported?: boolean;
  /** This line is BuildKit's error for a step of the target (`#12 ERROR: process … did not complete`): the target failed. */
  readonly failed?: string;
  /**
   * The line as a build of the target alone prints it: without the target's name in the step's
   * name (`#12 [python main 2/3] RUN …` → `#12 [main 2/3] RUN …`, `#20 [python] exporting …` →
   * `#20 exporting …`). Only for lines of a target.
   */
  readonly own?: string;
}

export interface BakeLineSorter {
  sort(line: string): SortedLine;
}

const STEP = /^#(\d+) (.*)$/;
const NAMED = /^\[([^\]\s]+)(?:\s([^\]]*))?\] ?(.*)$/s;

/**
 * @param owner which target a step named under a target belongs to (vertex-owner.ts); by default
 *   the target it is named under
 */
export function bakeLineSorter(targets: ReadonlySet<string>, owner: VertexOwner = (t) => t): BakeLineSorter {
  const owners = new Map<string, string | undefined>();
  const exporting = new Set<string>();
  /** The step's text without a target's name: `[python main 2/3] RUN x` → `[main 2/3] RUN x`, `[python] exporting` → `exporting`. */
  const unnamed = (text: string): string => {
    const m = NAMED.exec(text);
    if (!m || !targets.has(m[1] as string)) return text;
    const [, , rest, after = ''] = m;
    return rest === undefined ? after : `[${rest}] ${after}`;
  };
  return {
    sort(line) {
      const m = STEP.exec(line);
      if (!m) return {};
      const [, n = '', text = ''] = m;
      if (!owners.has(n)) {
        const named = NAMED.exec(text);
        const name = named?.[1];
        let target: string | undefined;
        if (name !== undefined && targets.has(name)) {
          const [, , inner, after = ''] = named as RegExpExecArray;
          // BuildKit's own steps of a target (`[python internal] …`, `[python] exporting …`) are the target's
          target = inner === undefined || inner === 'internal' ? name : owner(name, after);
          if (inner === undefined && after.startsWith('exporting to ')) exporting.add(n);
        }
        owners.set(n, target);
      }
      const target = owners.get(n);
      if (target === undefined) return {};
      const own = `#${n} ${unnamed(text)}`;
      if (exporting.has(n) && /^DONE\b/.test(text)) return { target, own, exported: true };
      const error = /^ERROR: (.*)$/s.exec(text)?.[1];
      // a cache to import that is not there yet (a first build with a registry cache) is BuildKit's warning, not a failed step
      if (error === undefined || CACHE_IMPORT_MISS.test(error)) return { target, own };
      return { target, own, failed: error };
    },
  };
}
