import { Node, SyntaxKind, type ArrowFunction, type CallExpression, type FunctionExpression, type Statement } from "ts-morph";

/** A callback passed as a function literal. */
export type Callback = ArrowFunction | FunctionExpression;

/** A statement-level call that starts work through a callback the invocation does not wait for. */
export type CallbackApi =
  | { kind: "timer"; call: CallExpression; name: "setTimeout" | "setImmediate"; callback: Callback; delay?: Node }
  | { kind: "fs"; call: CallExpression; receiver: string; method: string; args: Node[]; callback: Callback }
  /** `client.method(params, cb)` on an AWS SDK v2 client: `client.method(params).promise()`. */
  | { kind: "aws-sdk-v2"; call: CallExpression; receiver: string; method: string; args: Node[]; callback: Callback }
  /** Another API whose declared callback takes an `Error` first: `await new Promise(...)` around the call. */
  | { kind: "node-style"; call: CallExpression; args: Node[]; callback: Callback }
  | { kind: "unsupported"; call: CallExpression; reason: string };

/** fs methods whose `fs.promises` form resolves to the callback's one result (or nothing). */
const FS_METHODS = new Set([
  "access", "appendFile", "chmod", "chown", "copyFile", "cp", "lchown", "link", "lstat", "lutimes", "mkdir", "mkdtemp",
  "readFile", "readdir", "readlink", "realpath", "rename", "rm", "rmdir", "stat", "statfs", "symlink", "truncate",
  "unlink", "utimes", "writeFile",
]);
const FS_MODULES = new Set(["fs", "node:fs"]);
/** AWS SDK v2 client methods that do not return an `AWS.Request` (no `.promise()` of the same result). */
const AWS_NOT_REQUESTS = new Set(["getSignedUrl", "createPresignedPost", "createSet", "on", "setupRequestListeners", "makeRequest", "makeUnauthenticatedRequest"]);
const ERROR_PARAM = /^_?(err|error|er)$/i;
/** Listener registrations are events, not one-shot callbacks (the emitters transform handles those). */
const LISTENERS = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener", "then", "catch", "finally"]);

/** What a statement starts through a callback, or undefined when it is not such a call. */
export function matchCallbackApi(statement: Statement): CallbackApi | undefined {
  if (!Node.isExpressionStatement(statement)) return undefined;
  const call = statement.getExpression();
  if (!Node.isCallExpression(call)) return undefined;
  const callee = call.getExpression();
  const args = call.getArguments();
  const last = args.at(-1);
  const callback = last && (Node.isArrowFunction(last) || Node.isFunctionExpression(last)) ? last : undefined;
  if (Node.isIdentifier(callee) && isGlobal(callee)) {
    const name = callee.getText();
    if (name === "setInterval") return { kind: "unsupported", call, reason: "setInterval repeats until cleared: it has no single promise form to await" };
    if (name === "setTimeout" || name === "setImmediate") {
      const first = args[0];
      const fn = first && (Node.isArrowFunction(first) || Node.isFunctionExpression(first)) ? first : undefined;
      const arity = name === "setTimeout" ? 2 : 1;
      if (!fn || args.length > arity || fn.getParameters().length > 0) {
        return { kind: "unsupported", call, reason: `${name} with a callback that is not an inline function without parameters, or with extra arguments` };
      }
      return { kind: "timer", call, name, callback: fn, delay: name === "setTimeout" ? args[1] : undefined };
    }
  }
  if (!callback) return undefined;
  if (Node.isPropertyAccessExpression(callee) && !call.hasQuestionDotToken() && !callee.hasQuestionDotToken()) {
    const receiver = callee.getExpression();
    const method = callee.getName();
    if (Node.isIdentifier(receiver) && isFsModule(receiver)) {
      if (FS_METHODS.has(method)) return { kind: "fs", call, receiver: receiver.getText(), method, args: args.slice(0, -1), callback };
      return { kind: "unsupported", call, reason: `fs.${method} has no promise form that settle maps its callback to` };
    }
    if (Node.isIdentifier(receiver) && isAwsV2Client(receiver)) {
      if (args.length === 2 && !AWS_NOT_REQUESTS.has(method)) {
        return { kind: "aws-sdk-v2", call, receiver: receiver.getText(), method, args: args.slice(0, -1), callback };
      }
      return {
        kind: "unsupported",
        call,
        reason: `${receiver.getText()}.${method}(…) of an AWS SDK v2 client is not a one-argument request whose \`.promise()\` has the callback's result: await a promise form by hand (getSignedUrlPromise, …)`,
      };
    }
  }
  const first = callback.getParameters()[0];
  const listener = Node.isPropertyAccessExpression(callee) && LISTENERS.has(callee.getName());
  if (first && !listener && !call.hasQuestionDotToken() && isTypedError(first)) {
    return { kind: "node-style", call, args: args.slice(0, -1), callback };
  }
  if (first && !listener && ERROR_PARAM.test(first.getName())) {
    return {
      kind: "unsupported",
      call,
      reason:
        "a node-style callback API starts work here that the invocation does not wait for; settle knows no promise form of it: await its promise form (AWS SDK v2: `await client.method(params).promise()`) or `util.promisify` it",
    };
  }
  return undefined;
}

