/**
 * One `RUN --mount=…`: its type and its options in output order, values raw (booleans as
 * `'true'`/`'false'`); sources (`from=`) are already Dockerfile names (stage, alias, context).
 */
export interface MountSpec {
  readonly type: 'cache' | 'bind' | 'secret' | 'ssh' | 'tmpfs';
  readonly options: readonly MountOption[];
}

export interface MountOption {
  readonly key: string;
  readonly value: string;
  /** Field of the model mount the value came from (`target`, `from`…). */
  readonly field: string;
}
