/** How `dockwright test` verifies an image by running it. */
import * as z from 'zod';
import { DurationSchema } from './common.js';

export const SmokeSchema = z
  .object({
    /** Run with `docker run --rm IMAGE …argv` (the image's entrypoint applies unless `entrypoint` is set). */
    argv: z.array(z.string()).min(1),
    entrypoint: z.string().optional(),
    /** A substring (or /regex/ source) the output must contain. */
    expect: z.string().optional(),
  })
  .strict();

export const TestSpecSchema = z
  .object({
    /** Arguments for the long-running container (after the image). */
    args: z.array(z.string()).default([]),
    env: z.record(z.string(), z.string()).default({}),
    /** Wait for HEALTHCHECK `healthy` (default when the image has a healthcheck). */
    healthy: z.boolean().optional(),
    timeout: DurationSchema.default('60s'),
    smoke: z.array(SmokeSchema).default([]),
    http: z
      .object({
        port: z.number().int().min(1).max(65535),
        path: z.string().default('/'),
        status: z.number().int().default(200),
        expect: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type TestSpec = z.output<typeof TestSpecSchema>;
