import { Node, SyntaxKind, type CallExpression, type SourceFile, type ts } from "ts-morph";
import { isFunctionLike, unwrapExpression, type FunctionLike } from "../../src/handlers/entry-point.js";
import { nameNodeOf } from "../../src/function-body.js";

/** Packages whose exported handler is `(event, context, callback)`, refused by Node.js 24 at init. */
const THREE_PARAMETER_HANDLERS = ["@vendia/serverless-express", "@codegenie/serverless-express"];

/** `awslambda.streamifyResponse(fn)`: streaming handlers keep their three parameters on Node.js 24. */
export function isStreaming(fn: FunctionLike): boolean {
  const call = wrapperCallOf(fn);
  if (call && isStreamify(call)) return true;
  const name = nameNodeOf(fn)?.getText();
  return !!name && streamifiedNames(fn.getSourceFile()).has(name);
}

/**
 * What a file scan found, per parsed text of a file: a file of hundreds of handlers asks once per
 * handler, and scanning the whole file each time made such a file quadratic (minutes for 400).
 */
const fileScans = new WeakMap<ts.SourceFile, Map<string, unknown>>();

function scanOnce<T>(file: SourceFile, key: string, scan: () => T): T {
  let scans = fileScans.get(file.compilerNode);
  if (!scans) fileScans.set(file.compilerNode, (scans = new Map()));
  if (!scans.has(key)) scans.set(key, scan());
  return scans.get(key) as T;
}

/** The texts of the arguments of the file's `streamifyResponse(...)` calls. */
function streamifiedNames(file: SourceFile): Set<string> {
  return scanOnce(file, "streamify", () => {
    const names = new Set<string>();
    // isStreamify matches the callee's source text, so a file without the name has no such call.
    if (!file.getFullText().includes("streamifyResponse")) return names;
    for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      if (!isStreamify(call)) continue;
      for (const arg of call.getArguments()) {
        const text = unwrapExpression(arg)?.getText();
        if (text !== undefined) names.add(text);
      }
    }
    return names;
  });
}

function isStreamify(call: CallExpression): boolean {
  return /(^|\.)streamifyResponse$/.test(call.getExpression().getText().replace(/\s+/g, ""));
}

/** The call a function literal is handed to (`middy(fn)`, `wrap((e, c, cb) => ...)`). */
export function wrapperCallOf(fn: FunctionLike): CallExpression | undefined {
  let node: Node = fn;
  let parent = node.getParent();
  while (parent && (Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isSatisfiesExpression(parent))) {
    node = parent;
    parent = node.getParent();
  }
  return parent && Node.isCallExpression(parent) && parent.getArguments().includes(node) ? parent : undefined;
}

/**
 * What a wrapper declared in the project returns: its argument unchanged ("identity": the inner
 * function is what Lambda calls), a function literal of some arity, or something settle cannot tell.
 */
export function wrapperResult(call: CallExpression): { kind: "identity" } | { kind: "function"; arity: number; at: Node } | { kind: "unknown"; local: boolean } {
  const declaration = call.getProject().getTypeChecker().getResolvedSignature(call)?.getDeclaration();
  if (!declaration || !isFunctionLike(declaration) || !declaration.getBody()) return { kind: "unknown", local: false };
  const file = declaration.getSourceFile();
  if (file.isDeclarationFile() || file.isInNodeModules()) return { kind: "unknown", local: false };
  const param = declaration.getParameters()[0]?.getName();
  const body = declaration.getBody()!;
  const results = Node.isBlock(body)
    ? body.getDescendantsOfKind(SyntaxKind.ReturnStatement).filter((r) => r.getFirstAncestor(isFunctionLike) === declaration).map((r) => r.getExpression())
    : [body];
  if (results.length !== 1 || !results[0]) return { kind: "unknown", local: true };
  const result = unwrapExpression(results[0])!;
  if (Node.isIdentifier(result) && result.getText() === param) return { kind: "identity" };
  if (Node.isArrowFunction(result) || Node.isFunctionExpression(result)) return { kind: "function", arity: arityOf(result), at: result };
  return { kind: "unknown", local: true };
}

