/**
 * Every stable error code dockwright raises, in one union: the `code` of each `DockwrightError`
 * (wherever its class lives) and of `QuoteError`. Callers and tests match on these; adding an
 * error class means adding its code here.
 */

/** Why a user string could not be placed in a Dockerfile (`QuoteError`, src/render/quote). */
export type QuoteErrorCode =
  /** U+0000: cannot reach a process argument, an environment variable or a path. */
  | 'DW_QUOTE_NUL'
  /** A lone UTF-16 surrogate: cannot be written as UTF-8, the file would silently hold U+FFFD instead. */
  | 'DW_QUOTE_ENCODING'
  /** A line break where the Dockerfile needs a single line. */
  | 'DW_QUOTE_NEWLINE'
  /** Empty (or blank) where a value is required. */
  | 'DW_QUOTE_EMPTY'
  /** Ends with the escape character, which would continue the instruction on the next line. */
  | 'DW_QUOTE_TRAILING_ESCAPE'
  /** A shell command starting with `--`: BuildKit would read it as an instruction flag (`--network=host`…). */
  | 'DW_QUOTE_FLAG_LIKE'
  /** A shell command that is a JSON array: Docker would run it in exec form, not through the shell. */
  | 'DW_QUOTE_JSON_LIKE'
  /** A shell command containing a heredoc operator (`<<EOF`): the next lines of the Dockerfile would become its body. */
  | 'DW_QUOTE_HEREDOC'
  /** A command joined with `&&` that ends in a shell comment, which would swallow the commands after it. */
  | 'DW_QUOTE_SHELL_COMMENT'
  /** A command joined with `&&` that leaves a quote open, which would run into the commands after it. */
  | 'DW_QUOTE_SHELL_QUOTE'
  /** A key, variable, flag or mount option name outside its grammar. */
  | 'DW_QUOTE_BAD_NAME'
  /** A `${…}` reference the expander does not support, in a value marked `expand: true`. */
  | 'DW_QUOTE_BAD_VARIABLE'
  /** A character outside the portable set of a bare token (image reference, flag or mount option value). */
  | 'DW_QUOTE_UNSAFE_CHAR'
  /** A carriage return in a heredoc script: BuildKit reads the Dockerfile line by line and drops it. */
  | 'DW_QUOTE_CARRIAGE_RETURN'
  /** A `.dockerignore` pattern starting with `#`, which docker reads as a comment. */
  | 'DW_QUOTE_COMMENT_LIKE';

/** The code of every `DockwrightError`, then every `QuoteError` code. */
export type ErrorCode =
  /** definition-error.ts: every problem in the definitions (exit 2). */
  | 'DW_INVALID_DEFINITION'
  /** definition-error.ts: a definition file that does not load (exit 2). */
  | 'DW_LOAD_FAILED'
  /** definition-error.ts: bad settings (exit 2). */
  | 'DW_INVALID_CONFIG'
  /** definition-error.ts: a CLI argument that names nothing or makes no sense (exit 2). */
  | 'DW_USAGE'
  /** project-error.ts: no project from the working directory up (exit 2). */
  | 'DW_NO_PROJECT'
  /** engine-error.ts: a plan the engine cannot build (several platforms, a registry cache on the classic image store; exit 2). */
  | 'DW_ENGINE_UNFIT'
  /** process-error.ts: a subprocess that failed (exit 1). */
  | 'DW_PROCESS_FAILED'
  /** process-error.ts: generated files differ from the definitions, `gen --check` (exit 1). */
  | 'DW_DRIFT'
  /** src/import/import-error.ts: a Dockerfile that cannot be imported (exit 2). */
  | 'DW_IMPORT_FAILED'
  /** src/check/check-failed.ts: `dockwright check` found errors (exit 2). */
  | 'DW_CHECK_FAILED'
  /** src/runner/build-error.ts: a failed build (1), an interrupted one or a stopped watch (130), parents neither selected nor present (2). */
  | 'DW_BUILD_FAILED'
  | 'DW_INTERRUPTED'
  | 'DW_MISSING_IMAGES'
  /** src/runner/ship-error.ts: a failed push, bundle or image test (exit 1). */
  | 'DW_PUSH_FAILED'
  | 'DW_BUNDLE_FAILED'
  | 'DW_TEST_FAILED'
  /** src/runner/ship-error.ts: a release or promotion that did not move every tag (exit 1; interrupted before the final step: DW_INTERRUPTED, 130). */
  | 'DW_RELEASE_FAILED'
  /** src/runner/inputs/input-error.ts: a prerequisite, fetch or copy-list input that failed (exit 1). */
  | 'DW_INPUT_FAILED'
  /** engine-error.ts: no Docker engine answers (exit 1). */
  | 'DW_NO_ENGINE'
  /** engine-error.ts: a push with no registry in the references (exit 2). */
  | 'DW_NO_REGISTRY'
  | QuoteErrorCode;
