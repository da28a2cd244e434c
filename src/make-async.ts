import { Node, SyntaxKind } from "ts-morph";
import type { TransformContext } from "./define-transform.js";
import type { FunctionLike } from "./handlers/entry-point.js";
import { asyncInsertionPoint, nameNodeOf } from "./function-body.js";
import { answersThroughDone } from "./handlers/azure.js";
import { isTestCaller } from "./handlers/lambda.js";
import { oracleFor } from "./types/oracle.js";

/**
 * Why a synchronous function cannot simply become async, or undefined when it can: only a
 * handler whose one caller is the platform may change its return value into a promise.
 */
export function whyNotMakeAsync(fn: FunctionLike, ctx: TransformContext): string | undefined {
  const entry = ctx.invocation.entryPointOf(fn);
  if (!entry) return "it is in a synchronous function that is not a handler: making it async would change what its callers receive";
  if (entry.held) return entry.held;
  if (!Node.isArrowFunction(fn) && fn.isGenerator()) return "it is in a generator handler";
  if (entry.wrapped) return "it is in a handler wrapped by a library call: make the inner function async by hand";
  // Express middleware of a Cloud Function (`(req, res, next)`) has no callback the platform waits for.
  if (entry.platform !== "azure" && entry.platform !== "firebase" && fn.getParameters().length >= 3) {
    return "it is in a callback-style handler (event, context, callback): convert it with the callback-handlers transform first";
  }
  // Azure v3 logs an error for a function that both returns a promise and calls context.done.
  if (answersThroughDone(entry)) return "it is in an Azure Functions v3 function that answers through context.done: convert it with the callback-handlers transform first";
  const caller = otherCaller(fn, entry.registration);
  if (caller) return `the handler is also called at ${caller}: making it async would change what that call receives`;
  return undefined;
}

/** Make a function async; a declared return type `T` becomes `Promise<T>`. */
export function makeAsync(fn: FunctionLike, ctx: TransformContext): void {
  ctx.insertBefore(asyncInsertionPoint(fn), "async ");
  const returnType = fn.getReturnTypeNode();
  if (returnType && !/^(Promise|PromiseLike)\s*</.test(returnType.getText())) {
    ctx.replace(returnType, `Promise<${returnType.getText()}>`);
  }
}

/** A reference to the function other than the ones that export it, as `file:line`. */
export function otherCaller(fn: FunctionLike, registration?: Node, options: { outsideTests?: boolean } = {}): string | undefined {
  // A class method handler (a NestJS route) may be called by the class itself: `this.findOne(id)`.
  const name = nameNodeOf(fn) ?? (Node.isMethodDeclaration(fn) && Node.isClassDeclaration(fn.getParent()) ? fn.getNameNode() : undefined);
  if (!name || !Node.isIdentifier(name)) return undefined;
  for (const ref of oracleFor(name.getProject()).referencesOf(name)) {
    if (ref === name || (registration && registers(ref, registration)) || isExportReference(ref) || isImportOrDocReference(ref) || callsNoOne(ref) || ref.getSourceFile().isDeclarationFile()) continue;
    if (options.outsideTests && isTestCaller(ref.getSourceFile().getFilePath(), fn.getSourceFile().getFilePath())) continue;
    return `${ref.getSourceFile().getBaseName()}:${ref.getStartLineNumber()}`;
  }
  return undefined;
}

/** The reference is an argument of the registration call, or an element of an array argument (`app.get(p, [auth], fn)`). */
function registers(ref: Node, registration: Node): boolean {
  const parent = ref.getParent();
  return parent === registration || (!!parent && Node.isArrayLiteralExpression(parent) && parent.getParent() === registration);
}

/**
 * References that call no one: `super.processRecord(r)` in an override calls the base class's method,
 * and the declaration of another class's method of the same family (an override elsewhere) is no call.
 */
function callsNoOne(ref: Node): boolean {
  const parent = ref.getParent();
  if (!parent) return false;
  if (Node.isMethodDeclaration(parent) || Node.isMethodSignature(parent)) return parent.getNameNode() === ref;
  return Node.isPropertyAccessExpression(parent) && parent.getNameNode() === ref && parent.getExpression().getKind() === SyntaxKind.SuperKeyword;
}

function isExportReference(ref: Node): boolean {
  const parent = ref.getParent();
  if (!parent) return false;
  if (Node.isExportSpecifier(parent) || Node.isExportAssignment(parent) || Node.isShorthandPropertyAssignment(parent)) {
    return Node.isExportSpecifier(parent) || Node.isExportAssignment(parent) || isModuleExportsObject(parent.getParent());
  }
  if (Node.isPropertyAssignment(parent)) return isModuleExportsObject(parent.getParent());
  if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
    return /^(module\.)?exports(\.[\w$]+)?$/.test(parent.getLeft().getText());
  }
  return false;
}

/**
 * References that call no one either: an import or export specifier (`import { handler }`: the
 * calls through it are references of their own) and a JSDoc reference (`{@link handler}`).
 */
function isImportOrDocReference(ref: Node): boolean {
  const parent = ref.getParent();
  if (parent && (Node.isImportSpecifier(parent) || Node.isImportClause(parent) || Node.isNamespaceImport(parent) || Node.isImportEqualsDeclaration(parent) || Node.isExportSpecifier(parent))) return true;
  for (let node: Node | undefined = ref; node && !Node.isSourceFile(node); node = node.getParent()) {
    const kind = node.getKind();
    if (kind >= SyntaxKind.FirstJSDocNode && kind <= SyntaxKind.LastJSDocNode) return true;
  }
  return false;
}

function isModuleExportsObject(node: Node | undefined): boolean {
  const assignment = node?.getParent();
  return !!assignment && Node.isBinaryExpression(assignment) && assignment.getLeft().getText() === "module.exports";
}
