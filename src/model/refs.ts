/**
 * References between definitions are values, not strings: a stage refers to the stage object it
 * copies from, an image to the image object it is built on. These are the branded shapes the
 * schemas recognise; the objects themselves are made by `stage()` and `image()` in src/api.
 */
import * as z from 'zod';
import type { ImageDef } from './image.js';
import type { StageDef } from './stage.js';

export const isStageDef = (v: unknown): v is StageDef => typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'stage';

export const isImageDef = (v: unknown): v is ImageDef => typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'image';

export const StageRefSchema = z.custom<StageDef>(isStageDef, 'a stage made with stage()');
export const ImageRefSchema = z.custom<ImageDef>(isImageDef, 'an image made with image() or variants().pick()');

/** A named build context given to the builder (`--build-context NAME=…`). */
export const ContextRefSchema = z.object({ context: z.string().min(1) }).strict();
/** An image that dockwright does not build, by reference (`busybox:stable`). */
export const ExternalImageRefSchema = z.object({ image: z.string().min(1) }).strict();

/** What `COPY --from` and `RUN --mount from=` accept. */
export const SourceRefSchema = z.union([StageRefSchema, ImageRefSchema, ContextRefSchema, ExternalImageRefSchema]);
export type SourceRef = z.infer<typeof SourceRefSchema>;
