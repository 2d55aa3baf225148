import * as z from 'zod';

/** Exec form: `["prog", "arg"]`, no shell involved. */
export const ExecFormSchema = z.object({ form: z.literal('exec'), argv: z.array(z.string()).min(1) }).strict();
/** Shell form: one line run by the stage's SHELL (`/bin/sh -c` by default). */
export const ShellFormSchema = z.object({ form: z.literal('shell'), command: z.string().min(1) }).strict();

/** What CMD, ENTRYPOINT and HEALTHCHECK CMD take. A plain string array means exec form. */
export const CommandSchema = z.union([
  z
    .array(z.string())
    .min(1)
    .transform((argv) => ({ form: 'exec' as const, argv })),
  ExecFormSchema,
  ShellFormSchema,
]);
export type Command = z.output<typeof CommandSchema>;
export type CommandInput = z.input<typeof CommandSchema>;
