/**
 * What an image needs prepared before docker sees it (FIT's release zip, PAI's copy-list and
 * prerequisite binary). Paths are relative to the project root.
 */
import * as z from 'zod';

/** A file downloaded once into the cache, verified by its checksum, then placed in the context. */
export const FetchSchema = z
  .object({
    url: z.string().url(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits'),
    /** Path inside the build context where the file is placed. */
    dest: z.string().min(1),
  })
  .strict();

/** A file or folder copied into the assembled build context (`image.yaml` copy-lists). */
export const CopyListEntrySchema = z.object({ src: z.string().min(1), dest: z.string().min(1) }).strict();

/** A command that produces an artifact; skipped when its inputs did not change. */
export const PrerequisiteSchema = z
  .object({
    name: z.string().min(1),
    command: z.array(z.string()).min(1),
    /** Globs of the files whose content decides whether the command must run again. */
    inputs: z.array(z.string().min(1)).min(1),
    /** Files the command produces (relative to the project root). */
    outputs: z.array(z.string().min(1)).min(1),
    cwd: z.string().optional(),
  })
  .strict();

export const BuildInputsSchema = z
  .object({
    fetch: z.array(FetchSchema).default([]),
    copyList: z.array(CopyListEntrySchema).default([]),
    prerequisites: z.array(PrerequisiteSchema).default([]),
  })
  .strict();

export type BuildInputs = z.output<typeof BuildInputsSchema>;
