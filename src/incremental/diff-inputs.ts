/**
 * Which inputs differ between the record of the last build and now, named the way a person looks
 * for them: `Dockerfile`, `arg MODE`, `context file app/main.py`, `parent python`,
 * `base debian:bookworm-slim`. Pure.
 */
import type { DigestInputs } from './input-record.js';

type MapKey = 'args' | 'labels' | 'files' | 'contexts' | 'prerequisites' | 'parents' | 'bases';

const MAPS: readonly (readonly [MapKey, string])[] = [
  ['parents', 'parent'],
  ['bases', 'base'],
  ['args', 'arg'],
  ['labels', 'label'],
  ['contexts', 'build context'],
  ['prerequisites', 'prerequisite'],
  ['files', 'context file'],
];

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function changedKeys(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => before[k] !== after[k]).sort();
}

/** The changed inputs, most telling first; `[]` when the records are equal. */
export function diffInputs(before: DigestInputs, after: DigestInputs): string[] {
  if (before.version !== after.version) return ['dockwright digest format'];
  const out: string[] = [];
  if (before.dockerfile !== after.dockerfile) out.push('Dockerfile');
  if (before.target !== after.target) out.push('target');
  if (!sameList(before.platforms, after.platforms)) out.push('platforms');
  if (!sameList(before.extra, after.extra)) out.push('extra docker options');
  if (!sameList(before.secrets, after.secrets)) out.push('secret ids');
  if (!sameList(before.ssh, after.ssh)) out.push('ssh ids');
  for (const [key, word] of MAPS) {
    for (const k of changedKeys(before[key], after[key])) {
      const verb = before[key][k] === undefined ? ' (added)' : after[key][k] === undefined ? ' (removed)' : '';
      out.push(`${word} ${k}${verb}`);
    }
  }
  return out;
}

/** `a, b, c and 4 more`. */
export const summarizeChanges = (changes: readonly string[], max = 3): string =>
  changes.length <= max ? changes.join(', ') : `${changes.slice(0, max).join(', ')} and ${changes.length - max} more`;
