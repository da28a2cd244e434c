import { Node, SyntaxKind, type SourceFile } from "ts-morph";
import {
  findLocalFunction,
  functionInsideWrapper,
  unwrapExpression,
  type EntryNote,
  type EntryPoint,
  type FunctionLike,
} from "./entry-point.js";
import { implementsLambdaInterface, methodOfExport } from "./class-handlers.js";
import { HANDLER_NAME, looksLikeHandler, middlewareShape, whyNotHandlerShape } from "./handler-shape.js";
import { isDefaultExportedDeclaration, isExportedDeclaration } from "./syntactic-exports.js";

/** One exported value of a module, found syntactically (no checker needed). */
export interface ExportedValue {
  name: string;
  /** The exported expression or declaration. */
  value: Node;
  /** The declaration that carries a type annotation, if any (`const handler: Handler = ...`). */
  declaration?: Node;
  /** The top-level statement that exports it (its leading comments may hold a JSDoc type). */
  statement?: Node;
}

export const TEST_FILE = /(^|[\\/])(__tests__|__mocks__)[\\/]|\.(test|spec)\.[cm]?[jt]sx?$/;

/**
 * AWS Lambda entry points of a file: functions exported through `exports.x =`, `module.exports`,
 * ESM exports or `export default`, recognised by a serverless.yml/SAM reference, by
 * @types/aws-lambda types, or by the handler convention: a name (`handler`, `…Handler`) or
 * parameters (`(event, context)`) that look like a handler's, and a handler's shape as well (see
 * whyNotHandlerShape); a name alone never makes an entry point. Express-style `(req, res, next)`
 * functions are never handlers. Exports that look like handlers but are not taken go to `notes`.
 */
export function findLambdaHandlers(file: SourceFile, configured: Set<string> | undefined, notes?: EntryNote[]): EntryPoint[] {
  if (TEST_FILE.test(file.getFilePath())) return [];
  const lambdaTypes = importedNamesFrom(file, "aws-lambda");
  const found = new Map<FunctionLike, EntryPoint>();
  for (const exported of collectExports(file)) {
    const decline = (reason: string) => notes?.push({ kind: "declined", node: exported.value, exportName: exported.name, reason });
    const resolved = resolveFunction(file, exported);
    if (!resolved) {
      if (HANDLER_NAME.test(exported.name) && !isPlainValue(exported.value)) decline("named like a handler, but its value is not a function settle can follow");
      continue;
    }
    const { fn, wrapped } = resolved;
    const typed = hasLambdaTypes(fn, exported, lambdaTypes) || (Node.isMethodDeclaration(fn) && implementsLambdaInterface(fn));
    let evidence: EntryPoint["evidence"] | undefined;
    if (configured?.has(exported.name)) evidence = "config";
    else if (typed) evidence = "type";
    else if (looksLikeHandler(exported.name, fn)) {
      const why = configured ? "a deployment config names this module's handlers, and not this export" : whyNotHandlerShape(exported.name, fn);
      if (why) {
        decline(why);
        continue;
      }
      evidence = "convention";
    }
    if (!evidence) continue;
    const middleware = middlewareShape(fn);
    if (middleware) {
      decline(`is web middleware ${middleware}, not a Lambda handler`);
      continue;
    }
    if (!found.has(fn)) found.set(fn, { platform: "lambda", exportName: exported.name, fn, wrapped, evidence });
  }
  return [...found.values()];
}

export function collectExports(file: SourceFile): ExportedValue[] {
  const out: ExportedValue[] = [];
  for (const statement of file.getStatements()) {
    const before = out.length;
    collectFrom(statement, out);
    for (const e of out.slice(before)) e.statement ??= statement;
  }
  return out;
}

function collectFrom(statement: Node, out: ExportedValue[]): void {
  if (Node.isFunctionDeclaration(statement) && isExportedDeclaration(statement)) {
    out.push({ name: isDefaultExportedDeclaration(statement) ? "default" : (statement.getName() ?? "default"), value: statement });
  } else if (Node.isVariableStatement(statement) && statement.hasExportKeyword()) {
    // (A variable statement has no symbol: ts-morph's isExported() is its export keyword, after asking the checker.)
    for (const decl of statement.getDeclarations()) {
      const init = decl.getInitializer();
      if (init) out.push({ name: decl.getName(), value: init, declaration: decl });
    }
  } else if (Node.isExportAssignment(statement) && !statement.isExportEquals()) {
    out.push({ name: "default", value: statement.getExpression() });
  } else if (Node.isExportDeclaration(statement) && !statement.getModuleSpecifier()) {
    for (const spec of statement.getNamedExports()) {
      out.push({ name: spec.getAliasNode()?.getText() ?? spec.getName(), value: spec.getNameNode() });
    }
  } else if (Node.isExpressionStatement(statement)) {
    out.push(...commonJsExports(statement.getExpression()));
  }
}

