/**
 * An image definition: a name, its stages, image-level ARGs declared once, and the settings of its
 * final stage (user, ports, healthcheck…). `ImageDef` is what `image()` returns to authors;
 * `ImageSchema` validates it (definitions are loaded as unknown values) and fills defaults.
 */
import * as z from 'zod';
import { BuildInputsSchema } from './build-inputs.js';
import { CommandSchema, type CommandInput } from './command.js';
import { LineSchema, NameSchema, SignalSchema, VarMapSchema, VarNameSchema } from './common.js';
import { HealthcheckSpecSchema, PortSchema } from './instruction.js';
import type { BuildInputs } from './build-inputs.js';
import { StageRefSchema } from './refs.js';
import { StageSchema, type StageDef } from './stage.js';
import { TestSpecSchema } from './test-spec.js';

/** An image-level ARG: a default, a description, or "take the image's version". */
export const ArgSpecSchema = z.union([
  z.string().transform((d) => ({ default: d as string | undefined, description: undefined as string | undefined, fromVersion: false })),
  z
    .object({
      default: z.string().optional(),
      description: z.string().optional(),
      fromVersion: z.boolean().default(false),
      /** Declared in every stage that has a RUN, for commands that read it from their environment (`DEBIAN_FRONTEND`). */
      forRun: z.boolean().optional(),
    })
    .strict(),
]);
export type ArgSpec = z.output<typeof ArgSpecSchema>;

/**
 * A tag, with placeholders `{version}`, `{tag}`, `{baseTag}` and one per variant axis (`{os}`).
 * `when: 'defaultVersion'` keeps the tag only when the image's version is its default version.
 */
export const TagRuleSchema = z.union([
  LineSchema.pipe(z.string().min(1)).transform((tag) => ({ tag, when: 'always' as const })),
  z.object({ tag: z.string().min(1), when: z.enum(['always', 'defaultVersion']).default('always') }).strict(),
]);
export type TagRule = z.output<typeof TagRuleSchema>;

export const UserSpecSchema = z.union([
  z
    .string()
    .min(1)
    .transform((user) => ({ user, group: undefined as string | undefined })),
  z.object({ user: z.string().min(1), group: z.string().min(1).optional() }).strict(),
]);

/** Where a secret's value comes from at build time; the definition only ever holds its id. */
export const SecretSourceSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]+$/),
    env: VarNameSchema.optional(),
    src: z.string().optional(),
  })
  .strict();

export const ImageSchema = z
  .object({
    kind: z.literal('image'),
    name: NameSchema,
    variant: z.record(z.string(), NameSchema).optional(),
    description: z.string().optional(),
    groups: z.array(NameSchema).default([]),
    /** `false` for intermediate bases that are built but never pushed. */
    push: z.boolean().default(true),
    /** `base` images are tagged with the base tag, `module` images with the module tag. */
    tagSet: z.enum(['module', 'base']).default('module'),
    tags: z.array(TagRuleSchema).optional(),
    version: z.string().min(1).optional(),
    defaultVersion: z.string().min(1).optional(),
    args: z.record(VarNameSchema, ArgSpecSchema).default({}),
    stages: z.array(StageSchema).min(1),
    target: StageRefSchema.optional(),
    syntax: z.string().min(1).optional(),
    escape: z.enum(['\\', '`']).default('\\'),
    env: VarMapSchema.optional(),
    labels: z.record(z.string().min(1), z.string()).optional(),
    user: UserSpecSchema.optional(),
    workdir: z.string().min(1).optional(),
    expose: z.array(PortSchema).optional(),
    volumes: z.array(z.string().min(1)).optional(),
    entrypoint: CommandSchema.optional(),
    cmd: CommandSchema.optional(),
    healthcheck: HealthcheckSpecSchema.optional(),
    stopSignal: SignalSchema.optional(),
    /** Build context folder, relative to the project root. */
    context: z.string().min(1).default('.'),
    dockerignore: z.array(z.string()).optional(),
    platforms: z.array(z.string().min(1)).optional(),
    /** The engine (a name of the `engines` setting) this image builds on; else the placement rule picks one. */
    engine: z.string().min(1).optional(),
    /** Named build contexts: name → folder (relative to the project root) or `docker-image://…`. */
    buildContexts: z.record(z.string().min(1), z.string().min(1)).default({}),
    secrets: z.array(SecretSourceSchema).default([]),
    ssh: z.array(z.string().min(1)).default([]),
    /** A BuildKit provenance attestation, `min` or `max` (replaces the `provenance` setting). */
    provenance: z.enum(['min', 'max']).optional(),
    /** An SBOM attestation: `true` (BuildKit's default scanner image) or the scanner image (replaces the `sbom` setting). */
    sbom: z.union([z.boolean(), z.string().min(1)]).optional(),
    inputs: BuildInputsSchema.default({ fetch: [], copyList: [], prerequisites: [] }),
    test: TestSpecSchema.optional(),
  })
  .strict();

export type Image = z.output<typeof ImageSchema>;
export type ImageInput = z.input<typeof ImageSchema>;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The fields an author sets on an image (everything but `kind`); see README "Definition API". */
export interface ImageSpec {
  name: string;
  description?: string;
  groups?: readonly string[];
  push?: boolean;
  tagSet?: 'module' | 'base';
  tags?: readonly (string | { tag: string; when?: 'always' | 'defaultVersion' })[];
  version?: string;
  defaultVersion?: string;
  args?: Readonly<Record<string, string | { default?: string; description?: string; fromVersion?: boolean; forRun?: boolean }>>;
  stages: readonly StageDef[];
  target?: StageDef;
  syntax?: string;
  escape?: '\\' | '`';
  env?: Readonly<Record<string, string>>;
  labels?: Readonly<Record<string, string>>;
  user?: string | { user: string; group?: string };
  workdir?: string;
  expose?: readonly (number | { port: number; protocol?: 'tcp' | 'udp' })[];
  volumes?: readonly string[];
  entrypoint?: CommandInput;
  cmd?: CommandInput;
  healthcheck?: z.input<typeof HealthcheckSpecSchema>;
  stopSignal?: string;
  context?: string;
  dockerignore?: readonly string[];
  platforms?: readonly string[];
  /** The engine (a name of the `engines` setting) this image builds on (docs/platforms.md, "Several machines"). */
  engine?: string;
  buildContexts?: Readonly<Record<string, string>>;
  secrets?: readonly { id: string; env?: string; src?: string }[];
  ssh?: readonly string[];
  /** A BuildKit provenance attestation (docs/ship.md: it needs a push or the containerd image store). */
  provenance?: 'min' | 'max';
  /** An SBOM attestation: `true` or the scanner image; the scanner must be pullable or local. */
  sbom?: boolean | string;
  inputs?: Partial<{ [K in keyof BuildInputs]: Writable<BuildInputs[K]> }>;
  test?: z.input<typeof TestSpecSchema>;
}

/** An image as authors hold it: the value other images use as their base. */
export interface ImageDef extends Readonly<ImageSpec> {
  readonly kind: 'image';
  readonly variant?: Readonly<Record<string, string>>;
}

/** Helper so unused-import checkers see the schema is used for its type only. */
export type CommandOf = z.output<typeof CommandSchema>;
