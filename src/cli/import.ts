/**
 * `dockwright import <Dockerfile…> | --dir <images/> [--name] [--out] [--arg K=V…] [--context] [--force]`:
 * writes one definition file per Dockerfile, then lists what it wrote and everything it could not
 * carry over (file:line), which is also marked in the definitions.
 */
import path from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { UsageError } from '../errors/definition-error.js';
import { formatWarning } from '../import/definition-model.js';
import { importDockerfiles } from '../import/import-dockerfiles.js';
import { resolveSettings } from '../io/settings/resolve-settings.js';
import type { CliContext } from './context.js';
import { projectRequest } from './global-options.js';

const ArgPair = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*=/, 'KEY=VALUE with KEY a variable name');

const ImportOptions = z.object({
  dir: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  arg: z.array(ArgPair).default([]),
  context: z.string().min(1).optional(),
  force: z.boolean().default(false),
});

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export const importCommand = (ctx: CliContext): Command =>
  new Command('import')
    .description('turn existing Dockerfiles into definition files (review them, then run gen)')
    .argument('[dockerfiles...]', 'Dockerfiles to import')
    .option('--dir <dir>', 'folder-per-image layout: every subfolder with a Dockerfile (and optional image.yaml) is one image')
    .option('--name <name>', 'image name of the one Dockerfile given (default: its folder, or X for Dockerfile.X)')
    .option('--out <dir>', 'where to write the definitions (default: the definitions folder)')
    .option('--arg <KEY=VALUE>', 'a build arg your build script passes: becomes the ARG default (repeatable)', collect)
    .option('--context <dir>', 'build context of the Dockerfiles given (default: each one\'s folder)')
    .option('--force', 'overwrite definition files that exist')
    .action(async (files: string[], rawOptions: unknown, command: Command) => {
      const parsed = ImportOptions.safeParse(rawOptions);
      if (!parsed.success) throw new UsageError(`import: ${parsed.error.issues.map((i) => `--${String(i.path[0] ?? '')} ${i.message}`).join('; ')}`);
      const o = parsed.data;
      if (files.length === 0 && o.dir === undefined) throw new UsageError('import: give Dockerfiles or --dir <folder>');
      const request = projectRequest(ctx, command);
      const { root, settings } = await resolveSettings(request);
      const report = await importDockerfiles({
        cwd: request.cwd,
        root,
        files,
        dir: o.dir,
        name: o.name,
        context: o.context,
        out: o.out === undefined ? path.resolve(root, settings.definitionsDir) : path.resolve(request.cwd, o.out),
        args: Object.fromEntries(o.arg.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])),
        force: o.force,
      });
      report.warnings.forEach((w) => ctx.stderr.write(`warning: ${formatWarning(w)}\n`));
      report.written.forEach((f) => ctx.stdout.write(`wrote ${f}\n`));
      const marked = report.warnings.filter((w) => w.message.startsWith('not modelled')).length;
      ctx.stdout.write(`${report.written.length} definition${report.written.length === 1 ? '' : 's'} written${marked ? `; ${marked} line${marked === 1 ? '' : 's'} kept as raw (search for "dockwright import: not modelled")` : ''}; next: dockwright check && dockwright gen\n`);
    });
