/**
 * User modules that esbuild could not bundle (src/io/module-bundle.ts): a syntax error, an import
 * that resolves to nothing. Never shown as such: the loader turns it into a `LoadError` (a
 * definition) or a `ConfigError` (the config), whose message names the file, line and column.
 */

/** One message of esbuild, located in a user file. */
export interface BundleMessage {
  readonly text: string;
  /** Absolute path of the file the message is about, when esbuild names one. */
  readonly file?: string | undefined;
  /** 1-based line and column. */
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

export class BundleError extends Error {
  constructor(readonly messages: readonly BundleMessage[]) {
    super(messages[0]?.text ?? 'the module could not be bundled');
    this.name = 'BundleError';
  }
}
