/**
 * The docker options a user gives after `--` (a typed escape hatch): read once into the bake
 * target fields they mean, so a bake session can carry them. An option bake has no field for
 * makes the session impossible, and the reason names it. Pure.
 */

/** The bake target fields the options set (lists are appended to, maps merged). */
export interface ExtraBakeFields {
  readonly lists: Readonly<Record<string, readonly string[]>>;
  readonly maps: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly strings: Readonly<Record<string, string>>;
  readonly switches: Readonly<Record<string, true>>;
}

/** docker buildx build option → bake target field, for options that take a value. */
const LISTS: Readonly<Record<string, string>> = {
  '--platform': 'platforms',
  '--cache-from': 'cache-from',
  '--cache-to': 'cache-to',
  '--secret': 'secret',
  '--ssh': 'ssh',
  '--tag': 'tags',
  '-t': 'tags',
  '--attest': 'attest',
  '--no-cache-filter': 'no-cache-filter',
  '--ulimit': 'ulimits',
  '--annotation': 'annotations',
};
const MAPS: Readonly<Record<string, string>> = { '--build-arg': 'args', '--label': 'labels', '--build-context': 'contexts' };
const SINGLE: Readonly<Record<string, string>> = { '--network': 'network', '--shm-size': 'shm-size' };
const SWITCHES: Readonly<Record<string, string>> = { '--pull': 'pull', '--no-cache': 'no-cache' };

const keyValue = (kv: string): [string, string] => {
  const eq = kv.indexOf('=');
  return eq < 0 ? [kv, ''] : [kv.slice(0, eq), kv.slice(eq + 1)];
};

/** The fields, or why bake cannot carry the options. */
export function extraBakeFields(extra: readonly string[]): ExtraBakeFields | { readonly notBakeable: string } {
  const lists: Record<string, string[]> = {};
  const maps: Record<string, Record<string, string>> = {};
  const strings: Record<string, string> = {};
  const switches: Record<string, true> = {};
  for (let i = 0; i < extra.length; i++) {
    const word = extra[i] as string;
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const flag = eq < 0 ? word : word.slice(0, eq);
    const switchField = SWITCHES[flag];
    if (switchField !== undefined && eq < 0) {
      switches[switchField] = true;
      continue;
    }
    const field = LISTS[flag] ?? MAPS[flag] ?? SINGLE[flag];
    const value = eq < 0 ? extra[++i] : word.slice(eq + 1);
    if (field === undefined || value === undefined) {
      return { notBakeable: `the option \`${word}\` given after \`--\` has no equivalent in a bake file` };
    }
    if (flag in MAPS) {
      const [k, v] = keyValue(value);
      if (flag === '--build-arg' && !value.includes('='))
        return { notBakeable: `\`--build-arg ${value}\` takes its value from the environment` };
      maps[field] = { ...maps[field], [k]: v };
    } else if (flag in SINGLE) strings[field] = value;
    else lists[field] = [...(lists[field] ?? []), ...(flag === '--platform' ? value.split(',').filter(Boolean) : [value])];
  }
  return { lists, maps, strings, switches };
}
