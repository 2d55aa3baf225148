/**
 * Lint warnings as `gen` and `build` print them: a warning that hits several images (the same
 * rule, message and values) is one line naming the images, not one line per image. `dockwright
 * check` still lists every place.
 */
import { formatPath, formatProblem, type Problem } from '../errors/definition-error.js';
import type { Output } from './context.js';

const detailOf = (p: Problem): string =>
  [p.given !== undefined ? `given ${p.given}` : '', p.expected ? `expected ${p.expected}` : ''].filter(Boolean).join(', ');

/** One line per distinct warning, in the order they first appear. */
export function warningLines(warnings: readonly Problem[]): string[] {
  const groups = new Map<string, Problem[]>();
  for (const p of warnings) {
    const key = JSON.stringify([p.message, p.given, p.expected, p.image === undefined]);
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map((group) => {
    const [first] = group as [Problem, ...Problem[]];
    const images = [...new Set(group.map((p) => p.image))];
    if (images.length < 2) return group.map((p) => `warning: ${formatProblem(p)}`).join('\n');
    const paths = new Set(group.map((p) => formatPath(p.path)));
    const where = paths.size === 1 && first.path?.length ? ` › ${formatPath(first.path)}` : '';
    const detail = detailOf(first);
    return `warning: ${images.length} images (${images.join(', ')})${where}: ${first.message}${detail ? ` (${detail})` : ''}`;
  });
}

/** Writes the warnings to `out` (stderr), grouped. */
export const writeWarnings = (out: Output, warnings: readonly Problem[]): void =>
  warningLines(warnings).forEach((line) => out.write(`${line}\n`));
