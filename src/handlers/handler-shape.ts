import { Node, SyntaxKind } from "ts-morph";
import { unwrapExpression, type FunctionLike } from "./entry-point.js";

/** Export names the Lambda convention looks at when no config names the module: `handler`, `…Handler`. */
export const HANDLER_NAME = /^(handler|.*Handler)$/;
const EVENT_PARAM = /^_?(event|evt)$/i;
const CONTEXT_PARAM = /^_?(context|ctx)$/;
const CALLBACK_PARAM = /^_?(cb|callback|done|next|respond)$/i;
/** React-style hooks (`useNodeHandler`): named like a handler, never one. */
const HOOK_NAME = /^use[A-Z0-9]/;
/** Declared return types a handler can have: a promise, nothing, a response or result, or no claim at all. */
const HANDLER_RETURN = /^(Promise|PromiseLike|Awaitable)\b|^(void|undefined|any|unknown)$|(Response|Result|Reply|Output|Return)\b/;

/** Whether an export's name or parameters look like a Lambda handler's (the convention's first half). */
export function looksLikeHandler(exportName: string, fn: FunctionLike): boolean {
  if (HANDLER_NAME.test(exportName)) return true;
  const params = fn.getParameters().map((p) => p.getName());
  return EVENT_PARAM.test(params[0] ?? "") || CONTEXT_PARAM.test(params[1] ?? "");
}

/** `(event, context, callback)` by its parameter names: three of them, an event, a context and a callback. */
export function isCallbackHandlerShaped(fn: FunctionLike): boolean {
  const params = fn.getParameters();
  if (params.length !== 3 || params.some((p) => p.hasInitializer() || p.isRestParameter())) return false;
  const [event, context, callback] = params.map((p) => p.getName());
  return EVENT_PARAM.test(event) && CONTEXT_PARAM.test(context) && CALLBACK_PARAM.test(callback);
}

/**
 * Why a function named or shaped like a handler is not one (the convention's second half), or
 * undefined when it has a handler's shape: one to three parameters, a promise/void/response return
 * type if one is declared, not a hook, a factory, a constructor or web middleware.
 */
export function whyNotHandlerShape(exportName: string, fn: FunctionLike): string | undefined {
  if (HOOK_NAME.test(exportName)) return "named like a hook (use…), not a handler";
  const params = fn.getParameters();
  if (params.length === 0) return "takes no parameters (a Lambda handler receives the event)";
  // `(event, context, callback, extra)` is a handler of too many parameters (callback-handlers' to fix); other long lists are not handlers.
  const names = params.map((p) => p.getName());
  const eventContext = EVENT_PARAM.test(names[0] ?? "") && CONTEXT_PARAM.test(names[1] ?? "");
  if (params.length > 3 && !eventContext) return `takes ${params.length} parameters (a Lambda handler takes at most event, context and callback)`;
  const middleware = middlewareShape(fn);
  if (middleware) return `is web middleware ${middleware}, not a Lambda handler`;
  const returnType = fn.getReturnTypeNode()?.getText().replace(/\s+/g, " ");
  if (returnType && !HANDLER_RETURN.test(returnType)) return `declares return type ${returnType}, not a promise, void or a response`;
  if (returnsFunctions(fn)) return "returns a function (a factory: what it returns would be the handler, not itself)";
  if (!Node.isArrowFunction(fn) && !Node.isMethodDeclaration(fn) && usesThis(fn)) return "uses `this` (a constructor or method), not a handler";
  return undefined;
}

/** `(req, res)`, `(req, res, next)`, `(err, req, res, next)` and Koa's `(ctx, next)`: web middleware. */
export function middlewareShape(fn: FunctionLike): string | undefined {
  const names = fn.getParameters().map((p) => p.getName().replace(/^_/, ""));
  const [a, b, c] = names[0] && /^(err|error|e)$/.test(names[0]) && names.length === 4 ? names.slice(1) : names;
  if (/^(req|request)$/.test(a ?? "") && /^(res|response|reply)$/.test(b ?? "") && (c === undefined || c === "next")) return `(${names.join(", ")})`;
  if (names.length === 2 && /^(ctx|context)$/.test(a ?? "") && b === "next") return `(${names.join(", ")})`;
  return undefined;
}

/** The function returns a function or an object of functions (what a factory or hook does). */
function returnsFunctions(fn: FunctionLike): boolean {
  const body = fn.getBody();
  if (!body) return false;
  const returned: Node[] = [];
  if (!Node.isBlock(body)) returned.push(body);
  else {
    for (const ret of body.getDescendantsOfKind(SyntaxKind.ReturnStatement)) {
      if (ret.getFirstAncestor((a) => a === fn || isNestedFunction(a)) === fn) {
        const expr = ret.getExpression();
        if (expr) returned.push(expr);
      }
    }
  }
  return returned.some((r) => {
    const value = unwrapExpression(r);
    if (!value) return false;
    if (Node.isArrowFunction(value) || Node.isFunctionExpression(value)) return true;
    if (!Node.isObjectLiteralExpression(value)) return false;
    return value.getProperties().some((p) => {
      if (Node.isMethodDeclaration(p)) return true;
      const init = Node.isPropertyAssignment(p) ? unwrapExpression(p.getInitializer()) : undefined;
      return !!init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init));
    });
  });
}

function isNestedFunction(node: Node): boolean {
  return Node.isFunctionDeclaration(node) || Node.isFunctionExpression(node) || Node.isArrowFunction(node) || Node.isMethodDeclaration(node);
}

/** `this` in the function's own body (not in nested non-arrow functions). */
function usesThis(fn: FunctionLike): boolean {
  return fn.getDescendantsOfKind(SyntaxKind.ThisKeyword).some((t) => {
    const owner = t.getFirstAncestor((a) => isNestedFunction(a) && !Node.isArrowFunction(a));
    return owner === fn;
  });
}