/** An identifier that is not declared in the file: a global (or a lib declaration). */
function isGlobal(id: Node): boolean {
  const declarations = id.getSymbol()?.getDeclarations() ?? [];
  return declarations.every((d) => d.getSourceFile().isDeclarationFile());
}

/** `fs` bound to the module: `require("fs")`, `import fs from "fs"`, `import * as fs from "node:fs"`. */
function isFsModule(id: Node): boolean {
  const declarations = id.getSymbol()?.getDeclarations() ?? [];
  return declarations.length > 0 && declarations.every((d) => {
    if (Node.isVariableDeclaration(d) && Node.isIdentifier(d.getNameNode())) {
      const init = d.getInitializer();
      if (!init || !Node.isCallExpression(init) || init.getExpression().getText() !== "require") return false;
      const arg = init.getArguments()[0];
      return !!arg && Node.isStringLiteral(arg) && FS_MODULES.has(arg.getLiteralValue());
    }
    if (Node.isImportClause(d) || Node.isNamespaceImport(d)) {
      const decl = d.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
      return !!decl && !decl.isTypeOnly() && FS_MODULES.has(decl.getModuleSpecifierValue());
    }
    return false;
  });
}

/**
 * A variable created by `new <aws-sdk export>(...)`: `new AWS.S3()`, `new AWS.DynamoDB.DocumentClient()`,
 * `new S3()` with `S3` from "aws-sdk" or "aws-sdk/clients/s3". Its request methods take an optional
 * callback, and without one return an `AWS.Request` whose `.promise()` sends it.
 */
function isAwsV2Client(id: Node): boolean {
  const declarations = id.getSymbol()?.getDeclarations() ?? [];
  if (declarations.length !== 1) return false;
  const decl = declarations[0];
  if (!Node.isVariableDeclaration(decl)) return false;
  const list = decl.getParent();
  if (Node.isVariableDeclarationList(list) && list.getDeclarationKind() !== "const") return false;
  const init = decl.getInitializer();
  if (!init || !Node.isNewExpression(init)) return false;
  let root: Node = init.getExpression();
  while (Node.isPropertyAccessExpression(root)) root = root.getExpression();
  return Node.isIdentifier(root) && isFromAwsSdk(root);
}

function isFromAwsSdk(id: Node): boolean {
  const fromAws = (specifier: string | undefined) => specifier === "aws-sdk" || !!specifier?.startsWith("aws-sdk/clients/");
  return (id.getSymbol()?.getDeclarations() ?? []).some((d) => {
    if (Node.isImportClause(d) || Node.isNamespaceImport(d) || Node.isImportSpecifier(d)) {
      return fromAws(d.getFirstAncestorByKind(SyntaxKind.ImportDeclaration)?.getModuleSpecifierValue());
    }
    const variable = Node.isBindingElement(d) ? d.getFirstAncestorByKind(SyntaxKind.VariableDeclaration) : Node.isVariableDeclaration(d) ? d : undefined;
    const init = variable?.getInitializer();
    if (!init || !Node.isCallExpression(init) || init.getExpression().getText() !== "require") return false;
    const arg = init.getArguments()[0];
    return !!arg && Node.isStringLiteral(arg) && fromAws(arg.getLiteralValue());
  });
}

/**
 * The API's own type says the callback's first parameter is an error (`Error | null`,
 * `NodeJS.ErrnoException | null`): what the checker gives the literal's parameter from the API.
 */
function isTypedError(param: Node): boolean {
  if (!Node.isParameterDeclaration(param) || param.getTypeNode()) return false;
  const type = param.getType();
  if (type.isAny() || type.isUnknown()) return false;
  const parts = (type.isUnion() ? type.getUnionTypes() : [type]).filter((t) => !t.isNull() && !t.isUndefined());
  return parts.length > 0 && parts.every((t) => /(^|\.)(\w*Error|\w*Exception)$/.test(t.getSymbol()?.getName() ?? t.getText()));
}
