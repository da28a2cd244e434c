import path from "node:path";
import { Node, SyntaxKind, type CallExpression, type SourceFile } from "ts-morph";
import { findLocalFunction, isFunctionLike, unwrapExpression, type EntryPoint, type FunctionLike } from "./entry-point.js";
import { collectExports, resolveFunction } from "./lambda.js";
import { packageFactsFor, serverlessConfigsAt, type PackageFacts } from "./package-facts.js";
import { declarationNodes } from "../types/index.js";

const PACKAGE = "@azure/functions";

/** The v4 model's registration methods of `app` that take a handler (`app.setup` and `app.hook.*` take none). */
const TRIGGERS = new Set([
  "http", "get", "put", "post", "patch", "deleteRequest", "timer", "storageBlob", "storageQueue", "serviceBusQueue",
  "serviceBusTopic", "eventHub", "eventGrid", "cosmosDB", "connectorTrigger", "warmup", "sql", "mySql", "generic",
  "webPubSub", "mcpTool", "mcpResource", "mcpPrompt",
]);

/**
 * Azure Functions, in a package that depends on `@azure/functions` or has a host.json:
 * - v4 model: the handler registered with `app.http("name", { handler })`, `app.get("name", handler)`,
 *   `app.storageQueue(...)`, … where `app` comes from `@azure/functions` (a function literal or a
 *   function of the same file, by name). The invocation ends when the returned promise settles.
 * - v3 model, also the functions a serverless.yml of the Azure provider names (serverless-azure-functions):
 *   the function a folder's function.json points at: `module.exports = function (context, …)`,
 *   `export default` (TypeScript), or the export function.json's `entryPoint` names (else `run` or
 *   `index`). It ends when its returned promise settles, or, for a function that returns none, when it
 *   calls `context.done(err, result)` (the first parameter is the context).
 * Neither model has a primitive to keep work going after the response: floating work is awaited.
 */
export function findAzureFunctions(file: SourceFile, facts: PackageFacts): EntryPoint[] {
  if (!facts.root) return [];
  // A serverless.yml of the Azure provider is evidence of its own (the plugin writes host.json at deploy).
  const configured = findServerlessAzureFunctions(file, facts.root);
  if (!(facts.hostJson || facts.dependencies.has(PACKAGE))) return configured;
  return [...findV4Handlers(file), ...findV3Function(file), ...configured];
}

/**
 * Whether the file's package is an Azure Functions app, where `context.done` is Azure's: a host.json,
 * an `@azure/functions` dependency, or a serverless.yml of the Azure provider that names functions.
 */
export function isAzurePackage(file: SourceFile): boolean {
  const facts = packageFactsFor(file);
  if (!facts.root) return false;
  return facts.hostJson || facts.dependencies.has(PACKAGE) || facts.dependencies.has("durable-functions") || serverlessAzureRefs(file, facts.root).size > 0;
}

/** Per Project (a run), per package root. */
const serverlessRefs = new WeakMap<object, Map<string, Map<string, Set<string>>>>();

/**
 * The Serverless Framework's Azure provider (serverless-azure-functions: `provider: { name: azure }`):
 * `functions.<name>.handler: src/handlers/hello.sayHello` names a v3 function (the plugin writes its
 * function.json at deploy, with that `scriptFile` and `entryPoint`). Module path (no extension) → export names.
 */
function serverlessAzureRefs(file: SourceFile, root: string): Map<string, Set<string>> {
  const project = file.getProject();
  if (!serverlessRefs.has(project)) serverlessRefs.set(project, new Map());
  const byRoot = serverlessRefs.get(project)!;
  const cached = byRoot.get(root);
  if (cached) return cached;
  const refs = new Map<string, Set<string>>();
  byRoot.set(root, refs);
  for (const { doc, provider } of serverlessConfigsAt(file.getProject().getFileSystem(), root)) {
    if (provider !== "azure") continue;
    for (const fn of Object.values((doc.functions ?? {}) as Record<string, unknown>)) {
      const handler = (fn as Record<string, unknown> | null)?.handler;
      const dot = typeof handler === "string" ? handler.lastIndexOf(".") : -1;
      if (typeof handler !== "string" || dot <= 0) continue;
      const modulePath = path.resolve(root, handler.slice(0, dot));
      refs.set(modulePath, (refs.get(modulePath) ?? new Set()).add(handler.slice(dot + 1)));
    }
  }
  return refs;
}

function findServerlessAzureFunctions(file: SourceFile, root: string): EntryPoint[] {
  const filePath = file.getFilePath();
  const names = serverlessAzureRefs(file, root).get(filePath.slice(0, filePath.length - path.extname(filePath).length));
  if (!names) return [];
  const out: EntryPoint[] = [];
  for (const exported of collectExports(file)) {
    if (!names.has(exported.name)) continue;
    const resolved = resolveFunction(file, exported);
    if (!resolved || resolved.wrapped || resolved.fn.getSourceFile() !== file) continue;
    out.push({ platform: "azure", azureModel: "v3", exportName: exported.name, fn: resolved.fn, wrapped: false, evidence: "config", defer: NO_DEFER });
  }
  return out;
}

