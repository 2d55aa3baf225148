import { DockwrightError } from './dockwright-error.js';

/** No project from the working directory up: no config file, no package.json that depends on dockwright. */
export class ProjectNotFoundError extends DockwrightError {
  readonly code = 'DW_NO_PROJECT';
  readonly exitCode = 2 as const;
  constructor(readonly start: string) {
    super(
      `no dockwright project in ${start} or any folder above it: looked for dockwright.config.ts (.mts, .js, .mjs), ` +
        `then a package.json with dockwright in its dependencies, then a definitions/ folder here. ` +
        'Run `npx dockwright init` to start one, or `-C <dir>` to point at one.',
    );
  }
}
