/** Where a node or value came from in the image model (`['stages', 1, 'steps', 3, 'dest']`). */
export type ModelPath = readonly (string | number)[];

/** What every IR node carries so a problem with one of its values can name the model field. */
export interface Located {
  readonly modelPath: ModelPath;
  /**
   * Model path of an IR field when it is not `[...modelPath, field]`: image-level settings
   * (`env` → `['env']`), renamed fields (workdir `dir` → `path`).
   */
  readonly fieldPaths?: Readonly<Record<string, ModelPath>> | undefined;
}

/** The model path of `node[field]…rest`. */
export const fieldPath = (node: Located, field: string, ...rest: (string | number)[]): ModelPath => [
  ...(node.fieldPaths?.[field] ?? [...node.modelPath, field]),
  ...rest,
];
