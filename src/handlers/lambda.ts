import path from "node:path";
import { Node, SyntaxKind, type SourceFile } from "ts-morph";
import {
  findLocalFunction,
  unwrapExpression,
  type EntryNote,
  type EntryPoint,
  type FunctionLike,
} from "./entry-point.js";
import { implementsLambdaInterface, methodOfExport } from "./class-handlers.js";
import { HANDLER_NAME, isCallbackHandlerShaped, looksLikeHandler, middlewareShape, whyNotHandlerShape } from "./handler-shape.js";
import { importedBinding, isModuleExports, requiredMember, requiredModule, resolveLocalModule } from "./local-modules.js";
import { functionsBehindCall } from "./wrapped.js";
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
  /** A re-export: the value is export `name` of another module of the project (`export { x } from "./impl"`). */
  from?: { module: SourceFile; name: string };
}

export const TEST_FILE = /(^|[\\/])(__tests__|__mocks__)[\\/]|\.(test|spec)\.[cm]?[jt]sx?$/;

const TEST_SCRIPT = /(^|\/)(tests?)\/|(^|\/)(tests?|testflow|test[-_][\w.-]*|run[-_]?local|local[-_]?(run|test|invoke)|invoke[-_]?local)\.[cm]?[jt]sx?$/i;

/**
 * A file whose calls of a handler only try it out: a TEST_FILE, or, below the folder the caller and the handler
 * share, a script in a `test/` or `tests/` folder or named `test.js`, `testflow.js`, `test-local.js` (the local
 * runners of Lambda samples: `node test.js`). Such calls do not keep a handler callback-style: the handler
 * converts and the test-calls-legacy-handler note names them. Relative, so that a checkout under a `test/`
 * folder, or a handler and its caller in the same such folder, change nothing; entry points are still found
 * in these files (a function deployed from a `test/` folder).
 */
export function isTestCaller(caller: string, handler: string): boolean {
  if (TEST_FILE.test(caller)) return true;
  const from = path.dirname(caller).split(/[\\/]/);
  const to = path.dirname(handler).split(/[\\/]/);
  let shared = 0;
  while (shared < from.length && shared < to.length && from[shared] === to[shared]) shared++;
  return TEST_SCRIPT.test([...from.slice(shared), path.basename(caller)].join("/"));
}

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
    const targets = resolveFunctions(file, exported);
    if (targets.length === 0) {
      if (HANDLER_NAME.test(exported.name) && !isPlainValue(exported.value)) decline("named like a handler, but its value is not a function settle can follow");
      continue;
    }
    for (const target of targets) {
      const entry = judge(file, exported, target, configured, lambdaTypes, decline);
      if (!entry || found.has(entry.fn)) continue;
      found.set(entry.fn, entry);
      if (target.via && !target.via.known) notes?.push({ kind: "followed", node: exported.value, exportName: exported.name, reason: `followed into ${target.via.note}` });
    }
  }
  return [...found.values()];
}

/** The entry point one function behind an export is, or undefined (with the reason given to `decline` when it looked like one). */
function judge(
  file: SourceFile,
  exported: ExportedValue,
  { fn, wrapped }: ResolvedFunction,
  configured: Set<string> | undefined,
  fileLambdaTypes: Set<string>,
  decline: (reason: string) => void,
): EntryPoint | undefined {
  {
    const lambdaTypes = fn.getSourceFile() === file ? fileLambdaTypes : importedNamesFrom(fn.getSourceFile(), "aws-lambda");
    const typed = hasLambdaTypes(fn, exported, lambdaTypes) || (Node.isMethodDeclaration(fn) && implementsLambdaInterface(fn));
    let evidence: EntryPoint["evidence"] | undefined;
    if (configured?.has(exported.name)) evidence = "config";
    else if (typed) evidence = "type";
    // A config that names some exports of the file does not list every handler of it: an unlisted
    // sibling of the unmistakable (event, context, callback) shape still fails on Node.js 24.
    else if (configured && isCallbackHandlerShaped(fn)) evidence = "convention";
    else if (looksLikeHandler(exported.name, fn)) {
      const why = configured ? "a deployment config names this module's handlers, and not this export" : whyNotHandlerShape(exported.name, fn);
      if (why) {
        decline(why);
        return undefined;
      }
      evidence = "convention";
    }
    if (!evidence) return undefined;
    const middleware = middlewareShape(fn);
    if (middleware) {
      decline(`is web middleware ${middleware}, not a Lambda handler`);
      return undefined;
    }
    return { platform: "lambda", exportName: exported.name, fn, wrapped, evidence };
  }
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
  } else if (Node.isExportDeclaration(statement) && !statement.isTypeOnly()) {
    // `export { handler } from "./impl"`, `export { run as handler } from "./impl"`, `export * from "./impl"`.
    const module = resolveLocalModule(statement.getSourceFile(), statement.getModuleSpecifierValue() ?? "");
    if (!module) return;
    if (!statement.hasNamedExports()) {
      if (!statement.getNamespaceExport()) out.push(...reExportsOf(module, statement));
      return;
    }
    for (const spec of statement.getNamedExports()) {
      if (spec.isTypeOnly()) continue;
      out.push({ name: spec.getAliasNode()?.getText() ?? spec.getName(), value: spec.getNameNode(), from: { module, name: spec.getName() } });
    }
  } else if (Node.isExpressionStatement(statement)) {
    out.push(...commonJsExports(statement.getExpression()));
  }
}

