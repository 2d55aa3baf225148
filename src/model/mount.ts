import * as z from 'zod';
import { SourceRefSchema } from './refs.js';

const Owner = {
  mode: z
    .string()
    .regex(/^[0-7]{3,4}$/)
    .optional(),
  uid: z.number().int().nonnegative().optional(),
  gid: z.number().int().nonnegative().optional(),
};

/** `RUN --mount=type=cache`: a persistent cache directory (package managers). */
export const CacheMountSchema = z
  .object({
    type: z.literal('cache'),
    target: z.string().min(1),
    id: z.string().min(1).optional(),
    sharing: z.enum(['shared', 'private', 'locked']).optional(),
    from: SourceRefSchema.optional(),
    source: z.string().optional(),
    readonly: z.boolean().optional(),
    ...Owner,
  })
  .strict();

/** `RUN --mount=type=bind`: files from the context, a stage, an image or a named context, never copied into a layer. */
export const BindMountSchema = z
  .object({
    type: z.literal('bind'),
    target: z.string().min(1),
    source: z.string().optional(),
    from: SourceRefSchema.optional(),
    readwrite: z.boolean().optional(),
  })
  .strict();

/** `RUN --mount=type=secret`: a secret by id; its value comes from `--secret` at build time, never from the definition. */
export const SecretMountSchema = z
  .object({
    type: z.literal('secret'),
    id: z.string().min(1),
    target: z.string().optional(),
    env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional(),
    required: z.boolean().optional(),
    ...Owner,
  })
  .strict();

/** `RUN --mount=type=ssh`: the builder's SSH agent socket. */
export const SshMountSchema = z
  .object({
    type: z.literal('ssh'),
    id: z.string().optional(),
    target: z.string().optional(),
    required: z.boolean().optional(),
    ...Owner,
  })
  .strict();

/** `RUN --mount=type=tmpfs`. */
export const TmpfsMountSchema = z
  .object({
    type: z.literal('tmpfs'),
    target: z.string().min(1),
    size: z.number().int().positive().optional(),
  })
  .strict();

export const MountSchema = z.discriminatedUnion('type', [
  CacheMountSchema,
  BindMountSchema,
  SecretMountSchema,
  SshMountSchema,
  TmpfsMountSchema,
]);
export type Mount = z.infer<typeof MountSchema>;
export type MountInput = z.input<typeof MountSchema>;
