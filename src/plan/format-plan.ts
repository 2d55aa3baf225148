/** `dockwright build --dry-run`: the order and the exact command of every image build, ready to paste into a shell. */
import { buildxArgv } from './buildx-argv.js';
import type { BuildPlan } from './image-build.js';
import { spansEngines } from './build-engine.js';

/** POSIX shell quoting, only where needed: `a=b` stays, `it's` becomes `'it'\''s'`. */
export const shellQuote = (arg: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);

export const commandLine = (argv: readonly string[], env: Readonly<Record<string, string>> = {}): string =>
  [...Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`), 'docker', ...argv.map(shellQuote)].join(' ');

export function formatPlan(plan: BuildPlan): string {
  const lines = [`${plan.builds.length} image${plan.builds.length === 1 ? '' : 's'} to build, in this order:`];
  for (const ext of plan.external) lines.push(`  (must exist) ${ext.id}  ${ext.ref}`);
  plan.builds.forEach((build, i) => {
    const after = build.parents.length > 0 ? `  (after ${build.parents.join(', ')})` : '';
    const where = build.engine !== undefined ? `  [engine ${build.engine}]` : '';
    const { argv, env } = buildxArgv(build, plan);
    lines.push(`${String(i + 1).padStart(3)}. ${build.id}${after}${where}`, `     ${commandLine(argv, env)}`);
  });
  if (spansEngines(plan))
    lines.push('(several engines: each build pushes; a parent built on another engine is passed to its child by its pushed digest)');
  return `${lines.join('\n')}\n`;
}

/** `dockwright build --json`: the plan as data, each build with the docker command that runs it on its own. */
export const planJson = (plan: BuildPlan): string =>
  `${JSON.stringify({ ...plan, builds: plan.builds.map((b) => ({ ...b, command: buildxArgv(b, plan) })) }, null, 2)}\n`;
