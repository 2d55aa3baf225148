/**
 * HEALTHCHECK's own value rules: durations docker accepts (at least 1ms; `0s` would silently mean
 * "docker's default"), and `test` also in the compose style (`['CMD', 'curl', …]`,
 * `['CMD-SHELL', 'curl -f … || exit 1']`), which is read the way compose means it instead of
 * running a program called `CMD`.
 */
import * as z from 'zod';
import { ExecFormSchema, ShellFormSchema, type Command } from './command.js';
import { DurationSchema } from './common.js';

const NANOS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** A Go duration in nanoseconds (the input already matches DurationSchema). */
export const durationNanos = (d: string): number =>
  [...d.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)].reduce((sum, [, n, unit]) => sum + Number(n) * (NANOS[unit ?? 's'] ?? 0), 0);

/** interval, timeout, startPeriod, startInterval: docker refuses less than 1ms and reads 0 as "the default". */
export const HealthDurationSchema = DurationSchema.refine(
  (d) => durationNanos(d) >= 1e6,
  'at least "1ms" (docker\'s minimum; "0s" means docker\'s default: leave the field out for that)',
);

function composeTest(argv: readonly string[], ctx: z.RefinementCtx): Command {
  const [first, ...rest] = argv;
  if (first === 'CMD') {
    if (rest.length > 0) return { form: 'exec', argv: rest };
    ctx.addIssue({ code: 'custom', message: "['CMD', program, …args] with a program (or just [program, …args])" });
  } else if (first === 'CMD-SHELL') {
    if (rest.length === 1 && rest[0] !== '') return { form: 'shell', command: rest[0] ?? '' };
    ctx.addIssue({ code: 'custom', message: "['CMD-SHELL', 'one shell command'] (or { form: 'shell', command })" });
  } else if (first === 'NONE') {
    ctx.addIssue({ code: 'custom', message: "healthcheck('none') (or healthcheck: 'none') to disable the base image's healthcheck" });
  } else return { form: 'exec', argv: [...argv] };
  return z.NEVER;
}

/**
 * HEALTHCHECK's command: like CMD (a string array is exec form), plus the compose forms:
 * `['CMD', 'curl', '-f', url]` is exec form without the `CMD`, `['CMD-SHELL', 'cmd']` is shell form.
 */
export const HealthcheckTestSchema = z.union([z.array(z.string()).min(1).transform(composeTest), ExecFormSchema, ShellFormSchema]);
