/** `dockwright build --dry-run`: the order and the exact command of every step, ready to paste into a shell. */
import type { BuildPlan } from './build-plan.js';

/** POSIX shell quoting, only where needed: `a=b` stays, `it's` becomes `'it'\''s'`. */
export const shellQuote = (arg: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);

export const commandLine = (argv: readonly string[], env: Readonly<Record<string, string>> = {}): string =>
  [...Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`), 'docker', ...argv.map(shellQuote)].join(' ');

export function formatPlan(plan: BuildPlan): string {
  const lines = [`${plan.steps.length} image${plan.steps.length === 1 ? '' : 's'} to build, in this order:`];
  for (const ext of plan.external) lines.push(`  (must exist) ${ext.id}  ${ext.ref}`);
  plan.steps.forEach((step, i) => {
    const after = step.parents.length > 0 ? `  (after ${step.parents.join(', ')})` : '';
    lines.push(`${String(i + 1).padStart(3)}. ${step.id}${after}`, `     ${commandLine(step.argv, step.env)}`);
  });
  return `${lines.join('\n')}\n`;
}
