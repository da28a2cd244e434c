import { Node, SyntaxKind, type ArrowFunction, type CallExpression, type FunctionExpression, type PropertyAccessExpression, type Statement } from "ts-morph";
import { requiredModuleOf } from "../../src/imports.js";
import { declarationNodes, declarationsOf, typeMemberNames } from "../../src/types/index.js";
import { isErrorFirstProjectFunction } from "./error-first.js";

/** A callback passed as a function literal. */
export type Callback = ArrowFunction | FunctionExpression;

/** A statement-level call that starts work through a callback the invocation does not wait for. */
export type CallbackApi =
  | { kind: "timer"; call: CallExpression; name: "setTimeout" | "setImmediate"; callback: Callback; delay?: Node }
  | { kind: "fs"; call: CallExpression; receiver: string; method: string; args: Node[]; callback: Callback }
  /** `client.method(params, cb)` on an AWS SDK v2 client: `client.method(params).promise()`. */
  | { kind: "aws-sdk-v2"; call: CallExpression; receiver: string; method: string; args: Node[]; callback: Callback }
  /** A callback API of a Node core module with a known promise form (dns, zlib, crypto, child_process). */
  | { kind: "module"; call: CallExpression; api: ModuleApi; callee: string; receiver?: string; args: Node[]; callback: Callback }
  /** Another API whose declared callback takes an `Error` first: `await new Promise(...)` around the call. */
  | { kind: "node-style"; call: CallExpression; args: Node[]; callback: Callback }
  | { kind: "unsupported"; call: CallExpression; reason: string };

/** fs methods whose `fs.promises` form resolves to the callback's one result (or nothing). */
const FS_METHODS = new Set([
  "access", "appendFile", "chmod", "chown", "copyFile", "cp", "lchown", "link", "lstat", "lutimes", "mkdir", "mkdtemp",
  "readFile", "readdir", "readlink", "realpath", "rename", "rm", "rmdir", "stat", "statfs", "symlink", "truncate",
  "unlink", "utimes", "writeFile",
]);

/** A callback function of a core module and how its promise form resolves. */
export interface ModuleApi {
  module: "fs" | "dns" | "zlib" | "crypto" | "child_process" | "stream";
  name: string;
  /**
   * `promises`: `<module>.promises.<name>(…)` (with the module bound to a name); `promisify`: `promisify(<fn>)(…)`,
   * a module function that does not need its `this`.
   */
  form: "promises" | "promisify";
  /** The resolved object's properties, one per callback result (a custom promisify); none: it resolves to the one result. */
  results?: string[];
  /** The promise form rejects with an error that carries more than the callback's did (so a branch reading it would change). */
  richerError?: string;
  /** Arguments (before the callback) for which the promise form has this shape; else the call is left to the generic path. */
  accepts?: (args: Node[]) => boolean;
  /** `@types/node` types what `promisify(fn)` resolves to as `unknown`: TypeScript gets the generic (typed) form. */
  untyped?: boolean;
}

const single = (module: ModuleApi["module"], form: ModuleApi["form"], names: string[]): [string, ModuleApi][] =>
  names.map((name) => [`${module}.${name}`, { module, name, form }]);

