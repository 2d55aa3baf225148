/**
 * Zod issues → problems a person can act on: the field path, what was given (read from the input
 * itself) and what was expected. For a union, the branch that got furthest explains the problem.
 */
import type * as z from 'zod';
import type { core } from 'zod';
import { didYouMean, typoBudget } from './did-you-mean.js';
import { knownKeys } from './schema-keys.js';
import type { Problem } from '../errors/definition-error.js';

type Issue = core.$ZodIssue;
type Key = string | number;

/** A problem located inside one value; the caller adds the file and the image. */
export type FieldProblem = Pick<Problem, 'path' | 'message' | 'given' | 'expected'>;

/** A short, one-line rendering of a value for `given …`. */
export const describeValue = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'string') return clip(JSON.stringify(v));
  if (typeof v !== 'object' || v === null) return String(v);
  const kind = (v as { kind?: unknown }).kind;
  const name = (v as { name?: unknown }).name;
  if ((kind === 'stage' || kind === 'image') && typeof name === 'string') return `${kind} "${name}"`;
  try {
    return clip(JSON.stringify(v) ?? String(v));
  } catch {
    return Array.isArray(v) ? 'an array' : 'an object';
  }
};

const clip = (s: string): string => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

const at = (value: unknown, path: readonly Key[]): unknown =>
  path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<Key, unknown>)[k] : undefined), value);

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  record: 'an object',
  function: 'a function',
};

const keys = (path: readonly PropertyKey[]): Key[] => path.map((k) => (typeof k === 'number' ? k : String(k)));

/** A branch that failed on the value itself (wrong type), not inside it. */
const shallow = (branch: readonly Issue[]): boolean =>
  branch.every((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'custom' || i.code === 'invalid_value'));

const depth = (branch: readonly Issue[]): number => Math.max(0, ...branch.map((i) => i.path.length + (i.code === 'invalid_union' ? 1 : 0)));

const expectedOf = (i: Issue): string => {
  if (i.code === 'invalid_type') return TYPE_NAMES[i.expected] ?? i.expected;
  if (i.code === 'invalid_value') return i.values.map((v) => JSON.stringify(v)).join(' or ');
  return i.message;
};

const sizeText = (i: Extract<Issue, { code: 'too_small' | 'too_big' }>, bound: number | bigint, word: string): string => {
  const unit = i.origin === 'string' ? ' characters' : i.origin === 'array' || i.origin === 'set' ? ' items' : '';
  return `${i.exact ? 'exactly' : i.inclusive === false ? (word === 'least' ? 'more than' : 'less than') : `at ${word}`} ${bound}${unit}`;
};

/** Known field names at a path (from the schema), for "did you mean". */
type KeysAt = (path: readonly Key[]) => readonly string[];

function convert(issue: Issue, base: readonly Key[], input: unknown, out: FieldProblem[], keysAt: KeysAt = () => []): void {
  const path = [...base, ...keys(issue.path)];
  const given = at(input, path);
  const push = (message: string, expected?: string, withGiven = true): void => {
    out.push({
      path,
      message,
      ...(withGiven && given !== undefined ? { given: describeValue(given) } : {}),
      ...(expected ? { expected } : {}),
    });
  };
  switch (issue.code) {
    case 'invalid_type':
      return given === undefined ? push('is required', expectedOf(issue)) : push('has the wrong type', expectedOf(issue));
    case 'unrecognized_keys':
      for (const k of issue.keys) {
        const guess = didYouMean(k, keysAt(path), Math.max(typoBudget(k), 2));
        out.push({ path: [...path, k], message: `unknown field${guess ? `; did you mean "${guess}"?` : ''}` });
      }
      return;
    case 'invalid_value':
      return push('is not an allowed value', expectedOf(issue));
    case 'too_small':
      return issue.minimum === 1 && (issue.origin === 'array' || issue.origin === 'string') && issue.inclusive !== false
        ? push('must not be empty')
        : push('is too small', sizeText(issue, issue.minimum, 'least'));
    case 'too_big':
      return push('is too big', sizeText(issue, issue.maximum, 'most'));
    case 'invalid_format':
      return push('has the wrong format', issue.message.startsWith('Invalid') ? `a valid ${issue.format}` : issue.message);
    case 'custom':
      return push('is not valid', issue.message);
    case 'invalid_key':
      return push('is not a valid key', issue.issues.map(expectedOf).join(', '), false);
    case 'invalid_element':
      return issue.issues.forEach((i) => convert(i, path, input, out, keysAt));
    case 'invalid_union': {
      if (issue.discriminator !== undefined && issue.errors.length === 0) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        return push(`unknown ${issue.discriminator}`, options.length ? `one of ${options.join(', ')}` : undefined);
      }
      const branches = issue.errors;
      if (branches.length === 0) return push(issue.message);
      if (branches.every(shallow)) {
        const expected = [...new Set(branches.flat().map(expectedOf))].join(' or ');
        if (given === undefined) return push('is required', expected);
        return push(branches.flat().every((i) => i.code === 'invalid_type') ? 'has the wrong type' : 'is not valid', expected);
      }
      const best = branches.reduce((a, b) => (depth(b) > depth(a) || (depth(b) === depth(a) && b.length < a.length) ? b : a));
      return best.forEach((i) => convert(i, path, input, out, keysAt));
    }
    default:
      return push((issue as { message: string }).message);
  }
}

/** Every issue of a failed parse of `input`, as field problems (duplicates removed). */
export function zodProblems(issues: readonly Issue[], input: unknown, schema?: z.ZodType): FieldProblem[] {
  const out: FieldProblem[] = [];
  const keysAt: KeysAt = (path) => (schema ? knownKeys(schema, path) : []);
  for (const issue of issues) convert(issue, [], input, out, keysAt);
  const seen = new Set<string>();
  return out.filter((p) => {
    const key = JSON.stringify([p.path, p.message]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
