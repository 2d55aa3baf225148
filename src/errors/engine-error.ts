import { DockwrightError } from './dockwright-error.js';

/** The plan asks for what the engine cannot do (several platforms or a registry cache on a classic image store): says what to change. */
export class EngineUnfitError extends DockwrightError {
  readonly code = 'DW_ENGINE_UNFIT';
  readonly exitCode = 2 as const;
}

/** No Docker engine answers where docker was told to look (checked before a command that needs one does any work). */
export class EngineUnreachableError extends DockwrightError {
  readonly code = 'DW_NO_ENGINE';
  readonly exitCode = 1 as const;
  constructor(
    /** Where docker looked: `DOCKER_HOST=…`, `docker context "…" (…)`. */
    readonly target: string,
    /** docker's own words (its last line of error output). */
    readonly reason: string,
  ) {
    super(
      `no Docker engine answers at ${target}${reason ? `: ${reason}` : ''}\n` +
        '  start the engine, or point dockwright at one: DOCKER_HOST, DOCKER_CONTEXT or --context NAME (`docker context ls` lists the contexts)',
    );
  }
}

/** `push` (or `build --push`) of references with no registry: docker would send them to Docker Hub. */
export class NoRegistryError extends DockwrightError {
  readonly code = 'DW_NO_REGISTRY';
  readonly exitCode = 2 as const;
  constructor(readonly refs: readonly string[]) {
    const shown = refs.slice(0, 3).join(', ') + (refs.length > 3 ? `, … (${refs.length} in all)` : '');
    super(
      `no registry to push to: ${shown} ${refs.length === 1 ? 'names no registry, and docker would push it' : 'name no registry, and docker would push them'} to Docker Hub\n` +
        "  set one: `registry: '127.0.0.1:5000'` in dockwright.config.ts, DOCKWRIGHT_REGISTRY=127.0.0.1:5000, or --registry 127.0.0.1:5000",
    );
  }
}
