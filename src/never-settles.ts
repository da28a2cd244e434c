import { Node, SyntaxKind } from "ts-morph";
import { responseStreamName } from "./feeds-response.js";

/** The reason for a promise nothing can settle (`new Promise(async () => { … })`). */
export const NEVER_SETTLES = "this promise never settles: awaiting it would hang; await the work inside it instead";

const LISTEN_METHODS = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener", "addEventListener"]);
const STORE_METHODS = new Set(["push", "unshift", "set", "add"]);

/**
 * Why awaiting this `new Promise(executor)` where the work starts would hang, or undefined when its
 * executor can settle it there (or settle cannot tell):
 * - the executor takes neither `resolve` nor `reject` (or never mentions them): nothing settles it;
 * - it only hands them to an event of the response (`res.on("finish", resolve)`) that is not ended
 *   before: the response finishes after the handler returns, so the promise settles only then;
 * - it only stores them (`unlock = resolve`, `waiters.push(resolve)`): a lock or gate released by
 *   other code, maybe after the return (or by a later invocation), so settle cannot say it settles.
 * `null`: it settles on an event of a response ended before it (awaiting it is fine).
 */
export function whyNeverSettles(work: Node): string | null | undefined {
  let expr: Node | undefined = work;
  if (Node.isVariableStatement(expr)) expr = expr.getDeclarations()[0]?.getInitializer();
  while (expr && Node.isParenthesizedExpression(expr)) expr = expr.getExpression();
  if (!expr || !Node.isNewExpression(expr) || expr.getExpression().getText() !== "Promise") return undefined;
  const executor = expr.getArguments()[0];
  if (!executor || !(Node.isArrowFunction(executor) || Node.isFunctionExpression(executor))) return undefined;
  const settlers = executor.getParameters().slice(0, 2);
  // A destructured or defaulted parameter, or `arguments`: too clever to judge, assume it can settle.
  if (settlers.some((p) => !Node.isIdentifier(p.getNameNode()))) return undefined;
  const names = new Set(settlers.map((p) => p.getName()));
  names.add("arguments");
  const uses = executor.getBody().getDescendantsOfKind(SyntaxKind.Identifier).filter((id) => names.has(id.getText()) && !isPropertyName(id));
  if (uses.length === 0) return NEVER_SETTLES;
  const events: string[] = [];
  const stored: string[] = [];
  let ended = false;
  for (const use of uses) {
    const listened = responseEventOf(use, expr, executor);
    const store = listened ? undefined : storeOf(use);
    if (listened === null) ended = true;
    else if (listened) events.push(listened);
    else if (store) stored.push(store);
    else return undefined; // called, or handed to code that may call it
  }
  if (ended && events.length === 0 && stored.length === 0) return null;
  if (events.length > 0 && stored.length === 0) {
    return `awaiting it would hang: it settles only on ${events[0]}, which the response emits after the handler returns; leave it un-awaited, or end the response before awaiting it`;
  }
  return `awaiting it could hang: only code elsewhere settles it, through ${stored.length > 0 ? `\`${stored[0]}\`` : events[0]} kept for later (a lock or gate released after the return never is before it); await it where it is released, or make sure the release comes first`;
}

/**
 * `res.on("finish", resolve)` (or `() => resolve()`) with `res` the response: `` `res` emitting "finish" ``;
 * null when the response is ended before the promise is made.
 */
function responseEventOf(use: Node, promise: Node, executor: Node): string | null | undefined {
  // `() => resolve()` as the listener: the function that calls it is what is handed over.
  let handed: Node = use;
  const inner = use.getFirstAncestor((a) => Node.isArrowFunction(a) || Node.isFunctionExpression(a));
  if (inner && inner !== executor && Node.isCallExpression(use.getParent()) && (use.getParent() as Node & { getExpression(): Node }).getExpression() === use) handed = inner;
  const call = handed.getParent();
  if (!Node.isCallExpression(call) || !call.getArguments().includes(handed as never)) return undefined;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || !LISTEN_METHODS.has(callee.getName())) return undefined;
  const target = callee.getExpression();
  if (!Node.isIdentifier(target)) return undefined;
  const name = responseStreamName(target, promise);
  if (!name) return undefined;
  if (endedBefore(name, promise)) return null;
  const event = call.getArguments()[0];
  return `\`${name}\` emitting ${event?.getText() ?? "an event"}`;
}

/** `res.end()` in the same function before the promise: the response can finish while the handler waits. */
function endedBefore(name: string, promise: Node): boolean {
  const fn = promise.getFirstAncestor((a) => Node.isFunctionDeclaration(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a) || Node.isMethodDeclaration(a));
  if (!fn) return false;
  const isFn = (a: Node) => Node.isFunctionDeclaration(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a) || Node.isMethodDeclaration(a);
  return fn.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
    const callee = call.getExpression();
    // In the function's own flow: an `end()` inside a callback or helper may run at any time.
    if (call.getFirstAncestor(isFn) !== fn) return false;
    return call.getEnd() <= promise.getStart() && Node.isPropertyAccessExpression(callee) && callee.getName() === "end" && callee.getExpression().getText() === name;
  });
}

/** `unlock = resolve`, `this.release = r`, `waiters.push(resolve)`: kept for other code to call; the keeper's name. */
function storeOf(use: Node): string | undefined {
  const parent = use.getParent();
  if (Node.isBinaryExpression(parent)) {
    return parent.getRight() === use && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken ? parent.getLeft().getText() : undefined;
  }
  if (Node.isCallExpression(parent)) {
    const callee = parent.getExpression();
    if (Node.isPropertyAccessExpression(callee) && STORE_METHODS.has(callee.getName()) && parent.getArguments().includes(use as never)) return callee.getExpression().getText();
  }
  return undefined;
}

function isPropertyName(id: Node): boolean {
  const parent = id.getParent();
  return Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id;
}
