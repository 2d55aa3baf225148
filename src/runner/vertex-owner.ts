/**
 * Which image a step of a bake session belongs to. Pure.
 *
 * When a child is built on its parent through a `target:` context, the parent's steps are part of
 * the child's solve too; BuildKit runs each once and names it after whichever build reported it
 * first, so `#15 [c3 2/2] RUN echo one` may well be a step of c1, an ancestor of c3. The step's
 * text tells: it is the instruction as written in a Dockerfile, with build args expanded. So a step
 * named under target T belongs to T when T's Dockerfile has that instruction, else to the nearest
 * ancestor in the session whose Dockerfile has it, else (nobody has it: a FROM of an external
 * image, an internal step) to T.
 */

/** An instruction of a Dockerfile as a pattern over its text without whitespace (`${ARG}` matches anything). */
function instructionPatterns(dockerfile: string): RegExp[] {
  const joined = dockerfile.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const squeezed = l.replace(/\s+/g, '');
      const source = squeezed
        .split(/(\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*)/)
        .map((part, i) => (i % 2 === 1 ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      return new RegExp(`^${source}$`, 's');
    });
}

export type VertexOwner = (target: string, text: string) => string;

/**
 * @param dockerfiles each target's Dockerfile text
 * @param ancestors each target's ancestors in the session, nearest first
 */
export function vertexOwner(dockerfiles: ReadonlyMap<string, string>, ancestors: ReadonlyMap<string, readonly string[]>): VertexOwner {
  const patterns = new Map([...dockerfiles].map(([t, text]) => [t, instructionPatterns(text)]));
  const has = (target: string, text: string): boolean => (patterns.get(target) ?? []).some((p) => p.test(text));
  return (target, text) => {
    const squeezed = text.replace(/\s+/g, '');
    if (has(target, squeezed)) return target;
    return (ancestors.get(target) ?? []).find((a) => has(a, squeezed)) ?? target;
  };
}
