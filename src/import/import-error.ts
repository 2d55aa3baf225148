import { DockwrightError } from '../errors/dockwright-error.js';

/** A Dockerfile (or an `image.yaml`) the importer cannot read at all: no FROM, a FROM without an image. */
export class ImportError extends DockwrightError {
  readonly code = 'DW_IMPORT_FAILED';
  readonly exitCode = 2 as const;
}
