import { Node, SyntaxKind, type ArrowFunction, type FunctionDeclaration, type FunctionExpression, type MethodDeclaration, type SourceFile } from "ts-morph";

/** A function whose body can run inside an invocation. */
export type FunctionLike = FunctionDeclaration | FunctionExpression | ArrowFunction | MethodDeclaration;

export function isFunctionLike(node: Node): node is FunctionLike {
  return (
    Node.isFunctionDeclaration(node) ||
    Node.isFunctionExpression(node) ||
    Node.isArrowFunction(node) ||
    Node.isMethodDeclaration(node)
  );
}

/** The platforms whose entry points settle recognises (DESIGN.md section 5). */
export type Platform = "lambda" | "next" | "vercel" | "workers" | "hono" | "nest" | "netlify" | "supabase" | "firebase" | "azure";

/**
 * How a platform lets work go on after the response while keeping the invocation open, as found
 * for one entry point; "none" says why there is no such primitive (reported under --strategy defer).
 */
export type DeferSupport =
  | { kind: "after" }
  | { kind: "waitUntil" }
  /** The execution context is parameter `param` (adding it when missing), or a `member` of it (Hono's `c.executionCtx`). */
  | { kind: "ctx.waitUntil"; param: number; member?: string }
  /** A WorkerEntrypoint class method: `this.ctx`. */
  | { kind: "this.ctx.waitUntil" }
  /** Supabase's Edge Runtime global: `EdgeRuntime.waitUntil`. */
  | { kind: "EdgeRuntime.waitUntil" }
  | { kind: "none"; why: string };

/** A function that a platform calls once per invocation. */
export interface EntryPoint {
  platform: Platform;
  /** The export name the platform calls (`handler`, `default`, `GET`, ...), or how it is reached (`app.get("/x")`, `Controller.method`). */
  exportName: string;
  fn: FunctionLike;
  /** The function is an argument of a wrapper (`middy(fn)`): its own signature is not what is exported. */
  wrapped: boolean;
  /** Why it was recognised: a config file names it, its types say so, or its name, place and parameters do. */
  evidence: "config" | "type" | "convention";
  /** What the platform offers to defer work; absent means none (AWS Lambda). */
  defer?: DeferSupport;
  /**
   * Why work floating in it is reported rather than rewritten: its caller (a library calling an
   * override) does not wait for what it returns, so neither an await in it nor making it async helps.
   */
  held?: string;
  /** Azure Functions: the programming model (v3: `(context, ...inputs)` from a function.json folder, which may answer through `context.done`). */
  azureModel?: "v3" | "v4";
  /** A method of a project class that a library calls in its place (library-overrides.ts): no platform signature of its own. */
  libraryOverride?: true;
  /** The call that hands the function to the platform (`onRequest(fn)`): naming the function there is no call of it. */
  registration?: Node;
  /**
   * The invocation ends when the response (parameter `respondsWith`) is sent (Cloud Functions' HTTP
   * functions): work started after that cannot be kept inside it.
   */
  respondsWith?: number;
}

/**
 * What discovery decided about an export that looks like an entry point but is not plainly one:
 * "declined" (not treated as an entry point, and why) or "followed" (treated as one through
 * something settle does not know, such as an unknown wrapper). Listed by `--verbose`.
 */
export interface EntryNote {
  kind: "declined" | "followed";
  node: Node;
  exportName: string;
  reason: string;
}

/** A function-like value: unwraps parentheses, `as`, `satisfies` and `!`. */
export function unwrapExpression(node: Node | undefined): Node | undefined {
  let current = node;
  while (
    current &&
    (Node.isParenthesizedExpression(current) ||
      Node.isAsExpression(current) ||
      Node.isSatisfiesExpression(current) ||
      Node.isNonNullExpression(current) ||
      Node.isTypeAssertion(current))
  ) {
    current = current.getExpression();
  }
  return current;
}

/** A top-level function declaration or `const x = function/arrow` of this name in the file. */
export function findLocalFunction(file: SourceFile, name: string): { fn: FunctionLike; declaration: Node } | undefined {
  const decl = file.getFunction(name);
  if (decl?.hasBody()) return { fn: decl, declaration: decl };
  const variable = file.getVariableDeclaration(name);
  const init = unwrapExpression(variable?.getInitializer());
  if (variable && init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init))) {
    return { fn: init, declaration: variable };
  }
  return undefined;
}

export function isAsync(fn: FunctionLike): boolean {
  return fn.hasModifier(SyntaxKind.AsyncKeyword);
}
