/** "Did you mean X?" for variable names: Damerau–Levenshtein (optimal string alignment) distance. */

/** Edits (insert, delete, substitute, swap two neighbours) between `a` and `b`. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, at(i - 2, j - 2) + 1);
      rows[i]![j] = d;
    }
  }
  return at(a.length, b.length);
}

/** How many edits a name of this length may be off and still be taken for a typo. */
export const typoBudget = (name: string): number => (name.length <= 2 ? 0 : name.length <= 4 ? 1 : 2);

/**
 * The candidate `name` most likely misspells: same letters in another case first, then the
 * smallest distance within `maxDistance` (ties: first in sorted order). Never `name` itself.
 */
export function didYouMean(name: string, candidates: Iterable<string>, maxDistance = typoBudget(name)): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of [...new Set(candidates)].sort()) {
    if (c === name) continue;
    const score = c.toLowerCase() === name.toLowerCase() ? 0.5 : editDistance(name, c);
    if (score <= maxDistance && score < bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

/** `PY` abbreviates `PYTHON`: one is a prefix of the other. */
const prefixes = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a);

/**
 * The one candidate `name` shortens or lengthens word by word (`PY_VERSION` → `PYTHON_VERSION`,
 * `APP_DIR` → `APP_DIRECTORY`): the same `_`-separated parts, each a prefix of the other, at least
 * one equal. Undefined when there is none or more than one.
 */
export function abbreviationOf(name: string, candidates: Iterable<string>): string | undefined {
  const parts = name.toUpperCase().split('_');
  const found = [...new Set(candidates)].filter((c) => {
    const other = c.toUpperCase().split('_');
    return (
      c !== name &&
      other.length === parts.length &&
      parts.every((p, i) => p !== '' && prefixes(p, other[i] ?? '')) &&
      parts.some((p, i) => p === other[i])
    );
  });
  return found.length === 1 ? found[0] : undefined;
}
