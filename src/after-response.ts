import { Node, SyntaxKind, type CallExpression } from "ts-morph";
import type { EntryPoint } from "./handlers/entry-point.js";

/** Express response methods that send the response (`res.status(200).send()` too). */
const SEND_METHODS = new Set(["send", "json", "jsonp", "end", "redirect", "sendStatus", "sendFile", "download", "render"]);

/** Why work that starts after the response was sent is reported, not rewritten (rule after-response). */
export function afterResponseReason(what: string, send: CallExpression): string {
  const call = send.getText().length > 40 ? `${send.getExpression().getText().slice(0, 40)}(…)` : send.getText();
  return `${what} not rewritten: it starts after the response is sent (\`${call}\` on line ${send.getStartLineNumber()}), and the invocation ends with the response: move the work before the response, or hand it to a background function (a Pub/Sub or Firestore trigger, Cloud Tasks)`;
}

/**
 * The response call that may have run before `statement`, in an entry point whose invocation ends
 * when the response is sent (EntryPoint.respondsWith: Cloud Functions' HTTP functions); undefined
 * when none can have. A send counts when it stands in a statement before this one on its way up
 * to the function's body (in any branch, or in a callback handed to a call there), unless its own
 * path leaves the function first (`return res.send()`, `res.send(); return;`).
 */
export function responseSentBefore(entry: EntryPoint, statement: Node): CallExpression | undefined {
  if (entry.respondsWith === undefined || !Node.isBlock(entry.fn.getBody())) return undefined;
  const param = entry.fn.getParameters()[entry.respondsWith];
  if (!param || !Node.isIdentifier(param.getNameNode())) return undefined;
  const res = param.getName();
  const body = entry.fn.getBody();
  for (let node: Node | undefined = statement; node && node !== body; node = node.getParent()) {
    for (const earlier of node.getPreviousSiblings()) {
      if (!Node.isStatement(earlier)) continue;
      const send = sendsIn(earlier, res).find((call) => !leavesBefore(call, earlier));
      if (send) return send;
    }
  }
  return undefined;
}

/** The calls in a statement that send the response `res`: `res.send(..)`, `res.status(..).json(..)`. */
function sendsIn(statement: Node, res: string): CallExpression[] {
  return statement.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !SEND_METHODS.has(callee.getName())) return false;
    let receiver: Node = callee.getExpression();
    for (;;) {
      const inner = Node.isCallExpression(receiver) ? receiver.getExpression() : undefined;
      if (!inner || !Node.isPropertyAccessExpression(inner)) break;
      receiver = inner.getExpression();
    }
    return Node.isIdentifier(receiver) && receiver.getText() === res && !inNestedDeclaration(call, statement);
  });
}

/** Inside a function that is declared (or stored) rather than handed to a call: it may never run. */
function inNestedDeclaration(call: Node, statement: Node): boolean {
  for (let node = call.getParent(); node && node !== statement; node = node.getParent()) {
    if (Node.isFunctionDeclaration(node) || Node.isMethodDeclaration(node) || Node.isClassDeclaration(node)) return true;
    if ((Node.isArrowFunction(node) || Node.isFunctionExpression(node)) && !Node.isCallExpression(node.getParent())) return true;
  }
  return false;
}

/**
 * Whether the path through the send returns or throws before leaving `top` (so it never reaches
 * what follows `top`); a return inside a callback the send sits in leaves only that callback.
 */
function leavesBefore(send: Node, top: Node): boolean {
  // Statements inside callbacks the send sits in: their returns leave only the callback.
  const callbacks = send.getAncestors().filter((a) => (Node.isArrowFunction(a) || Node.isFunctionExpression(a)) && a.getPos() >= top.getPos());
  const from = callbacks.length > 0 ? callbacks[callbacks.length - 1] : send;
  for (let node: Node | undefined = from; node && node !== top.getParent(); node = node.getParent()) {
    if (!Node.isStatement(node)) continue;
    if (Node.isReturnStatement(node) || Node.isThrowStatement(node)) return true;
    if (node === top) break;
    if (node.getNextSiblings().some((s) => Node.isReturnStatement(s) || Node.isThrowStatement(s))) return true;
  }
  return false;
}
