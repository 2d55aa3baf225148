/**
 * A model problem (`definitions/app.ts › app › stages[1].steps[0].from`) → the line and column of
 * that value in the source, found by walking the field path through the definition's syntax:
 * the `image({…})` (or `variants({…})`) call of that name, object properties, array elements,
 * the arguments of `stage(name, { from }, steps)` and of instruction helpers, and variables to
 * their initializers. Best effort: it stops at the deepest node it can follow.
 */
import { Node, SyntaxKind, type Expression, type Project, type SourceFile } from 'ts-morph';
import type { Problem } from '../errors/definition-error.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Through `x as const`, `(x)`, `x satisfies T` and variables, to the expression that makes the value. */
function unwrap(node: Node, depth = 0): Node {
  if (depth > 20) return node;
  if (Node.isAsExpression(node) || Node.isParenthesizedExpression(node) || Node.isSatisfiesExpression(node))
    return unwrap(node.getExpression(), depth + 1);
  if (Node.isIdentifier(node) || Node.isShorthandPropertyAssignment(node)) {
    const symbol = Node.isIdentifier(node) ? node.getSymbol() : node.getValueSymbol();
    const decl = (symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol)?.getDeclarations()[0];
    const init = decl && Node.isVariableDeclaration(decl) ? decl.getInitializer() : undefined;
    return init ? unwrap(init, depth + 1) : node;
  }
  return node;
}

const calleeName = (call: Node): string | undefined => {
  if (!Node.isCallExpression(call)) return undefined;
  const callee = call.getExpression();
  return Node.isIdentifier(callee) ? callee.getText() : Node.isPropertyAccessExpression(callee) ? callee.getName() : undefined;
};

const property = (obj: Node, name: string): Node | undefined => {
  if (!Node.isObjectLiteralExpression(obj)) return undefined;
  const p = obj.getProperty(name);
  if (p && Node.isPropertyAssignment(p)) return p.getInitializer();
  return p && Node.isShorthandPropertyAssignment(p) ? p : undefined;
};

/** The `{ name: '…', … }` object of the image called `name` in `file`. */
function imageObject(file: SourceFile, name: string): Node | undefined {
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = calleeName(call);
    if (callee !== 'image' && callee !== 'variants') continue;
    const arg = call.getArguments()[0];
    const nameNode = arg ? property(arg, 'name') : undefined;
    if (!nameNode || !Node.isStringLiteral(nameNode) || nameNode.getLiteralValue() !== name) continue;
    if (callee === 'image') return arg;
    const fn = arg ? property(arg, 'image') : undefined;
    const body = fn && (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) ? fn.getBody() : undefined;
    const returned = body && Node.isBlock(body) ? body.getFirstDescendantByKind(SyntaxKind.ReturnStatement)?.getExpression() : body;
    return returned ? unwrap(returned) : arg;
  }
  return undefined;
}

/** One step along the path from `node`, or undefined when the syntax does not show it. */
function step(node: Node, segment: string | number, next: string | number | undefined): { node: Node; skip: number } | undefined {
  const n = unwrap(node);
  if (Node.isArrayLiteralExpression(n) && typeof segment === 'number') {
    const el = n.getElements()[segment];
    return el ? { node: el, skip: 0 } : undefined;
  }
  if (Node.isObjectLiteralExpression(n) && typeof segment === 'string') {
    const found = property(n, segment);
    if (found) return { node: found, skip: 0 };
    // A single-stage image (`image({ from, steps })`) is its own stages[0].
    if (segment === 'stages' && next === 0 && (n.getProperty('steps') || n.getProperty('from'))) return { node: n, skip: 1 };
    return undefined;
  }
  if (Node.isCallExpression(n) && typeof segment === 'string') {
    const args = n.getArguments() as Expression[];
    if (calleeName(n) === 'stage') {
      if (segment === 'name') return args[0] ? { node: args[0], skip: 0 } : undefined;
      if (segment === 'steps') return args[2] ? { node: args[2], skip: 0 } : undefined;
      const found = args[1] ? property(unwrap(args[1]), segment) : undefined;
      return found ? { node: found, skip: 0 } : undefined;
    }
    for (const arg of args) {
      const found = property(unwrap(arg), segment);
      if (found) return { node: found, skip: 0 };
    }
  }
  return undefined;
}

/** Where in `project`'s copy of the problem's file its field path points, or undefined. */
export function locateProblem(project: Project, root: string, problem: Problem): Position | undefined {
  const file = project.getSourceFile(`${root}/${problem.file}`);
  if (!file) return undefined;
  let node: Node | undefined = problem.image === undefined ? undefined : imageObject(file, problem.image.split(':')[0] ?? '');
  if (!node) return undefined;
  const path = problem.path ?? [];
  for (let i = 0; i < path.length; i += 1) {
    const segment = path[i];
    if (segment === undefined) break;
    const moved = step(node, segment, path[i + 1]);
    // Stop at the last node in this file (a stage imported from another file is shown where it is used).
    if (!moved || moved.node.getSourceFile() !== file) break;
    node = moved.node;
    i += moved.skip;
  }
  const at = file.getLineAndColumnAtPos(node.getStart());
  return { line: at.line, column: at.column };
}