/** Core-module callback APIs settle maps to a promise form, by `module.name`. */
const MODULE_APIS = new Map<string, ModuleApi>([
  ...single("dns", "promises", [
    "resolve", "resolve4", "resolve6", "resolveAny", "resolveCaa", "resolveCname", "resolveMx", "resolveNaptr", "resolveNs",
    "resolvePtr", "resolveSoa", "resolveSrv", "resolveTxt", "reverse",
  ]),
  // `{ all: true }` makes both forms resolve to an array instead: only options that surely leave it out.
  ["dns.lookup", { module: "dns", name: "lookup", form: "promises", results: ["address", "family"], accepts: ([, options]) => !options || Node.isNumericLiteral(options) || isObjectWithout(options, "all") }],
  ["dns.lookupService", { module: "dns", name: "lookupService", form: "promises", results: ["hostname", "service"] }],
  ...single("zlib", "promisify", ["deflate", "deflateRaw", "gzip", "gunzip", "inflate", "inflateRaw", "unzip", "brotliCompress", "brotliDecompress"]),
  ...single("crypto", "promisify", ["randomBytes", "pbkdf2", "hkdf", "generateKey"]),
  ...single("crypto", "promisify", ["randomFill", "randomInt", "scrypt", "generatePrime", "checkPrime"]).map(([key, api]): [string, ModuleApi] => [key, { ...api, untyped: true }]),
  ["crypto.generateKeyPair", { module: "crypto", name: "generateKeyPair", form: "promisify", results: ["publicKey", "privateKey"] }],
  // `stream.promises` is `node:stream/promises`: the same functions, which reject where the callback got an error.
  ...single("stream", "promises", ["pipeline", "finished"]),
  // File-descriptor functions have no `fs.promises` form of the same result (that one works on FileHandles):
  // `promisify` resolves to what the callback got (`fs.read`/`fs.write`: an object of both results).
  ...single("fs", "promisify", ["open", "close", "fstat", "fsync", "fdatasync", "ftruncate", "futimes", "fchmod", "fchown"]),
  ["fs.read", { module: "fs", name: "read", form: "promisify", results: ["bytesRead", "buffer"] }],
  ["fs.write", { module: "fs", name: "write", form: "promisify", results: ["bytesWritten", "buffer"] }],
  // One result (the signature, whether it verified); `@types/node` has no promisify overload for them.
  ...single("crypto", "promisify", ["sign", "verify"]).map(([key, api]): [string, ModuleApi] => [key, { ...api, untyped: true }]),
  ...(["exec", "execFile"] as const).map((name): [string, ModuleApi] => [
    `child_process.${name}`,
    { module: "child_process", name, form: "promisify", results: ["stdout", "stderr"], richerError: "its promise form rejects with an error that also carries `stdout` and `stderr`" },
  ]),
]);
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
  if (!callback) return namedCallbackOf(call);
  if (Node.isPropertyAccessExpression(callee) && !call.hasQuestionDotToken() && !callee.hasQuestionDotToken()) {
    const receiver = callee.getExpression();
    const method = callee.getName();
    const bound = Node.isIdentifier(receiver) ? moduleBindingOf(receiver) : undefined;
    if (bound?.module === "fs" && !bound.name) {
      if (FS_METHODS.has(method)) return { kind: "fs", call, receiver: receiver.getText(), method, args: args.slice(0, -1), callback };
      const fd = MODULE_APIS.get(`fs.${method}`);
      if (fd) return { kind: "module", call, api: fd, callee: callee.getText(), receiver: receiver.getText(), args: args.slice(0, -1), callback };
      return { kind: "unsupported", call, reason: `fs.${method} has no promise form that settle maps its callback to` };
    }
    const api = bound && !bound.name ? MODULE_APIS.get(`${bound.module}.${method}`) : undefined;
    if (api) return { kind: "module", call, api, callee: callee.getText(), receiver: receiver.getText(), args: args.slice(0, -1), callback };
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
  const bound = Node.isIdentifier(callee) ? moduleBindingOf(callee) : undefined;
  const named = !bound?.name
    ? undefined
    : bound.module === "fs" && FS_METHODS.has(bound.name)
      ? ({ module: "fs", name: bound.name, form: "promisify" } as const)
      : MODULE_APIS.get(`${bound.module}.${bound.name}`);
  // Without the module object at hand, `fs.promises` / `dns.promises` is out of reach: promisify resolves to the same values.
  if (named) return { kind: "module", call, api: { ...named, form: "promisify" }, callee: callee.getText(), args: args.slice(0, -1), callback };
  const first = callback.getParameters()[0];
  const listener = Node.isPropertyAccessExpression(callee) && LISTENERS.has(callee.getName());
  if (first && !listener && !call.hasQuestionDotToken() && isTypedError(first)) {
    return { kind: "node-style", call, args: args.slice(0, -1), callback };
  }
  // Plain JavaScript: a project function that calls back error-first on every path of its implementation.
  if (first && !listener && !call.hasQuestionDotToken() && isErrorFirstProjectFunction(call)) {
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

/**
 * A core-module callback API given its callback by name (`stream.pipeline(a, b, done)`): the work
 * escapes just the same, and the rewrite needs the callback's body at hand, so it is reported.
 */
function namedCallbackOf(call: CallExpression): CallbackApi | undefined {
  const last = call.getArguments().at(-1);
  if (!last || !(Node.isIdentifier(last) || Node.isPropertyAccessExpression(last))) return undefined;
  const callee = call.getExpression();
  const receiver = Node.isPropertyAccessExpression(callee) ? callee.getExpression() : undefined;
  const bound = receiver && Node.isIdentifier(receiver) ? moduleBindingOf(receiver) : Node.isIdentifier(callee) ? moduleBindingOf(callee) : undefined;
  if (!bound || (receiver && bound.name)) return undefined;
  const name = receiver ? (callee as PropertyAccessExpression).getName() : bound.name;
  const key = `${bound.module}.${name}`;
  if (!MODULE_APIS.has(key) && !(bound.module === "fs" && FS_METHODS.has(name ?? ""))) return undefined;
  return {
    kind: "unsupported",
    call,
    reason: `${key} is given its callback by name, so its work escapes the invocation: await its promise form and call \`${last.getText()}\` after it (or pass the callback inline and run settle again)`,
  };
}

/** An identifier that is not declared in the file: a global (or a lib declaration). */
function isGlobal(id: Node): boolean {
  return declarationsOf(id).every((d) => d.inDeclarationFile);
}

/** How a name is bound to a Node core module: the module itself, or one of its exports (`name`). */
export interface ModuleBinding {
  /** Without the `node:` prefix: "fs", "zlib", … */
  module: string;
  name?: string;
}

/**
 * The core module `id` is bound to: `require("zlib")`, `import zlib from "zlib"`, `import * as zlib from "node:zlib"`
 * (the module), or `import { gzip } from "zlib"`, `const { gzip } = require("node:zlib")` (one export, `name`).
 */
export function moduleBindingOf(id: Node): ModuleBinding | undefined {
  const bindings = declarationsOf(id).map((d) => (d.inDeclarationFile ? undefined : bindingOfDeclaration(d.node())));
  const [first] = bindings;
  if (!first || bindings.some((b) => !b || b.module !== first.module || b.name !== first.name)) return undefined;
  return first;
}

function bindingOfDeclaration(d: Node | undefined): ModuleBinding | undefined {
  if (!d) return undefined;
  const core = (specifier: string | undefined) => (specifier ? CORE_MODULE.exec(specifier)?.[1] : undefined);
  if (Node.isVariableDeclaration(d) && Node.isIdentifier(d.getNameNode())) {
    const module = core(requiredModuleOf(d));
    return module ? { module } : undefined;
  }
  if (Node.isBindingElement(d) && Node.isObjectBindingPattern(d.getParent()) && !d.getDotDotDotToken()) {
    const variable = d.getParent()?.getParent();
    const module = variable && Node.isVariableDeclaration(variable) ? core(requiredModuleOf(variable)) : undefined;
    const name = d.getPropertyNameNode()?.getText() ?? d.getName();
    return module && /^\w+$/.test(name) ? { module, name } : undefined;
  }
  const decl = d.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
  if (!decl || decl.isTypeOnly()) return undefined;
  const module = core(decl.getModuleSpecifierValue());
  if (!module) return undefined;
  if (Node.isImportClause(d) || Node.isNamespaceImport(d)) return { module };
  if (Node.isImportSpecifier(d) && !d.isTypeOnly()) return { module, name: d.getName() };
  return undefined;
}

const CORE_MODULE = /^(?:node:)?(fs|dns|zlib|crypto|child_process|stream|util)$/;

/** An object literal of plain properties, none of them called `key` (no spread, no computed name). */
function isObjectWithout(node: Node, key: string): boolean {
  return (
    Node.isObjectLiteralExpression(node) &&
    node.getProperties().every((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && !Node.isComputedPropertyName(p.getNameNode()) && p.getName().replace(/^["']|["']$/g, "") !== key)
  );
}

/**
 * A variable created by `new <aws-sdk export>(...)`: `new AWS.S3()`, `new AWS.DynamoDB.DocumentClient()`,
 * `new S3()` with `S3` from "aws-sdk" or "aws-sdk/clients/s3". Its request methods take an optional
 * callback, and without one return an `AWS.Request` whose `.promise()` sends it.
 */
function isAwsV2Client(id: Node): boolean {
  const declarations = declarationNodes(id);
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
  return declarationNodes(id).some((d) => {
    if (!d) return false;
    if (Node.isImportClause(d) || Node.isNamespaceImport(d) || Node.isImportSpecifier(d)) {
      return fromAws(d.getFirstAncestorByKind(SyntaxKind.ImportDeclaration)?.getModuleSpecifierValue());
    }
    const variable = Node.isBindingElement(d) ? d.getFirstAncestorByKind(SyntaxKind.VariableDeclaration) : Node.isVariableDeclaration(d) ? d : undefined;
    return !!variable && fromAws(requiredModuleOf(variable));
  });
}

/**
 * The API's own type says the callback's first parameter is an error (`Error | null`,
 * `NodeJS.ErrnoException | null`): what the checker gives the literal's parameter from the API.
 */
export function isTypedError(param: Node): boolean {
  if (!Node.isParameterDeclaration(param) || param.getTypeNode()) return false;
  const parts = typeMemberNames(param);
  return !!parts && parts.length > 0 && parts.every((name) => /(^|\.)(\w*Error|\w*Exception)$/.test(name));
}
