import type { ArgNode } from './arg-node.js';
import type { FromNode } from './from-node.js';
import type { InstructionNode } from './ir-node.js';

/** Parser directives: the first lines of the file. */
export interface Directives {
  readonly syntax?: string | undefined;
  readonly escape: '\\' | '`';
}

export interface IrStage {
  /** `alias`: a stage dockwright adds so COPY --from / mount from= can name an image. */
  readonly origin: 'model' | 'alias';
  readonly from: FromNode;
  readonly instructions: readonly InstructionNode[];
}

/** A whole Dockerfile: values are raw (unquoted); the view quotes them. */
export interface DockerfileIr {
  readonly directives: Directives;
  readonly header: { readonly file: string; readonly imageId: string };
  /** ARGs before the first FROM. */
  readonly globalArgs: readonly ArgNode[];
  readonly stages: readonly IrStage[];
}
