/** What `dockwright check` does (the command and its options: ../check.ts). */
import type { Command } from 'commander';
import * as z from 'zod';
import { CheckFailed } from '../../check/check-failed.js';
import { formatLocated, hasErrors, runCheck } from '../../check/run-check.js';
import { formatDiagnostic } from '../../check/type-check.js';
import type { CliContext } from '../context.js';
import { projectRequest } from '../project-request.js';

const CheckOptions = z.object({ strict: z.boolean().default(false) });

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function checkAction(ctx: CliContext, rawOptions: unknown, command: Command): Promise<void> {
  const options = CheckOptions.parse(rawOptions);
  const report = await runCheck(projectRequest(ctx, command, options.strict ? { strict: true } : {}));
  report.diagnostics.forEach((d) => ctx.stdout.write(`${formatDiagnostic(d)}\n`));
  report.problems.forEach((p) => ctx.stdout.write(`${formatLocated(p, 'error')}\n`));
  report.warnings.forEach((p) => ctx.stdout.write(`${formatLocated(p, 'warning')}\n`));
  const typeErrors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const summary = `${plural(report.files, 'file')} checked: ${plural(typeErrors, 'type error')}, ${plural(report.problems.length, 'definition error')}, ${plural(report.warnings.length, 'warning')}`;
  if (hasErrors(report)) throw new CheckFailed(summary);
  report.placement.forEach((p) => ctx.stdout.write(`${p.id} builds on ${p.engine}\n`));
  ctx.stdout.write(`${summary}\n`);
}
