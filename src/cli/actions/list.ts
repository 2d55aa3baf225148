/** What `dockwright list` does (the command and its options: ../list.ts). */
import type { Command } from 'commander';
import * as z from 'zod';
import { parentIds, type ImageModel } from '../../model/resolved.js';
import type { Settings } from '../../model/settings.js';
import { imageTags } from '../../plan/tags.js';
import { loadProject } from '../../project.js';
import type { CliContext } from '../context.js';
import { formatTable } from '../../runner/progress/format-table.js';
import { projectRequest } from '../project-request.js';

const ListOptions = z.object({ json: z.boolean().default(false) });

/** One image as `list --json` prints it (key order is part of the output). */
export interface ImageListing {
  readonly id: string;
  readonly name: string;
  readonly variant: Readonly<Record<string, string>> | null;
  readonly groups: readonly string[];
  readonly push: boolean;
  readonly tags: readonly string[];
  readonly parents: readonly string[];
  readonly file: string;
  readonly dir: string;
}

export const listing = (image: ImageModel, settings: Settings): ImageListing => ({
  id: image.id,
  name: image.name,
  variant: image.variant ?? null,
  groups: image.groups,
  push: image.push,
  tags: imageTags(image, settings),
  parents: parentIds(image),
  file: image.file,
  dir: image.dir,
});

const cell = (values: readonly string[]): string => (values.length ? values.join(', ') : '-');

export function formatListing(rows: readonly ImageListing[]): string {
  if (rows.length === 0) return 'no images\n';
  return formatTable(
    ['ID', 'VARIANT', 'GROUPS', 'PUSH', 'TAGS', 'PARENTS', 'FILE'],
    rows.map((r) => [
      r.id,
      r.variant
        ? Object.entries(r.variant)
            .map(([k, v]) => `${k}=${v}`)
            .join(',')
        : '-',
      cell(r.groups),
      r.push ? 'yes' : 'no',
      cell(r.tags),
      cell(r.parents),
      r.file,
    ]),
  );
}

export async function listAction(ctx: CliContext, rawOptions: unknown, command: Command): Promise<void> {
  const options = ListOptions.parse(rawOptions);
  const { images, settings } = await loadProject(projectRequest(ctx, command));
  const rows = images.map((image) => listing(image, settings));
  ctx.stdout.write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : formatListing(rows));
}
