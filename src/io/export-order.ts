/**
 * The order a module's exports are written in. A module namespace lists its exports
 * alphabetically; images are listed in the order they are written, so the export names are
 * ordered by where the source declares or exports them (unknown positions last, by name).
 */

const DECLARATION = /\bexport\s+(?:declare\s+)?(?:const|let|var|class|function\*?|async\s+function\*?)\s+([\p{ID_Continue}$]+)/gu;
const EXPORT_LIST = /\bexport\s*\{([^}]*)/g;
const NAME = /[\p{ID_Continue}$]+/gu;
const DEFAULT = [/\bexport\s+default\b/, /\bexport\s*\{[^}]*\bas\s+default\b/];

/**
 * Where each name is first declared as an export (`export const x`) or named in an export list
 * (`export { x, y as z }`): the offset just after it. One pass over the source for all names.
 */
function positions(source: string): Map<string, number> {
  const at = new Map<string, number>();
  const see = (name: string, end: number): void => {
    if (end < (at.get(name) ?? Number.POSITIVE_INFINITY)) at.set(name, end);
  };
  for (const m of source.matchAll(DECLARATION)) see(m[1] as string, (m.index ?? 0) + m[0].length);
  for (const m of source.matchAll(EXPORT_LIST)) {
    const start = (m.index ?? 0) + m[0].length - (m[1] as string).length;
    for (const n of (m[1] as string).matchAll(NAME)) see(n[0], start + (n.index ?? 0) + n[0].length);
  }
  return at;
}

/** Position in `source` of `export default`, or Infinity. */
function defaultPosition(source: string): number {
  const found = DEFAULT.map((p) => p.exec(source)).filter((m): m is RegExpExecArray => m !== null);
  return found.length ? Math.min(...found.map((m) => m.index + m[0].length)) : Number.POSITIVE_INFINITY;
}

/** `names` in source order. */
export function exportOrder(source: string, names: readonly string[]): string[] {
  const found = positions(source);
  const at = new Map(names.map((n) => [n, n === 'default' ? defaultPosition(source) : (found.get(n) ?? Number.POSITIVE_INFINITY)]));
  return [...names].sort((a, b) => (at.get(a) ?? 0) - (at.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
}
