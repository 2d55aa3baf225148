import * as z from 'zod';

/** A name of an image, a stage, a group or a variant value: what docker accepts in a repository path. */
export const NameSchema = z.string().regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, 'lowercase letters and digits, separated by ".", "_" or "-"');

/** A build-arg or environment variable name. */
export const VarNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name: letters, digits and "_", not starting with a digit');

/** A Go duration as HEALTHCHECK accepts it: `30s`, `1m30s`, `500ms`. */
export const DurationSchema = z.string().regex(/^(?:\d+(?:\.\d+)?(?:ns|us|ms|s|m|h))+$/, 'a duration such as "30s", "1m30s" or "500ms"');

/** Text that must stay on one line (the renderer rejects anything else anyway; this gives the error early). */
export const LineSchema = z.string().refine((s) => !/[\r\n]/.test(s), 'a single line (no newline)');

export const NonEmptyLineSchema = LineSchema.refine((s) => s.length > 0, 'a non-empty string');

/** Values keyed by variable name, order kept as written. */
export const VarMapSchema = z.record(VarNameSchema, z.string());

export type VarMap = z.infer<typeof VarMapSchema>;

/** STOPSIGNAL: a signal name or number (the step and the image field alike). */
export const SignalSchema = z.string().regex(/^(?:SIG[A-Z0-9]+|\d+)$/, 'a signal such as "SIGTERM" or a number');
