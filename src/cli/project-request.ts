/**
 * The global options (global-options.ts) parsed with zod in one place and turned into the request
 * `loadProject` takes. Paths given on the command line are relative to the working directory
 * (after `-C`).
 */
import path from 'node:path';
import type { Command } from 'commander';
import * as z from 'zod';
import type { SettingFlags } from '../io/settings/setting-overrides.js';
import type { ProjectRequest } from '../project.js';
import type { CliContext } from './context.js';

const GlobalOptionsSchema = z.object({
  cwd: z.string().optional(),
  registry: z.string().optional(),
  namespace: z.string().optional(),
  tag: z.string().optional(),
  baseTag: z.string().optional(),
  imageVersion: z.string().optional(),
  gitRef: z.string().optional(),
  definitions: z.string().optional(),
  output: z.string().optional(),
  templates: z.string().optional(),
});

/** The request for `loadProject` from the global options of `command`, plus command-specific settings. */
export function projectRequest(ctx: CliContext, command: Command, extra: SettingFlags = {}): ProjectRequest {
  const o = GlobalOptionsSchema.parse(command.optsWithGlobals());
  const cwd = path.resolve(ctx.cwd, o.cwd ?? '.');
  const abs = (p: string | undefined): string | undefined => (p === undefined ? undefined : path.resolve(cwd, p));
  const given: SettingFlags = {
    registry: o.registry,
    namespace: o.namespace,
    tag: o.tag,
    baseTag: o.baseTag,
    version: o.imageVersion,
    gitRef: o.gitRef,
    definitionsDir: abs(o.definitions),
    outputDir: abs(o.output),
    templatesDir: abs(o.templates),
    ...extra,
  };
  const flags = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as SettingFlags;
  return { cwd, env: ctx.env, flags };
}
