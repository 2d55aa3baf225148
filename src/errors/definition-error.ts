import { DockwrightError } from './dockwright-error.js';

/** One problem in one definition, located as precisely as possible. */
export interface Problem {
  /** Definition file, relative to the project root. */
  readonly file: string;
  /** Image id (`name` or `name:variant`), when the problem belongs to one image. */
  readonly image?: string | undefined;
  /** Field path inside the image (`stages[1].steps[3].dest`). */
  readonly path?: readonly (string | number)[] | undefined;
  readonly message: string;
  /** Short rendering of the value given, when useful. */
  readonly given?: string | undefined;
  readonly expected?: string | undefined;
}

export const formatPath = (path: readonly (string | number)[] = []): string =>
  path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');

/** `file › image › path: message (given …, expected …)` — one line per problem. */
export const formatProblem = (p: Problem): string => {
  const where = [p.file, p.image, formatPath(p.path) || undefined].filter(Boolean).join(' › ');
  const detail = [p.given !== undefined ? `given ${p.given}` : '', p.expected ? `expected ${p.expected}` : ''].filter(Boolean).join(', ');
  return `${where}: ${p.message}${detail ? ` (${detail})` : ''}`;
};

/** Every problem found in every definition, reported at once. Exit code 2; nothing is written. */
export class DefinitionError extends DockwrightError {
  readonly code = 'DW_INVALID_DEFINITION';
  readonly exitCode = 2 as const;
  constructor(readonly problems: readonly Problem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the definitions:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
  }
}

/** A definition file that does not load (syntax error, throws, bad import). */
export class LoadError extends DockwrightError {
  readonly code = 'DW_LOAD_FAILED';
  readonly exitCode = 2 as const;
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`${file}: could not load the definition: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`, { cause });
  }
}

/** Bad settings (config file, environment, .env, flags). */
export class ConfigError extends DockwrightError {
  readonly code = 'DW_INVALID_CONFIG';
  readonly exitCode = 2 as const;
}

/** A CLI argument that names nothing or makes no sense. */
export class UsageError extends DockwrightError {
  readonly code = 'DW_USAGE';
  readonly exitCode = 2 as const;
}