/** A function's `length` at run time: the parameters before the first default or rest parameter. */
export function arityOf(fn: FunctionLike): number {
  let n = 0;
  for (const p of fn.getParameters()) {
    if (p.hasInitializer() || p.isRestParameter()) break;
    n++;
  }
  return n;
}

/** Local names bound to a module's exports: default, namespace and named imports, `const x = require(...)`. */
function bindingsOf(file: SourceFile, modules: string[]): Map<string, string> {
  return scanOnce(file, `bindings ${modules.join(" ")}`, () => scanBindings(file, modules));
}

function scanBindings(file: SourceFile, modules: string[]): Map<string, string> {
  const bindings = new Map<string, string>();
  // Most files name none of the modules: without the name (or an escape that could spell it), no
  // import or require of it can be there.
  const text = file.getFullText();
  if (!modules.some((m) => text.includes(m)) && !/\\[ux]/.test(text)) return bindings;
  for (const imp of file.getImportDeclarations()) {
    const module = imp.getModuleSpecifierValue();
    if (!modules.includes(module)) continue;
    const names = [imp.getDefaultImport(), imp.getNamespaceImport(), ...imp.getNamedImports().map((n) => n.getAliasNode() ?? n.getNameNode())];
    for (const n of names) if (n) bindings.set(n.getText(), module);
  }
  for (const decl of file.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
    const module = /^require\(\s*["']([^"']+)["']\s*\)$/.exec(decl.getInitializer()?.getText() ?? "")?.[1];
    if (!module || !modules.includes(module)) continue;
    const name = decl.getNameNode();
    if (Node.isIdentifier(name)) bindings.set(name.getText(), module);
    else if (Node.isObjectBindingPattern(name)) for (const e of name.getElements()) bindings.set(e.getName(), module);
  }
  return bindings;
}

/**
 * `awsServerlessExpress.proxy(server, event, context)`: without a resolution mode, aws-serverless-express
 * answers through `context.succeed`, which Node.js 24 does not have.
 */
export function findContextSucceedProxies(fn: FunctionLike): CallExpression[] {
  const bindings = bindingsOf(fn.getSourceFile(), ["aws-serverless-express"]);
  if (bindings.size === 0) return [];
  return fn.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => {
    const callee = call.getExpression().getText().replace(/\s+/g, "");
    const viaNamespace = [...bindings.keys()].some((b) => callee === `${b}.proxy`);
    return (viaNamespace || (callee === "proxy" && bindings.has("proxy"))) && call.getArguments().length < 4;
  });
}

/**
 * Exports such as `export const handler = serverlessExpress({ app })`: no function literal to
 * rewrite, and a handler of three parameters that Node.js 24 refuses.
 */
export function findThreeParameterExports(file: SourceFile): { node: CallExpression; module: string }[] {
  const bindings = bindingsOf(file, THREE_PARAMETER_HANDLERS);
  if (bindings.size === 0) return [];
  const out: { node: CallExpression; module: string }[] = [];
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression().getText();
    const module = bindings.get(callee) ?? bindings.get(callee.replace(/\.configure$/, ""));
    if (module && isExportedValue(call)) out.push({ node: call, module });
  }
  return out;
}

/** `export const x = call`, `export default call`, `exports.x = call`, `module.exports = call`. */
function isExportedValue(call: Node): boolean {
  const parent = call.getParent();
  if (!parent) return false;
  if (Node.isVariableDeclaration(parent)) return !!parent.getVariableStatement()?.hasExportKeyword();
  if (Node.isExportAssignment(parent)) return true;
  if (Node.isBinaryExpression(parent) && parent.getRight() === call) {
    return /^(module\.)?exports(\.[\w$]+)?$/.test(parent.getLeft().getText().replace(/\s+/g, ""));
  }
  return false;
}
