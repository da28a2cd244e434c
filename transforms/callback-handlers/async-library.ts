import { Node, type CallExpression } from "ts-morph";
import type { FunctionLike } from "../../src/handlers/entry-point.js";
import { requiredModuleOf } from "../../src/imports.js";
import { declarationNodes } from "../../src/types/index.js";

/** The control-flow libraries whose collection functions take a final callback that runs once. */
const ASYNC_MODULES = new Set(["async", "neo-async"]);

/**
 * `async.map(items, iteratee, (err, results) => ...)`: the final callback runs once, after every
 * iteratee, unlike an Array method's callback (a look-alike by name only). True when `fn` is the last of
 * three or more arguments of a method of a binding of `require("async")` / an import from "async".
 */
export function isAsyncLibraryFinalCallback(fn: FunctionLike, call: CallExpression): boolean {
  const args = call.getArguments();
  if (args.length < 3 || args[args.length - 1] !== fn) return false;
  return isAsyncLibraryCall(call);
}

/** `async.map(...)`, `async.each(...)`: a method of a binding of `require("async")` / an import from "async". */
export function isAsyncLibraryCall(call: CallExpression): boolean {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const receiver = callee.getExpression();
  if (!Node.isIdentifier(receiver)) return false;
  for (const d of declarationNodes(receiver)) {
    if (!d) continue;
    if (Node.isVariableDeclaration(d) && ASYNC_MODULES.has(requiredModuleOf(d) ?? "")) return true;
    const imported = d.getFirstAncestor((a) => Node.isImportDeclaration(a));
    if (imported && Node.isImportDeclaration(imported) && ASYNC_MODULES.has(imported.getModuleSpecifierValue())) return true;
  }
  return false;
}
