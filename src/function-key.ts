import { Node, type SourceFile } from "ts-morph";
import { isFunctionLike, type FunctionLike } from "./handlers/entry-point.js";
import { isDefaultExportedDeclaration } from "./handlers/syntactic-exports.js";

/**
 * A name for a function that holds in another Project and across the edits of a run: the chain of
 * named declarations around it (`f:recordOrder`, `c:Orders/m:save`, `v:api/p:put`). Positions do not
 * hold: another package's program reads the file as the user has it, and each pass of the file's
 * own group edits it. Undefined for a function without a name of its own (a callback, an IIFE):
 * such a function is reached through the named one that holds it.
 */
export function functionKey(fn: FunctionLike): string | undefined {
  const own = ownName(fn);
  if (!own) return undefined;
  const parts = [own];
  for (let node = namingNode(fn).getParent(); node && !Node.isSourceFile(node); node = node.getParent()) {
    const name = containerName(node);
    if (name) parts.push(name);
  }
  return parts.reverse().join("/");
}

/** The functions of a file with one of these keys, in source order. */
export function functionsByKey(file: SourceFile, keys: ReadonlySet<string>): FunctionLike[] {
  if (keys.size === 0) return [];
  const found: FunctionLike[] = [];
  file.forEachDescendant((node) => {
    if (isFunctionLike(node)) {
      const key = functionKey(node);
      if (key && keys.has(key)) found.push(node);
    }
  });
  return found;
}

function ownName(fn: FunctionLike): string | undefined {
  if (Node.isFunctionDeclaration(fn)) return fn.getName() ? `f:${fn.getName()}` : isDefaultExportedDeclaration(fn) ? "f:default" : undefined;
  if (Node.isMethodDeclaration(fn)) return `m:${fn.isStatic() ? "static " : ""}${fn.getName()}`;
  const holder = namingNode(fn);
  if (holder === fn) return undefined;
  return containerName(holder);
}

/** The declaration that names a function literal (`const f = () => …`, `{ f: function () {…} }`), else the function. */
function namingNode(fn: FunctionLike): Node {
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) return fn;
  let node: Node = fn;
  let parent = node.getParent();
  while (parent && (Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isSatisfiesExpression(parent))) {
    node = parent;
    parent = parent.getParent();
  }
  if (!parent) return fn;
  if (Node.isVariableDeclaration(parent) && Node.isIdentifier(parent.getNameNode())) return parent;
  if ((Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent)) && parent.getInitializer() === node) return parent;
  if (Node.isExportAssignment(parent)) return parent;
  // `module.exports = function () {…}`, `exports.run = async () => {…}`
  if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getText() === "=" && parent.getRight() === node) return parent;
  return fn;
}

function containerName(node: Node): string | undefined {
  if (Node.isFunctionDeclaration(node)) return node.getName() ? `f:${node.getName()}` : undefined;
  if (Node.isMethodDeclaration(node)) return `m:${node.isStatic() ? "static " : ""}${node.getName()}`;
  if (Node.isClassDeclaration(node) || Node.isClassExpression(node)) return node.getName() ? `c:${node.getName()}` : undefined;
  if (Node.isVariableDeclaration(node)) return Node.isIdentifier(node.getNameNode()) ? `v:${node.getName()}` : undefined;
  if (Node.isPropertyAssignment(node)) return `p:${node.getName()}`;
  if (Node.isPropertyDeclaration(node)) return `m:${node.isStatic() ? "static " : ""}${node.getName()}`;
  if (Node.isModuleDeclaration(node)) return `n:${node.getName()}`;
  if (Node.isExportAssignment(node)) return "v:default";
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getText() === "=") {
    const left = node.getLeft();
    return Node.isIdentifier(left) || Node.isPropertyAccessExpression(left) ? `a:${left.getText().replace(/\s+/g, "")}` : undefined;
  }
  return undefined;
}