/** Every export of another module, as re-exported by `statement` (`export *`, `module.exports = require("./x")`). */
function reExportsOf(module: SourceFile, statement: Node): ExportedValue[] {
  return collectExports(module)
    .filter((e) => e.name !== "default")
    .map((e) => ({ name: e.name, value: statement, from: { module, name: e.name } }));
}

/** `exports.x = v`, `module.exports.x = v`, `module.exports = { a, b: v, c() {} }`. */
function commonJsExports(expr: Node): ExportedValue[] {
  // `Object.assign(module.exports, { handler, other: fn })`.
  if (Node.isCallExpression(expr) && expr.getExpression().getText().replace(/\s+/g, "") === "Object.assign") {
    const [target, ...sources] = expr.getArguments();
    if (!target || !isModuleExports(target)) return [];
    return sources.flatMap((source) => objectExports(source));
  }
  if (!Node.isBinaryExpression(expr) || expr.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return [];
  const left = expr.getLeft();
  const right = expr.getRight();
  const target = left.getText().replace(/\s+/g, "");
  const member = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target);
  const file = expr.getSourceFile();
  if (member) {
    // `exports.handler = require("./x").run`.
    const required = requiredMember(file, unwrapExpression(right) ?? right);
    return [{ name: member[1], value: right, ...(required ? { from: { module: required.module, name: required.exportName } } : {}) }];
  }
  if (target !== "module.exports") return [];
  // `module.exports = require("./handler")`: that module's exports are this one's.
  const specifier = requiredModule(unwrapExpression(right) ?? right);
  if (specifier !== undefined) {
    const module = resolveLocalModule(file, specifier);
    return module ? reExportsOf(module, right) : [];
  }
  return objectExports(right);
}

/** The members of an object literal exported as a whole (`module.exports = { a, b: v, c() {} }`). */
function objectExports(right: Node): ExportedValue[] {
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

/** A function an export stands for. */
export interface ResolvedFunction {
  fn: FunctionLike;
  wrapped: boolean;
  /** How it was found behind a call: a known wrapper, or something settle followed on its own (noted by --verbose). */
  via?: { known: true; wrapper: string } | { known: false; note: string };
}

/** The function an export stands for, if any (the first of resolveFunctions). */
export function resolveFunction(file: SourceFile, exported: ExportedValue): ResolvedFunction | undefined {
  return resolveFunctions(file, exported)[0];
}

/** How many modules a re-export chain may pass through (a cycle ends there too). */
const MAX_HOPS = 8;

/**
 * The functions an export stands for: a function literal or declaration, a local or imported
 * function by name, a class method (`instance.handler.bind(instance)`), what a wrapper is handed or
 * a project factory returns, or the export of another module it re-exports.
 */
export function resolveFunctions(file: SourceFile, exported: ExportedValue, hops = 0): ResolvedFunction[] {
  if (hops > MAX_HOPS) return [];
  if (exported.from) return exportedFunctions(exported.from.module, exported.from.name, hops + 1);
  const value = unwrapExpression(exported.value);
  if (!value) return [];
  if (Node.isFunctionDeclaration(value) || Node.isMethodDeclaration(value)) {
    return value.hasBody() ? [{ fn: value, wrapped: false }] : [];
  }
  if (Node.isArrowFunction(value) || Node.isFunctionExpression(value)) return [{ fn: value, wrapped: false }];
  if (Node.isIdentifier(value)) {
    const local = findLocalFunction(file, value.getText());
    if (local) {
      exported.declaration ??= local.declaration;
      return [{ fn: local.fn, wrapped: false }];
    }
    // `export default handler` / `export { handler }` of an imported name.
    const imported = importedBinding(file, value.getText());
    return imported ? exportedFunctions(imported.module, imported.exportName, hops + 1) : [];
  }
  const method = methodOfExport(file, value);
  if (method) return [{ fn: method, wrapped: false }];
  if (Node.isCallExpression(value)) {
    const lookup = (f: SourceFile, name: string) => lookupFunction(f, name, hops + 1);
    return functionsBehindCall(value, lookup).map(({ fn, wrapped, via }) => ({ fn, wrapped, via }));
  }
  return [];
}

/** The functions behind export `name` of a module. */
function exportedFunctions(module: SourceFile, name: string, hops: number): ResolvedFunction[] {
  if (hops > MAX_HOPS) return [];
  const exported = collectExports(module).find((e) => e.name === name);
  return exported ? resolveFunctions(module, exported, hops) : [];
}

/** A project function by name: declared in the file, or imported from a relative module. */
function lookupFunction(file: SourceFile, name: string, hops: number): FunctionLike | undefined {
  const local = findLocalFunction(file, name);
  if (local) return local.fn;
  const imported = importedBinding(file, name);
  const found = imported ? exportedFunctions(imported.module, imported.exportName, hops) : [];
  return found.length === 1 && !found[0].wrapped ? found[0].fn : undefined;
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
