/** What `dockwright gen` does (the command and its options: ../gen.ts). */
import path from 'node:path';
import { writeGenSnapshot } from '../../io/gen-snapshot.js';
import { phaseDone } from '../../timing.js';
import type { Command } from 'commander';
import * as z from 'zod';
import { DriftError } from '../../errors/process-error.js';
import { UsageError } from '../../errors/definition-error.js';
import { driftOf } from '../../io/write-generated.js';
import type { ImageModel } from '../../model/resolved.js';
import { BAKE_FILE, bakeFile, renderBakeFile } from '../../plan/bake-file.js';
import { matchImages } from '../../plan/select.js';
import { unknownImageMessage } from '../../plan/unknown-name.js';
import { loadProject, type Project } from '../../project.js';
import type { CliContext } from '../context.js';
import { writeWarnings } from '../format-warnings.js';
import { generate, outputFolder, planGenerated, writeGenerated } from '../../generate.js';
import { projectRequest } from '../project-request.js';

const GenOptions = z.object({
  check: z.boolean().default(false),
  stdout: z.string().min(1).optional(),
  strict: z.boolean().default(false),
  bake: z.boolean().default(false),
});

/** The images `names` select (ids, names, globs), in project order; every image when none is given. */
export function selectForGen(images: readonly ImageModel[], names: readonly string[]): ImageModel[] {
  if (names.length === 0) return [...images];
  const wanted = new Set<string>();
  for (const name of names) {
    const ids = matchImages(images, name);
    if (ids.length === 0) throw new UsageError(unknownImageMessage(images, name));
    ids.forEach((id) => wanted.add(id));
  }
  return images.filter((i) => wanted.has(i.id));
}

/** The context with what the command prints on stderr also kept (warnings: the gen snapshot replays them). */
function recording(ctx: CliContext): { ctx: CliContext; stderr: () => string } {
  let stderr = '';
  const io: CliContext = { ...ctx, stderr: { ...ctx.stderr, write: (t) => ((stderr += t), ctx.stderr.write(t)) } };
  return { ctx: io, stderr: () => stderr };
}

export async function genAction(shown: CliContext, names: string[], rawOptions: unknown, command: Command): Promise<void> {
  const { ctx, stderr } = recording(shown);
  const { project, again } = await gen(ctx, names, rawOptions, command);
  // the same command line replays this output while nothing it came from changes (io/gen-snapshot.ts)
  const argv = (command.parent as unknown as { rawArgs?: readonly string[] } | null)?.rawArgs ?? [];
  const contextIgnores = project.images.map((i) => path.join(path.resolve(project.root, i.context), '.dockerignore'));
  await writeGenSnapshot(
    { argv, cwd: ctx.cwd, env: ctx.env },
    project.root,
    project.settings,
    { stdout: again, stderr: stderr() },
    contextIgnores,
  );
}

/** Runs `gen`; returns the project and what the same command prints on stdout when run again with nothing changed. */
async function gen(ctx: CliContext, names: string[], rawOptions: unknown, command: Command): Promise<{ project: Project; again: string }> {
  const options = GenOptions.parse(rawOptions);
  if (options.stdout !== undefined && (options.check || names.length > 0)) {
    throw new UsageError('--stdout prints one image: give no other names and no --check');
  }
  const project = await loadProject(
    projectRequest(ctx, command, { ...(options.strict ? { strict: true } : {}), ...(options.bake ? { bake: true } : {}) }),
  );
  const selected = selectForGen(project.images, options.stdout !== undefined ? [options.stdout] : names);
  if (options.stdout !== undefined && selected.length !== 1) {
    throw new UsageError(
      `--stdout ${options.stdout} matches ${selected.length} images (${selected.map((i) => i.id).join(', ')}); give one id`,
    );
  }
  const rendered = await generate(project, selected);
  phaseDone('render and lint');
  // the bake file describes the whole project, whichever images were named
  const generated = project.settings.bake
    ? {
        ...rendered,
        files: [
          ...rendered.files,
          { path: BAKE_FILE, content: renderBakeFile(bakeFile(project.images, project.settings, { root: project.root })) },
        ],
      }
    : rendered;
  writeWarnings(ctx.stderr, generated.warnings);
  if (options.stdout !== undefined) {
    const text = generated.dockerfiles.get(selected[0]?.id ?? '') ?? '';
    ctx.stdout.write(text);
    return { project, again: text };
  }
  const plan = await planGenerated(project, generated, names.length > 0 ? selected : undefined);
  if (options.check) {
    const { shown } = outputFolder(project);
    const drift = driftOf(plan);
    if (drift.length > 0) throw new DriftError(drift.map((d) => `${shown}/${d}`));
    const text = `${shown}/ is up to date (${plan.unchanged.length} files)\n`;
    ctx.stdout.write(text);
    return { project, again: text };
  }
  ctx.stdout.write(`${await writeGenerated(project, plan)}\n`);
  phaseDone('write generated files');
  // run again, every file it wrote is unchanged and nothing is left to remove
  const files = plan.create.length + plan.update.length + plan.unchanged.length;
  return { project, again: `${outputFolder(project).shown}/: 0 written, ${files} unchanged, 0 removed\n` };
}
