/** Project settings: `dockwright.config.ts`, `.env`, `DOCKWRIGHT_*` and CLI flags, merged in that order. */
import * as z from 'zod';

export const SeveritySchema = z.enum(['off', 'warning', 'error']);
export type Severity = z.infer<typeof SeveritySchema>;

/**
 * One engine or builder a spread build may use (`engines` setting): reached through a docker
 * context, an engine address (DOCKER_HOST) or a buildx builder (alone, or on a context or host).
 */
export const EngineSpecSchema = z
  .object({
    /** What images name in `engine:`; letters, digits, `_`, `.` and `-`. */
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, "_", "." and "-"'),
    /** docker's `--context NAME`. */
    context: z.string().min(1).optional(),
    /** The engine's address, as DOCKER_HOST takes it (`unix:///…`, `tcp://…`, `ssh://…`). */
    host: z.string().min(1).optional(),
    /** `docker buildx --builder NAME`. */
    builder: z.string().min(1).optional(),
    /** The platforms it builds; the placement rule puts an image on an engine that lists all of the image's. */
    platforms: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .refine((e) => e.context === undefined || e.host === undefined, { message: 'give context or host, not both' })
  .refine((e) => e.context !== undefined || e.host !== undefined || e.builder !== undefined, {
    message: 'give a context, a host or a builder',
  });
export type EngineSpec = z.output<typeof EngineSpecSchema>;

export const SettingsSchema = z
  .object({
    /** `registry/` part of every tag (`127.0.0.1:5000`); none by default. */
    registry: z.string().min(1).optional(),
    /** `namespace/` part of every tag (`federatedai`). */
    namespace: z.string().min(1).optional(),
    /** Tag of module images. Derived from `gitRef` when that is set and `tag` is not. */
    tag: z.string().min(1).optional(),
    /** Tag of base images (`tagSet: 'base'`); defaults to the module tag. */
    baseTag: z.string().min(1).optional(),
    /** Version for images that do not set their own. */
    version: z.string().min(1).optional(),
    /** A git ref (`main`, `v1.2.0`, `refs/tags/v1.2.0`) to derive the tag from. */
    gitRef: z.string().min(1).optional(),
    definitionsDir: z.string().min(1).default('definitions'),
    outputDir: z.string().min(1).default('generated'),
    /** A folder of handlebars templates that replaces the built-in ones, file by file. */
    templatesDir: z.string().min(1).optional(),
    /** Also write `generated/docker-bake.json`. */
    bake: z.boolean().default(false),
    lint: z
      .object({
        strict: z.boolean().default(false),
        rules: z.record(z.string(), SeveritySchema).default({}),
      })
      .strict()
      .default({ strict: false, rules: {} }),
    /** Most builds (pushes, image tests) at once. */
    parallel: z.number().int().positive().optional(),
    /**
     * The registry cache: when set, every image's build imports its cache from and exports it to
     * `<registry>/<namespace>/<name>:<registryCache>` (`-<variant>` added for a variant), every step
     * (`mode=max`); a failed export is a warning. One value for every CI machine: they share it.
     */
    registryCache: z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,100}$/, 'a docker tag (letters, digits, "_", "." and "-", at most 101)')
      .optional(),
    /** A BuildKit provenance attestation for every image that does not set its own (`min` or `max`). */
    provenance: z.enum(['min', 'max']).optional(),
    /** An SBOM attestation for every image that does not set its own: `true` or the scanner image. */
    sbom: z.union([z.boolean(), z.string().min(1)]).optional(),
    /**
     * The engines or builders one `dockwright build` spreads its images over (docs/platforms.md,
     * "Several machines"): each image builds on the one its `engine:` names, else on one the
     * placement rule picks (plan/engine-placement.ts). Names are unique.
     */
    engines: z
      .array(EngineSpecSchema)
      .default([])
      .refine((list) => new Set(list.map((e) => e.name)).size === list.length, { message: 'engine names must be unique' }),
    logsDir: z.string().min(1).default('build-logs'),
    cacheDir: z.string().min(1).default('.dockwright/cache'),
  })
  .strict();

export type Settings = z.output<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;
