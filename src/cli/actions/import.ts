/** What `dockwright import` does (the command and its options: ../import.ts). */
import path from 'node:path';
import type { Command } from 'commander';
import * as z from 'zod';
import { UsageError } from '../../errors/definition-error.js';
import { formatWarning } from '../../import/definition-model.js';
import { importDockerfiles } from '../../import/import-dockerfiles.js';
import { resolveSettings } from '../../io/settings/resolve-settings.js';
import type { CliContext } from '../context.js';
import { projectRequest } from '../project-request.js';

const ArgPair = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*=/, 'KEY=VALUE with KEY a variable name');

const ImportOptions = z.object({
  dir: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  arg: z.array(ArgPair).default([]),
  buildContext: z.array(z.string().regex(/^[^=]+=./, 'NAME=DIR')).default([]),
  context: z.string().min(1).optional(),
  force: z.boolean().default(false),
});

export async function importAction(ctx: CliContext, files: string[], rawOptions: unknown, command: Command): Promise<void> {
  const parsed = ImportOptions.safeParse(rawOptions);
  if (!parsed.success)
    throw new UsageError(`import: ${parsed.error.issues.map((i) => `--${String(i.path[0] ?? '')} ${i.message}`).join('; ')}`);
  const o = parsed.data;
  if (files.length === 0 && o.dir === undefined) throw new UsageError('import: give Dockerfiles or --dir <folder>');
  const request = projectRequest(ctx, command);
  const { root, settings } = await resolveSettings({ ...request, orHere: true });
  const report = await importDockerfiles({
    cwd: request.cwd,
    root,
    files,
    dir: o.dir,
    name: o.name,
    context: o.context,
    out: o.out === undefined ? path.resolve(root, settings.definitionsDir) : path.resolve(request.cwd, o.out),
    args: Object.fromEntries(o.arg.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])),
    buildContexts: Object.fromEntries(
      o.buildContext.map((pair) => {
        const dir = pair.slice(pair.indexOf('=') + 1);
        const shown = dir.includes('://') ? dir : path.relative(root, path.resolve(request.cwd, dir)).split(path.sep).join('/') || '.';
        return [pair.slice(0, pair.indexOf('=')), shown];
      }),
    ),
    force: o.force,
  });
  report.warnings.forEach((w) => ctx.stderr.write(`warning: ${formatWarning(w)}\n`));
  report.written.forEach((f) => ctx.stdout.write(`wrote ${f}\n`));
  const count = (suffix: string): number => report.warnings.filter((w) => w.message.endsWith(suffix)).length;
  const lines = (n: number): string => `${n} line${n === 1 ? '' : 's'}`;
  const raw = count('(kept as raw)');
  const dropped = count('(left out of the definition)');
  ctx.stdout.write(
    `${report.written.length} definition${report.written.length === 1 ? '' : 's'} written` +
      `${raw ? `; ${lines(raw)} kept as raw (search for "dockwright import: not modelled")` : ''}` +
      `${dropped ? `; ${lines(dropped)} left out (see the warnings)` : ''}; next: dockwright check && dockwright gen\n`,
  );
}
