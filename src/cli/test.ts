/**
 * `dockwright test [names...] [--registry-roundtrip [registry]]`: runs each selected image as its
 * definition's `test` spec says (starts, turns healthy, smoke commands, HTTP probe) and reports
 * per image; exit 1 when any failed. Every container it starts (`dw-test-…`) is removed.
 * With `--registry-roundtrip`, each image is first pushed to the registry (the one given, else
 * the `registry` setting), removed locally and pulled back; the checks run on the pulled image.
 */
import { Command } from 'commander';
import { z } from 'zod';
import { UsageError } from '../errors/definition-error.js';
import { imageTags } from '../plan/tags.js';
import { loadProject } from '../project.js';
import { createDockerExec, type DockerExec } from '../runner/docker-exec.js';
import { VerifyFailedError } from '../runner/ship-error.js';
import { verifyImages, type VerifyItem, type VerifyResult } from '../runner/verify/index.js';
import type { CliContext } from './context.js';
import { formatTable } from './format-table.js';
import { projectRequest } from './global-options.js';
import { SelectionOptions, addEngineOptions, dockerTarget, selectedImages } from './ship-options.js';

const TestOptions = SelectionOptions.extend({
  registryRoundtrip: z.union([z.string().min(1), z.literal(true)]).optional(),
});

const collectList = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').filter(Boolean)];

export function formatVerifyReport(results: readonly VerifyResult[]): string {
  const rows = results.map((r) => {
    const failed = r.checks.filter((c) => !c.ok);
    const detail = r.status === 'skipped' ? r.reason ?? '' : failed.length > 0 ? failed.map((c) => `${c.name}: ${c.detail}`).join('; ') : r.checks.map((c) => c.name).join(', ');
    return [r.id, r.status === 'failed' ? 'FAILED' : r.status, r.ref, detail];
  });
  return formatTable(['IMAGE', 'RESULT', 'REFERENCE', 'CHECKS'], rows);
}

export const testCommand = (ctx: CliContext, docker: DockerExec = createDockerExec()): Command =>
  addEngineOptions(
    new Command('test')
      .description('run the images named (all by default) and check them as their definitions\' `test` says')
      .argument('[names...]', 'image ids, names (all their variants) or globs')
      .option('--only <names>', 'keep only the named images of the selection (repeatable, comma-separated)', collectList)
      .option('--skip <names>', 'leave these images out (repeatable, comma-separated)', collectList)
      .option('--group <group>', 'select the images of a group (repeatable, comma-separated)', collectList)
      .option('--registry-roundtrip [registry]', 'push each image to the registry (default: the registry setting), remove it locally, pull it back, then test it'),
  ).action(async (names: string[], rawOptions: unknown, command: Command) => {
    const o = TestOptions.parse(rawOptions);
    const { settings, images } = await loadProject(projectRequest(ctx, command));
    const registry = o.registryRoundtrip === true ? settings.registry : o.registryRoundtrip;
    if (o.registryRoundtrip !== undefined && registry === undefined) {
      throw new UsageError('--registry-roundtrip needs a registry: give one (--registry-roundtrip 127.0.0.1:5000) or set `registry`');
    }
    const items: VerifyItem[] = selectedImages(images, names, { ...o, deps: false }).map((image) => ({
      id: image.id,
      dir: image.dir,
      tags: imageTags(image, settings),
      test: image.test,
      ...(registry !== undefined ? { remoteTags: imageTags(image, { ...settings, registry }) } : {}),
    }));
    const results = await verifyImages(items, {
      ...dockerTarget(ctx, docker, o),
      log: (line) => ctx.stderr.write(`${line}\n`),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    ctx.stdout.write(formatVerifyReport(results));
    const failed = results.filter((r) => r.status === 'failed').map((r) => r.id);
    if (failed.length > 0) throw new VerifyFailedError(failed);
  });