/** `exports.x = v`, `module.exports.x = v`, `module.exports = { a, b: v, c() {} }`. */
function commonJsExports(expr: Node): ExportedValue[] {
  if (!Node.isBinaryExpression(expr) || expr.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return [];
  const left = expr.getLeft();
  const right = expr.getRight();
  const target = left.getText().replace(/\s+/g, "");
  const member = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target);
  if (member) return [{ name: member[1], value: right }];
  if (target !== "module.exports") return [];
  const object = unwrapExpression(right);
  if (!object || !Node.isObjectLiteralExpression(object)) return [];
  const out: ExportedValue[] = [];
  for (const prop of object.getProperties()) {
    if (Node.isPropertyAssignment(prop)) out.push({ name: prop.getName(), value: prop.getInitializerOrThrow() });
    else if (Node.isShorthandPropertyAssignment(prop)) out.push({ name: prop.getName(), value: prop.getNameNode() });
    else if (Node.isMethodDeclaration(prop)) out.push({ name: prop.getName(), value: prop });
  }
  return out;
}

export function resolveFunction(file: SourceFile, exported: ExportedValue): { fn: FunctionLike; wrapped: boolean } | undefined {
  const value = unwrapExpression(exported.value);
  if (!value) return undefined;
  if (Node.isFunctionDeclaration(value) || Node.isMethodDeclaration(value)) {
    return value.hasBody() ? { fn: value, wrapped: false } : undefined;
  }
  if (Node.isArrowFunction(value) || Node.isFunctionExpression(value)) return { fn: value, wrapped: false };
  if (Node.isIdentifier(value)) {
    const local = findLocalFunction(file, value.getText());
    if (local) {
      exported.declaration ??= local.declaration;
      return { fn: local.fn, wrapped: false };
    }
    return undefined;
  }
  const method = methodOfExport(file, value);
  if (method) return { fn: method, wrapped: false };
  if (Node.isCallExpression(value)) {
    const inner = functionInsideWrapper(value);
    return inner ? { fn: inner, wrapped: true } : undefined;
  }
  return undefined;
}

/** Names imported from a module (`import type { Handler } from "aws-lambda"`, namespaces too). */
export function importedNamesFrom(file: SourceFile, moduleName: string): Set<string> {
  const names = new Set<string>();
  for (const imp of file.getImportDeclarations()) {
    if (imp.getModuleSpecifierValue() !== moduleName) continue;
    imp.getNamedImports().forEach((n) => names.add(n.getAliasNode()?.getText() ?? n.getName()));
    const ns = imp.getNamespaceImport();
    if (ns) names.add(ns.getText());
  }
  return names;
}

/** The handler or its parameters are typed with @types/aws-lambda types (TS annotations or JSDoc). */
function hasLambdaTypes(fn: FunctionLike, exported: ExportedValue, lambdaTypes: Set<string>): boolean {
  const declaration = exported.declaration;
  const typeTexts: string[] = [];
  if (declaration && Node.isVariableDeclaration(declaration)) {
    const typeNode = declaration.getTypeNode();
    if (typeNode) typeTexts.push(typeNode.getText());
  }
  for (const param of fn.getParameters()) {
    const typeNode = param.getTypeNode();
    if (typeNode) typeTexts.push(typeNode.getText());
  }
  // JSDoc types (`@type {import("aws-lambda").Handler}`, `@param {import("aws-lambda").SQSEvent}`) sit in
  // the leading comments of the exporting statement, of a local declaration, or of the function.
  const hosts = [exported.statement, declaration && Node.isVariableDeclaration(declaration) ? declaration.getVariableStatement() : declaration, fn];
  const comments = hosts.flatMap((h) => h?.getLeadingCommentRanges().map((c) => c.getText()) ?? []).join("\n");
  if (/import\(\s*["']aws-lambda["']\s*\)/.test(comments)) return true;
  return typeTexts.some((text) => [...lambdaTypes].some((name) => new RegExp(`\\b${name}\\b`).test(text)));
}

/** Literals, classes and objects: values that are plainly not a handler, not worth a note. */
function isPlainValue(value: Node): boolean {
  const v = unwrapExpression(value) ?? value;
  return Node.isLiteralExpression(v) || Node.isObjectLiteralExpression(v) || Node.isClassExpression(v) || Node.isArrayLiteralExpression(v) || Node.isTemplateExpression(v) || Node.isNoSubstitutionTemplateLiteral(v);
}
