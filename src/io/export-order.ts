/**
 * The order a module's exports are written in. A module namespace lists its exports
 * alphabetically; images are listed in the order they are written, so the export names are
 * ordered by where the source declares or exports them (unknown positions last, by name).
 */
const escape = (name: string): string => name.replace(/[$]/g, '\\$');

/** Position in `source` of the export `name` (`default` included), or Infinity. */
function position(source: string, name: string): number {
  const patterns = name === 'default'
    ? [/\bexport\s+default\b/, /\bexport\s*\{[^}]*\bas\s+default\b/]
    : [
      new RegExp(`\\bexport\\s+(?:declare\\s+)?(?:const|let|var|class|function\\*?|async\\s+function\\*?)\\s+${escape(name)}(?![\\w$])`),
      new RegExp(`\\bexport\\s*\\{[^}]*?(?<![\\w$])${escape(name)}(?![\\w$])`),
    ];
  const found = patterns.map((p) => p.exec(source)).filter((m): m is RegExpExecArray => m !== null);
  return found.length ? Math.min(...found.map((m) => m.index + m[0].length)) : Number.POSITIVE_INFINITY;
}

/** `names` in source order. */
export function exportOrder(source: string, names: readonly string[]): string[] {
  const at = new Map(names.map((n) => [n, position(source, n)]));
  return [...names].sort((a, b) => (at.get(a) ?? 0) - (at.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
}
