/**
 * The union of IR nodes and the exhaustive dispatch table: a walker is an `IrVisitor`, an object
 * with one function per kind, so adding a kind fails to compile until every walker handles it.
 */
import type { AddNode } from './add-node.js';
import type { ArgNode } from './arg-node.js';
import type { CmdNode } from './cmd-node.js';
import type { CommentNode } from './comment-node.js';
import type { CopyNode } from './copy-node.js';
import type { EntrypointNode } from './entrypoint-node.js';
import type { EnvNode } from './env-node.js';
import type { ExposeNode } from './expose-node.js';
import type { FromNode } from './from-node.js';
import type { HealthcheckNode } from './healthcheck-node.js';
import type { LabelNode } from './label-node.js';
import type { OnbuildNode } from './onbuild-node.js';
import type { RawNode } from './raw-node.js';
import type { RunNode } from './run-node.js';
import type { ShellNode } from './shell-node.js';
import type { StopsignalNode } from './stopsignal-node.js';
import type { UserNode } from './user-node.js';
import type { VolumeNode } from './volume-node.js';
import type { WorkdirNode } from './workdir-node.js';

export type IrNode =
  | FromNode
  | ArgNode
  | RunNode
  | CopyNode
  | AddNode
  | EnvNode
  | WorkdirNode
  | UserNode
  | ExposeNode
  | VolumeNode
  | LabelNode
  | EntrypointNode
  | CmdNode
  | HealthcheckNode
  | ShellNode
  | StopsignalNode
  | OnbuildNode
  | CommentNode
  | RawNode;

export type IrKind = IrNode['kind'];
export type IrNodeOf<K extends IrKind> = Extract<IrNode, { kind: K }>;

/** What a stage holds after its FROM. */
export type InstructionNode = Exclude<IrNode, FromNode>;

export type IrVisitor<R> = { readonly [K in IrKind]: (node: IrNodeOf<K>) => R };

/** Calls the visitor's function for the node's kind. */
export const visit = <R>(node: IrNode, visitor: IrVisitor<R>): R => (visitor[node.kind] as (n: IrNode) => R)(node);
