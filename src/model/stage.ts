import * as z from 'zod';
import { NameSchema } from './common.js';
import { InstructionSchema, type InstructionInput } from './instruction.js';
import { ImageRefSchema, StageRefSchema } from './refs.js';
import type { ImageDef } from './image.js';

/**
 * What a stage is built FROM: an external image reference (may use image-level ARGs, e.g.
 * `python:${PYTHON_VERSION}-slim`), `scratch`, another image dockwright builds, or an earlier stage.
 */
export const FromSchema = z.union([z.string().min(1), ImageRefSchema, StageRefSchema]);

/** A stage as authors make it with `stage()`. */
export interface StageDef {
  readonly kind: 'stage';
  readonly name: string;
  readonly from: string | ImageDef | StageDef;
  readonly platform?: string | undefined;
  readonly steps: readonly InstructionInput[];
}

export const StageSchema = z
  .object({
    kind: z.literal('stage'),
    name: NameSchema,
    from: FromSchema,
    platform: z.string().min(1).optional(),
    steps: z.array(InstructionSchema).default([]),
  })
  .strict();

export type Stage = z.output<typeof StageSchema>;
