/**
 * The instructions a stage is made of, as authors write them (through the helpers in src/api) and
 * as the compiler receives them after validation. One `kind` per Dockerfile instruction.
 */
import * as z from 'zod';
import { CommandSchema } from './command.js';
import { LineSchema, SignalSchema, VarMapSchema, VarNameSchema } from './common.js';
import { HealthDurationSchema, HealthcheckTestSchema } from './healthcheck.js';
import { MountSchema } from './mount.js';
import { SourceRefSchema } from './refs.js';

const Path = z.string().min(1);

export const RunSchema = z
  .object({
    kind: z.literal('run'),
    /** shell: commands joined with `&&` over continuation lines; exec: JSON form; heredoc: a script. */
    body: z.discriminatedUnion('form', [
      z.object({ form: z.literal('shell'), commands: z.array(LineSchema.pipe(z.string().min(1))).min(1) }).strict(),
      z.object({ form: z.literal('exec'), argv: z.array(z.string()).min(1) }).strict(),
      z.object({ form: z.literal('heredoc'), script: z.string().min(1) }).strict(),
    ]),
    mounts: z.array(MountSchema).default([]),
    network: z.enum(['default', 'none', 'host']).optional(),
    security: z.enum(['sandbox', 'insecure']).optional(),
  })
  .strict();

const CopyFlags = {
  chown: LineSchema.optional(),
  chmod: z
    .string()
    .regex(
      /^(?:[0-7]{3,4}|[ugoa]*[+=-][rwxXst]+(?:,[ugoa]*[+=-][rwxXst]+)*)$/,
      'an octal mode such as "0755" or a symbolic one such as "u+x"',
    )
    .optional(),
  link: z.boolean().optional(),
  exclude: z.array(Path).optional(),
};

export const CopySchema = z
  .object({
    kind: z.literal('copy'),
    sources: z.array(Path).min(1),
    dest: Path,
    from: SourceRefSchema.optional(),
    parents: z.boolean().optional(),
    ...CopyFlags,
  })
  .strict();

export const AddSchema = z
  .object({
    kind: z.literal('add'),
    sources: z.array(Path).min(1),
    dest: Path,
    checksum: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/, 'sha256:<64 hex digits>')
      .optional(),
    keepGitDir: z.boolean().optional(),
    ...CopyFlags,
  })
  .strict();

export const EnvSchema = z.object({ kind: z.literal('env'), vars: VarMapSchema }).strict();
export const ArgSchema = z.object({ kind: z.literal('arg'), name: VarNameSchema, default: z.string().optional() }).strict();
export const WorkdirSchema = z.object({ kind: z.literal('workdir'), path: Path }).strict();
export const UserSchema = z.object({ kind: z.literal('user'), user: z.string().min(1), group: z.string().min(1).optional() }).strict();

export const PortSchema = z.union([
  z
    .number()
    .int()
    .min(1)
    .max(65535)
    .transform((port) => ({ port, protocol: 'tcp' as const })),
  z.object({ port: z.number().int().min(1).max(65535), protocol: z.enum(['tcp', 'udp']).default('tcp') }).strict(),
]);
export type Port = z.output<typeof PortSchema>;

export const ExposeSchema = z.object({ kind: z.literal('expose'), ports: z.array(PortSchema).min(1) }).strict();
export const VolumeSchema = z.object({ kind: z.literal('volume'), paths: z.array(Path).min(1) }).strict();
export const LabelSchema = z.object({ kind: z.literal('label'), labels: z.record(z.string().min(1), z.string()) }).strict();
export const EntrypointSchema = z.object({ kind: z.literal('entrypoint'), command: CommandSchema }).strict();
export const CmdSchema = z.object({ kind: z.literal('cmd'), command: CommandSchema }).strict();

export const HealthcheckOptionsSchema = z
  .object({
    interval: HealthDurationSchema.optional(),
    timeout: HealthDurationSchema.optional(),
    startPeriod: HealthDurationSchema.optional(),
    startInterval: HealthDurationSchema.optional(),
    retries: z.number().int().positive().optional(),
  })
  .strict();

/** `test: 'none'` disables a healthcheck inherited from the base image. */
export const HealthcheckSpecSchema = z.union([
  z.literal('none'),
  HealthcheckOptionsSchema.extend({ test: HealthcheckTestSchema }).strict(),
]);
export type HealthcheckSpec = z.output<typeof HealthcheckSpecSchema>;
export const HealthcheckSchema = z.object({ kind: z.literal('healthcheck'), check: HealthcheckSpecSchema }).strict();

export const ShellSchema = z.object({ kind: z.literal('shell'), argv: z.array(z.string()).min(1) }).strict();
export const StopsignalSchema = z.object({ kind: z.literal('stopsignal'), signal: SignalSchema }).strict();
export const CommentSchema = z.object({ kind: z.literal('comment'), text: z.string() }).strict();
/** Text dockwright cannot model (left by `dockwright import`): rendered as written, flagged by lint. */
export const RawSchema = z.object({ kind: z.literal('raw'), text: z.string().min(1) }).strict();

const OnbuildTrigger = z.discriminatedUnion('kind', [
  RunSchema,
  CopySchema,
  AddSchema,
  EnvSchema,
  ArgSchema,
  WorkdirSchema,
  UserSchema,
  ExposeSchema,
  VolumeSchema,
  LabelSchema,
  EntrypointSchema,
  CmdSchema,
  HealthcheckSchema,
  ShellSchema,
  StopsignalSchema,
]);
export const OnbuildSchema = z.object({ kind: z.literal('onbuild'), trigger: OnbuildTrigger }).strict();

export const InstructionSchema = z.discriminatedUnion('kind', [
  RunSchema,
  CopySchema,
  AddSchema,
  EnvSchema,
  ArgSchema,
  WorkdirSchema,
  UserSchema,
  ExposeSchema,
  VolumeSchema,
  LabelSchema,
  EntrypointSchema,
  CmdSchema,
  HealthcheckSchema,
  ShellSchema,
  StopsignalSchema,
  OnbuildSchema,
  CommentSchema,
  RawSchema,
]);

export type Instruction = z.output<typeof InstructionSchema>;
export type InstructionInput = z.input<typeof InstructionSchema>;
export type InstructionKind = Instruction['kind'];
export type InstructionOf<K extends InstructionKind> = Extract<Instruction, { kind: K }>;
export type InstructionInputOf<K extends InstructionKind> = Extract<InstructionInput, { kind: K }>;