/** Whether an entry point is a v3 function, which may answer through `context.done` (its first parameter). */
export function isAzureV3(entry: EntryPoint | undefined): boolean {
  return entry?.platform === "azure" && entry.azureModel === "v3";
}

/** A v3 function that answers through `context.done` (called or passed on): callback-handlers converts it first. */
export function answersThroughDone(entry: EntryPoint | undefined): boolean {
  if (!entry || !isAzureV3(entry)) return false;
  const context = entry.fn.getParameters()[0]?.getNameNode();
  if (!context || !Node.isIdentifier(context)) return false;
  const name = context.getText();
  const body = entry.fn.getBody();
  if (!body) return false;
  if (body.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression).some((access) => access.getName() === "done" && access.getExpression().getText() === name)) return true;
  // `answer(context, id)`: a function of the project that calls done on the context it is given.
  return body.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => {
    const call = id.getParent();
    if (id.getText() !== name || !Node.isCallExpression(call) || !call.getArguments().includes(id)) return false;
    const index = call.getArguments().indexOf(id);
    const callee = call.getExpression();
    const target = Node.isIdentifier(callee) ? declarationNodes(callee)[0] : undefined;
    const fn = target && Node.isVariableDeclaration(target) ? unwrapExpression(target.getInitializer()) : target;
    if (!fn || !isFunctionLike(fn)) return false;
    const param = fn.getParameters()[index]?.getNameNode();
    if (!param || !Node.isIdentifier(param)) return false;
    return fn.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression).some((access) => access.getName() === "done" && access.getExpression().getText() === param.getText());
  });
}

const V4_LOG_CALL = /^([A-Za-z_$][\w$]*)\.(?:log|trace|debug|info|warn|error|extraOutputs\.set)$/;
const LOG_CALL = /^([A-Za-z_$][\w$]*)\.(?:log(?:\.(?:error|warn|info|verbose))?|done)$/;

/**
 * `context.log(...)`, `context.log.error(...)`, `context.done(...)` on the context of a v3 function, and
 * `context.log/warn/error(...)` and `context.extraOutputs.set(...)` on the InvocationContext of a v4 handler, in JavaScript without the types
 * (typed `any`): the runtime's logger and answer, which return nothing to wait for.
 */
export function isAzureContextLog(expr: Node): boolean {
  if (!Node.isCallExpression(expr)) return false;
  const callee = expr.getExpression();
  const text = callee.getText().replace(/\s+/g, "");
  const v3 = LOG_CALL.exec(text)?.[1];
  const v4 = V4_LOG_CALL.exec(text)?.[1];
  if (!v3 && !v4) return false;
  const id = callee.getFirstDescendantByKind(SyntaxKind.Identifier);
  const param = id && (id.getText() === v3 || id.getText() === v4) ? declarationNodes(id)[0] : undefined;
  if (!param || !Node.isParameterDeclaration(param)) return false;
  const fn = param.getParent();
  if (!isFunctionLike(fn)) return false;
  const index = fn.getParameters().indexOf(param);
  const file = fn.getSourceFile();
  const facts = packageFactsFor(file);
  if (!facts.root) return false;
  // v4: `(trigger, context)`, the InvocationContext's logger (`context.log/trace/debug/info/warn/error`).
  if (index === 1 && id!.getText() === v4) return (facts.hostJson || facts.dependencies.has(PACKAGE)) && findV4Handlers(file).some((e) => e.fn === fn);
  if (index !== 0 || id!.getText() !== v3) return false;
  const configured = findServerlessAzureFunctions(file, facts.root);
  if (!(facts.hostJson || facts.dependencies.has(PACKAGE))) return configured.some((e) => e.fn === fn);
  return [...findV3Function(file), ...configured].some((e) => e.fn === fn);
}

function findV4Handlers(file: SourceFile): EntryPoint[] {
  const apps = appNames(file);
  if (apps.size === 0) return [];
  const out: EntryPoint[] = [];
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const method = triggerOf(call, apps);
    if (!method) continue;
    const [name, second] = call.getArguments();
    const fn = handlerOf(file, second, method);
    if (!fn) continue;
    const label = name && Node.isStringLiteral(name) ? `app.${method}(${name.getText()})` : `app.${method}(...)`;
    out.push({ platform: "azure", azureModel: "v4", exportName: label, fn, wrapped: false, evidence: "config", defer: NO_DEFER });
  }
  return out;
}

const NO_DEFER = { kind: "none", why: "Azure Functions has no primitive to run work after the response" } as const;

