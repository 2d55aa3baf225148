/** What `dockwright init` does (the command and its options: ../init.ts). */
import path from 'node:path';
import type { Command } from 'commander';
import * as z from 'zod';
import { INIT_FILES, detectPackageManager, planInit } from '../../init/init-plan.js';
import { lockFilesIn, readFiles, writeFiles } from '../../io/init-files.js';
import type { CliContext } from '../context.js';
import { toolVersion } from '../tool-version.js';

const InitOptions = z.object({ force: z.boolean().default(false), cwd: z.string().optional() });

export async function initAction(ctx: CliContext, rawOptions: unknown, command: Command): Promise<void> {
  const options = InitOptions.parse({ force: (rawOptions as { force?: boolean }).force, cwd: command.optsWithGlobals().cwd });
  const root = path.resolve(ctx.cwd, options.cwd ?? '.');
  const plan = planInit({
    files: await readFiles(root, INIT_FILES),
    folderName: path.basename(root),
    packageManager: detectPackageManager(lockFilesIn(root), ctx.env.npm_config_user_agent),
    version: toolVersion(),
    force: options.force,
  });
  await writeFiles(root, plan.writes);
  plan.writes.forEach((w) => ctx.stdout.write(`${w.note === 'wrote' ? 'wrote' : `${w.path}:`} ${w.note === 'wrote' ? w.path : w.note}\n`));
  plan.kept.forEach((k) => ctx.stdout.write(`kept ${k.path}: ${k.why}\n`));
  ctx.stdout.write(`\nnext:\n  ${plan.next[0]}\n  ${plan.next[1]}\n`);
}
