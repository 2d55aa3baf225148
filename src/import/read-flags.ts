/** Typed access to an instruction's `--flags`, refusing any flag the mapper does not handle. */
import { notModelled } from './not-modelled.js';
import type { ParsedFlag } from './parse-dockerfile.js';

export interface Flags {
  /** The value of a flag given once (`--chown=1000`), or undefined. */
  one(name: string): string | undefined;
  /** Every value of a repeatable flag (`--exclude`). */
  all(name: string): string[];
  /** `--link`, `--link=true` → true; `--link=false` → false; absent → undefined. */
  bool(name: string): boolean | undefined;
  /** The flags themselves, for flags with options (`--mount`). */
  named(name: string): ParsedFlag[];
}

export const parseBool = (what: string, value: string | null): boolean => {
  if (value === null || value === 'true') return true;
  if (value === 'false') return false;
  return notModelled(`${what}=${value} is not a boolean`);
};

export function readFlags(flags: readonly ParsedFlag[], allowed: readonly string[]): Flags {
  for (const f of flags) if (!allowed.includes(f.name)) notModelled(`flag --${f.name}`);
  const named = (name: string): ParsedFlag[] => flags.filter((f) => f.name === name);
  return {
    named,
    all: (name) => named(name).map((f) => f.value ?? notModelled(`--${name} without a value`)),
    one: (name) => {
      const found = named(name);
      if (found.length > 1) notModelled(`--${name} given more than once`);
      const f = found[0];
      return f === undefined ? undefined : (f.value ?? notModelled(`--${name} without a value`));
    },
    bool: (name) => {
      const f = named(name)[0];
      return f === undefined ? undefined : parseBool(`--${name}`, f.value);
    },
  };
}
