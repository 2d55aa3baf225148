/**
 * The field names a zod schema accepts at a path of the input, for "unknown field; did you mean
 * …?". Wrappers (optional, default, pipe…) are looked through; at a union, the keys of every
 * object option count.
 */
import type * as z from 'zod';

type Def = { type: string; innerType?: Schema; in?: Schema; out?: Schema; element?: Schema; valueType?: Schema; options?: Schema[] };
type Schema = z.ZodType & { _zod: { def: Def } };

const unwrap = (s: Schema): Schema => {
  let cur = s;
  for (let n = 0; n < 20; n++) {
    const d = cur._zod.def;
    const next = d.innerType ?? (d.type === 'pipe' ? d.in : undefined);
    if (!next) return cur;
    cur = next;
  }
  return cur;
};

const shapeKeys = (s: Schema): string[] => {
  const u = unwrap(s);
  if (u._zod.def.type === 'object') return Object.keys((u as unknown as { shape: Record<string, unknown> }).shape);
  if (u._zod.def.type === 'union') return (u._zod.def.options ?? []).flatMap(shapeKeys);
  return [];
};

const child = (s: Schema, key: string | number): Schema[] => {
  const u = unwrap(s);
  const d = u._zod.def;
  if (d.type === 'object') {
    const next = (u as unknown as { shape: Record<string, Schema> }).shape[String(key)];
    return next ? [next] : [];
  }
  if (d.type === 'array' && d.element) return [d.element];
  if (d.type === 'record' && d.valueType) return [d.valueType];
  if (d.type === 'union') return (d.options ?? []).flatMap((o) => child(o, key));
  return [];
};

/** The keys the schema knows for the object at `path` (empty when it cannot tell). */
export function knownKeys(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let at: Schema[] = [schema as Schema];
  for (const key of path) at = at.flatMap((s) => child(s, key));
  return [...new Set(at.flatMap(shapeKeys))];
}
