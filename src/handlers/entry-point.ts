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

/** An exported function that a platform calls once per invocation. */
export interface EntryPoint {
  platform: "lambda";
  /** The export name the platform calls (`handler`, `default`, ...). */
  exportName: string;
  fn: FunctionLike;
  /** The function is an argument of a wrapper (`middy(fn)`): its own signature is not what is exported. */
  wrapped: boolean;
  /** Why it was recognised: a config file names it, its types say so, or its name and parameters do. */
  evidence: "config" | "type" | "convention";
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

/** The first function literal handed to a wrapper call chain such as `middy(fn).use(x)`. */
export function functionInsideWrapper(node: Node): FunctionLike | undefined {
  let call: Node | undefined = node;
  // Walk down `a(b).use(c).use(d)` to the innermost call, whose arguments hold the handler.
  while (call && Node.isCallExpression(call)) {
    const callee: Node = call.getExpression();
    if (Node.isPropertyAccessExpression(callee) && Node.isCallExpression(callee.getExpression())) {
      call = callee.getExpression();
      continue;
    }
    for (const arg of call.getArguments()) {
      const inner = unwrapExpression(arg);
      if (inner && (Node.isArrowFunction(inner) || Node.isFunctionExpression(inner))) return inner;
    }
    return undefined;
  }
  return undefined;
}

export function isAsync(fn: FunctionLike): boolean {
  return fn.hasModifier(SyntaxKind.AsyncKeyword);
}
