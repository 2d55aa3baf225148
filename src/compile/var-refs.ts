/**
 * Finds variable references in a raw value. Two readers:
 * - `docker`: values the builder expands (COPY paths, ENV/LABEL values, WORKDIR…), by the one
 *   docker variable grammar (docker-variables.ts) the quoting module uses too, so checks see exactly what is rendered:
 *   `$NAME`, `${NAME}`, `${NAME:-text}`, `${NAME:+text}`; `$$` is a literal `$` (`literal()`); every other character is literal, a
 *   backslash included (the quoting module escapes it). Other `${…}` forms are rejected by the
 *   quoting module, not here.
 * - `shell`: RUN commands and scripts as `/bin/sh` reads them: single quotes and `\` make text
 *   literal (`\$HOME` is not a reference), `${X:-word}` may nest, positional and special
 *   parameters (`$1`, `$@`, `$?`) and arithmetic `$((…))` are skipped.
 */

import { dockerSegments } from './docker-variables.js';

export interface VarRef {
  readonly name: string;
  /** Offset of the `$`. */
  readonly index: number;
}

export type VarReader = 'docker' | 'shell';

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const OPERATOR = /[:\-+?#%/=]/;

export function scanVars(text: string, reader: VarReader): VarRef[] {
  if (reader === 'docker') return dockerSegments(text).flatMap((s) => (s.kind === 'ref' ? [{ name: s.name, index: s.index }] : []));
  return scanShell(text);
}

function scanShell(text: string): VarRef[] {
  const refs: VarRef[] = [];
  const readName = (from: number): number => {
    let i = from;
    if (i < text.length && NAME_START.test(text[i]!)) while (i < text.length && NAME_CHAR.test(text[i]!)) i++;
    return i;
  };

  /** Scans from `from` until an unquoted `}` (when `braced`) or the end; returns where it stopped. */
  const scan = (from: number, braced: boolean): number => {
    let i = from;
    let inDouble = false;
    while (i < text.length) {
      const c = text[i]!;
      if (braced && c === '}' && !inDouble) return i;
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === "'" && !inDouble) {
        const end = text.indexOf("'", i + 1);
        i = end < 0 ? text.length : end + 1;
        continue;
      }
      if (c === '"') {
        inDouble = !inDouble;
        i++;
        continue;
      }
      i = c === '$' ? dollar(i) : i + 1;
    }
    return i;
  };

  /** Reads the expansion whose `$` is at `at`; returns the offset after it. */
  const dollar = (at: number): number => {
    if (text[at + 1] === '{') {
      const nameEnd = readName(at + 2);
      if (nameEnd === at + 2) {
        const close = text.indexOf('}', at + 2);
        return close < 0 ? text.length : close + 1;
      }
      refs.push({ name: text.slice(at + 2, nameEnd), index: at });
      const after = text[nameEnd];
      if (after !== undefined && OPERATOR.test(after)) return Math.min(scan(nameEnd + 1, true) + 1, text.length);
      return after === '}' ? nameEnd + 1 : nameEnd;
    }
    if (text[at + 1] === '(' && text[at + 2] === '(') {
      const end = text.indexOf('))', at + 3);
      return end < 0 ? text.length : end + 2;
    }
    const nameEnd = readName(at + 1);
    if (nameEnd > at + 1) refs.push({ name: text.slice(at + 1, nameEnd), index: at });
    return Math.max(nameEnd, at + 1);
  };

  scan(0, false);
  return refs;
}

/** Names a shell command sets itself (`X=1`, `export X=`, `for X in`, `read X`): not references to check. */
export function shellAssignedNames(text: string): Set<string> {
  const names = new Set<string>();
  const add = (re: RegExp): void => {
    for (const m of text.matchAll(re)) names.add(m[1]!);
  };
  add(/(?:^|[\s;&|(`])(?:(?:export|local|readonly|declare|typeset)\s+(?:-\w+\s+)*)?([A-Za-z_][A-Za-z0-9_]*)\+?=/g);
  add(/\b(?:for|select)\s+([A-Za-z_][A-Za-z0-9_]*)\s/g);
  add(/\bgetopts\s+\S+\s+([A-Za-z_][A-Za-z0-9_]*)/g);
  for (const m of text.matchAll(/\bread\s+((?:-\w+\s+)*(?:[A-Za-z_][A-Za-z0-9_]*[ \t]*)+)/g)) {
    for (const w of m[1]!.split(/\s+/)) if (/^[A-Za-z_]\w*$/.test(w)) names.add(w);
  }
  return names;
}
