import { Node, SyntaxKind } from "ts-morph";
import type { FunctionLike } from "../../src/handlers/entry-point.js";
import { declarationNodes } from "../../src/types/index.js";
import { isAsyncLibraryCall } from "./async-library.js";

/** The `async` library's queues, whose drain runs only once a pushed task has finished. */
const QUEUE_FACTORIES = new Set(["queue", "priorityQueue", "cargo", "cargoQueue"]);
/** A v3 queue's event methods: `queue.drain(fn)` registers fn, which runs only when that event comes. */
const QUEUE_EVENTS = new Set(["drain", "empty", "saturated", "unsaturated", "error"]);

/**
 * A function that runs only if something calls it later, which nothing here proves:
 * - `queue.drain = function () { … }`, `req.onload = () => …`: a function expression assigned to a member
 *   (a property or an element) is called only if whatever reads that member calls it;
 * - `queue.drain(function () { … })` on an `async.queue(…)` (async v3, where `drain` is a method that
 *   registers the handler; assigning it does nothing there).
 * An `async` queue's drain runs only once a pushed task has finished (aws-lambda-fanout pushes one per
 * record: with no record it never runs). The old runtime answered null once the event loop was empty; a
 * promise settled only there would never settle. The member's text (`queue.drain`) when `f` is such a
 * function (through parentheses), else undefined.
 */
export function memberAssignmentOf(f: FunctionLike): string | undefined {
  if (!Node.isFunctionExpression(f) && !Node.isArrowFunction(f)) return undefined;
  let value: Node = f;
  let parent = f.getParent();
  while (parent && Node.isParenthesizedExpression(parent)) [value, parent] = [parent, parent.getParent()];
  if (parent && Node.isCallExpression(parent) && parent.getArguments().length === 1 && parent.getArguments()[0] === value) {
    const callee = parent.getExpression();
    if (Node.isPropertyAccessExpression(callee) && QUEUE_EVENTS.has(callee.getName()) && isAsyncQueue(callee.getExpression())) {
      return callee.getText().replace(/\s+/g, "");
    }
    return undefined;
  }
  if (!parent || !Node.isBinaryExpression(parent) || parent.getRight() !== value) return undefined;
  if (parent.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return undefined;
  const left = parent.getLeft();
  if (!Node.isPropertyAccessExpression(left) && !Node.isElementAccessExpression(left)) return undefined;
  return left.getText().replace(/\s+/g, "");
}

/** `queue` declared as `const queue = async.queue(worker, n)` (or a cargo / priority queue). */
function isAsyncQueue(receiver: Node): boolean {
  if (!Node.isIdentifier(receiver)) return false;
  return declarationNodes(receiver).some((d) => {
    const init = d && Node.isVariableDeclaration(d) ? d.getInitializer() : undefined;
    if (!init || !Node.isCallExpression(init)) return false;
    const callee = init.getExpression();
    return Node.isPropertyAccessExpression(callee) && QUEUE_FACTORIES.has(callee.getName()) && isAsyncLibraryCall(init);
  });
}

/** The reason for an answer that lies in a function assigned to `member` (memberAssignmentOf). */
export function memberAssignedAnswerReason(member: string): string {
  return `the invocation is answered inside the function given to ${member}, which runs only if something calls it later (an async queue's drain, for one, runs only once a pushed task has finished: with nothing pushed it never runs): the old runtime then answered null once the event loop was empty, while a promise would never settle; answer on every path where it may not be called too (for a queue: \`if (!records.length) return callback(null);\` before the pushes, or \`await queue.drain();\` after them with async v3, in an async handler), and run settle again`;
}
