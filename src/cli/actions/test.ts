/** What `dockwright test` does (the command and its options: ../test.ts). */
import type { Command } from 'commander';
import * as z from 'zod';
import { UsageError } from '../../errors/definition-error.js';
import { imageTags } from '../../plan/tags.js';
import { loadProject } from '../../project.js';
import { type DockerExec } from '../../engine/docker-exec.js';
import { ImageTestFailedError } from '../../runner/ship-error.js';
import { testImages, type ImageTestItem, type ImageTestResult } from '../../runner/image-test/index.js';
import type { CliContext } from '../context.js';
import { formatTable } from '../../runner/progress/format-table.js';
import { parallelOf } from '../parallel.js';
import { projectRequest } from '../project-request.js';
import { SelectionOptions, reachEngine, selectedImages } from '../ship-selection.js';

const TestOptions = SelectionOptions.extend({
  registryRoundtrip: z.union([z.string().min(1), z.literal(true)]).optional(),
  parallel: z.coerce.number().int().positive().optional(),
});

export function formatTestReport(results: readonly ImageTestResult[]): string {
  const rows = results.map((r) => {
    const failed = r.checks.filter((c) => !c.ok);
    const detail =
      r.status === 'skipped'
        ? (r.reason ?? '')
        : failed.length > 0
          ? failed.map((c) => `${c.name}: ${c.detail}`).join('; ')
          : r.checks.map((c) => c.name).join(', ');
    return [r.id, r.status === 'failed' ? 'FAILED' : r.status, r.ref, detail];
  });
  return formatTable(['IMAGE', 'RESULT', 'REFERENCE', 'CHECKS'], rows);
}

/** `docker`: the seam tests fill with a fake; the runner's own when undefined. */
export async function testAction(
  ctx: CliContext,
  docker: DockerExec | undefined,
  names: string[],
  rawOptions: unknown,
  command: Command,
): Promise<void> {
  const o = TestOptions.parse(rawOptions);
  const { settings, images } = await loadProject(projectRequest(ctx, command));
  const registry = o.registryRoundtrip === true ? settings.registry : o.registryRoundtrip;
  if (o.registryRoundtrip !== undefined && registry === undefined) {
    throw new UsageError('--registry-roundtrip needs a registry: give one (--registry-roundtrip 127.0.0.1:5000) or set `registry`');
  }
  const items: ImageTestItem[] = selectedImages(images, names, { ...o, deps: false }).map((image) => ({
    id: image.id,
    dir: image.dir,
    tags: imageTags(image, settings),
    test: image.test,
    ...(registry !== undefined ? { remoteTags: imageTags(image, { ...settings, registry }) } : {}),
  }));
  const results = await testImages(
    items,
    {
      ...(await reachEngine(ctx, docker, o)),
      log: (line) => ctx.stderr.write(`${line}\n`),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    },
    { parallel: parallelOf(o.parallel, settings) },
  );
  ctx.stdout.write(formatTestReport(results));
  const failed = results.filter((r) => r.status === 'failed').map((r) => r.id);
  if (failed.length > 0) throw new ImageTestFailedError(failed);
}