/** The local names `app` of `@azure/functions` goes by: `import { app }`, `const { app } = require(...)`, `ns.app` of a namespace. */
function appNames(file: SourceFile): Set<string> {
  const names = new Set<string>();
  for (const imp of file.getImportDeclarations()) {
    if (imp.getModuleSpecifierValue() !== PACKAGE || imp.isTypeOnly()) continue;
    for (const named of imp.getNamedImports()) if (named.getName() === "app" && !named.isTypeOnly()) names.add(named.getAliasNode()?.getText() ?? "app");
    const ns = imp.getNamespaceImport();
    if (ns) names.add(`${ns.getText()}.app`);
  }
  for (const decl of file.getVariableDeclarations()) {
    const init = unwrapExpression(decl.getInitializer());
    if (!init || !Node.isCallExpression(init) || init.getExpression().getText() !== "require") continue;
    const [spec] = init.getArguments();
    if (!spec || !Node.isStringLiteral(spec) || spec.getLiteralText() !== PACKAGE) continue;
    const binding = decl.getNameNode();
    if (Node.isObjectBindingPattern(binding)) {
      for (const element of binding.getElements()) {
        if ((element.getPropertyNameNode() ?? element.getNameNode()).getText() === "app") names.add(element.getNameNode().getText());
      }
    } else if (Node.isIdentifier(binding)) names.add(`${binding.getText()}.app`);
  }
  return names;
}

/** `app.http(...)`: the trigger method when the callee is a registration method of `app`. */
function triggerOf(call: CallExpression, apps: Set<string>): string | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.getName();
  return TRIGGERS.has(method) && apps.has(callee.getExpression().getText().replace(/\s+/g, "")) ? method : undefined;
}

/** The handler of a registration: the second argument itself (`app.get(name, handler)`) or its `handler` option. */
function handlerOf(file: SourceFile, arg: Node | undefined, method: string): FunctionLike | undefined {
  const value = unwrapExpression(arg);
  if (!value) return undefined;
  if (Node.isObjectLiteralExpression(value)) {
    const handler = value.getProperty("handler");
    if (!handler) return undefined;
    if (Node.isMethodDeclaration(handler)) return handler;
    if (Node.isShorthandPropertyAssignment(handler)) return findLocalFunction(file, handler.getName())?.fn;
    if (Node.isPropertyAssignment(handler)) return functionOf(file, handler.getInitializer());
    return undefined;
  }
  // Only the HTTP method shorthands take the handler itself.
  return ["get", "put", "post", "patch", "deleteRequest"].includes(method) ? functionOf(file, value) : undefined;
}

function functionOf(file: SourceFile, node: Node | undefined): FunctionLike | undefined {
  const value = unwrapExpression(node);
  if (!value) return undefined;
  if (Node.isArrowFunction(value) || Node.isFunctionExpression(value)) return value;
  if (Node.isIdentifier(value)) return findLocalFunction(file, value.getText())?.fn;
  return undefined;
}

/** The function.json beside the file, read, when the file is the script it points at. */
function functionJsonFor(file: SourceFile): { entryPoint?: string } | undefined {
  const fs = file.getProject().getFileSystem();
  const dir = path.dirname(file.getFilePath());
  const jsonPath = path.join(dir, "function.json");
  let json: Record<string, unknown>;
  try {
    if (!fs.fileExistsSync(jsonPath)) return undefined;
    // The function templates write function.json with a byte order mark, which JSON.parse refuses.
    json = JSON.parse(fs.readFileSync(jsonPath, "utf8").replace(/^\uFEFF/, "")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!json || typeof json !== "object") return undefined;
  const stem = (p: string) => path.basename(p).replace(/\.[cm]?[jt]sx?$/, "");
  // `scriptFile` may point at the compiled output (`../dist/Name/index.js`): the source has its base name.
  const script = typeof json.scriptFile === "string" ? stem(json.scriptFile) : "index";
  if (stem(file.getFilePath()) !== script) return undefined;
  return { entryPoint: typeof json.entryPoint === "string" ? json.entryPoint : undefined };
}

function findV3Function(file: SourceFile): EntryPoint[] {
  const config = functionJsonFor(file);
  if (!config) return [];
  const found = v3Export(file, config.entryPoint);
  if (!found || found.fn.getSourceFile() !== file || !isFunctionLike(found.fn)) return [];
  return [{ platform: "azure", azureModel: "v3", exportName: found.name, fn: found.fn, wrapped: false, evidence: "config", defer: NO_DEFER }];
}

/** The exported function the runtime calls: `entryPoint`, else the only export, `module.exports = fn` or `export default`, else `run` or `index`. */
function v3Export(file: SourceFile, entryPoint: string | undefined): { name: string; fn: FunctionLike } | undefined {
  if (!entryPoint) {
    for (const statement of file.getStatements()) {
      if (!Node.isExpressionStatement(statement)) continue;
      const expr = statement.getExpression();
      if (!Node.isBinaryExpression(expr) || expr.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
      if (expr.getLeft().getText().replace(/\s+/g, "") !== "module.exports") continue;
      const fn = functionOf(file, expr.getRight());
      if (fn) return { name: "module.exports", fn };
    }
  }
  const exports = collectExports(file);
  const pick = entryPoint
    ? exports.find((e) => e.name === entryPoint)
    : (exports.length === 1 ? exports[0] : undefined) ?? exports.find((e) => e.name === "default") ?? exports.find((e) => e.name === "run" || e.name === "index");
  const resolved = pick && resolveFunction(file, pick);
  return resolved && !resolved.wrapped ? { name: pick.name, fn: resolved.fn } : undefined;
}
