import { DockwrightError } from './dockwright-error.js';

/** The plan asks for what the engine cannot do (several platforms or a registry cache on a classic image store): says what to change. */
export class EngineUnfitError extends DockwrightError {
  readonly code = 'DW_ENGINE_UNFIT';
  readonly exitCode = 2 as const;
}
