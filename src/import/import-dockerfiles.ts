/** `dockwright import` as a function: read the Dockerfiles, import them, write the definitions. */
import type { ImportWarning } from './definition-model.js';
import { importSources } from './import-sources.js';
import { readSources, type SourceRequest } from './read-sources.js';
import { writeDefinitions } from './write-definitions.js';

export interface ImportRequest extends SourceRequest {
  /** Folder the definition files are written to (relative to `cwd`). */
  readonly out: string;
  /** `--arg KEY=VALUE` defaults. */
  readonly args?: Readonly<Record<string, string>>;
  /** `--build-context NAME=DIR`: named contexts (DIR relative to the project root). */
  readonly buildContexts?: Readonly<Record<string, string>>;
  readonly force?: boolean;
}

export interface ImportReport {
  /** Definition files written, relative to `cwd`. */
  readonly written: readonly string[];
  readonly warnings: readonly ImportWarning[];
}

export async function importDockerfiles(req: ImportRequest): Promise<ImportReport> {
  const { sources, warnings: readWarnings } = await readSources(req);
  const { definitions, warnings } = await importSources(sources, req.args ?? {}, req.buildContexts ?? {});
  const written = await writeDefinitions(req.cwd, req.out, definitions, req.force ?? false);
  return { written, warnings: [...readWarnings, ...warnings] };
}
