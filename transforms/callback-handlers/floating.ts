import { Node, type Statement } from "ts-morph";
import type { TransformContext } from "../../src/define-transform.js";
import { classifyStatement, type Floating } from "../floating-promises/classify.js";
import { classifyPendingVariable } from "../floating-promises/pending-variables.js";
import type { Problem } from "./sites.js";
import { isTypedError } from "../callback-apis/match.js";
import { whyAwaitWouldHang } from "../../src/await-safety.js";

const TIMERS = /^(setTimeout|setInterval|setImmediate|process\.nextTick|(globalThis|global)\.(setTimeout|setInterval|setImmediate))$/;
const ERROR_PARAM = /^_?(err|error|er)$/i;

const WAITED = "the old runtime waited for the event loop to empty before it answered";

/**
 * Work a callback-style handler starts without waiting for it: the old runtime still waited for it
 * (after `callback(null, x)` it answered only once the event loop was empty), an async handler does
 * not. Promise-like statements are returned to be awaited where the code becomes async
 * (`awaitable`), and reported where it cannot (inside the promise a handler is wrapped in).
 * Timers and node-style callback calls are returned apart (`callbackWork`, not in `problems`): the
 * caller reports them, unless callback-apis, later in the same run, takes them over (cooperate.ts).
 * Calls of unknown type are left to floating-promises, which reports them.
 */
export function findFloatingWork(
  statements: Statement[],
  mentions: (node: Node) => boolean,
  canAwait: boolean,
  ctx: TransformContext,
  /** The old runtime waited for the event loop (Lambda); false: the answer ended the invocation at once (Azure v3). */
  waited = true,
): { floating: Floating[]; problems: Problem[]; callbackWork: Problem[] } {
  const floating: Floating[] = [];
  const problems: Problem[] = [];
  const callbackWork: Problem[] = [];
  for (const statement of statements) {
    if (mentions(statement) || ctx.isIgnored(statement)) continue;
    if (Node.isExpressionStatement(statement)) {
      const expr = statement.getExpression();
      const why = whyUnawaitable(expr);
      if (why) {
        // Without the wait it escaped before as it does after: left to the later passes.
        if (waited) callbackWork.push({ node: statement, reason: `${why}: ${WAITED}, an async handler does not; make it a promise and await it` });
        continue;
      }
      const verdict = classifyStatement(statement);
      // `event.Records.forEach(processRecord)` with an async processRecord on an untyped receiver: promises
      // for certain, which floating-promises only notes. The old runtime's wait covered them.
      if (waited && verdict && "report" in verdict && verdict.report.startsWith("forEach with an async callback")) {
        problems.push({ node: statement, reason: `${verdict.report}, and the promises it starts are work ${WAITED}, an async handler does not: await them (\`await Promise.all(list.map(fn))\` when it is an array) and run settle again` });
        continue;
      }
      const hangs = verdict && "floating" in verdict ? whyAwaitWouldHang(verdict.floating.what, statement, verdict.floating.work?.expr ?? expr) : undefined;
      if (hangs) problems.push({ node: statement, reason: hangs });
      else if (verdict && "floating" in verdict) {
        if (canAwait) floating.push(verdict.floating);
        else if (waited) problems.push({ node: statement, reason: `${verdict.floating.what} started here: ${WAITED}, and inside a promise wrapper it would escape: await it before calling back (make the function around it async)` });
        else problems.push({ node: statement, reason: `${verdict.floating.what} started here, inside the promise wrapper the conversion needs, would still escape: await it before answering (make the function around it async)` });
      }
    } else if (Node.isVariableStatement(statement)) {
      for (const decl of statement.getDeclarations()) {
        const init = decl.getInitializer();
        const why = init && whyUnawaitable(init);
        if (why) {
          if (waited) callbackWork.push({ node: decl, reason: `${why}: ${WAITED}, an async handler does not; make it a promise and await it` });
          continue;
        }
        const verdict = classifyPendingVariable(decl);
        if (verdict && "floating" in verdict && waited) {
          problems.push({ node: decl, reason: `promise stored in \`${decl.getName()}\` and never awaited: ${WAITED}; await it before converting` });
        }
      }
    }
  }
  return { floating, problems, callbackWork };
}

/** Timers and node-style callback calls (`s3.putObject(params, (err) => ...)`): work the old runtime waited for. */
function whyUnawaitable(expr: Node): string | undefined {
  if (!Node.isCallExpression(expr)) return undefined;
  const callee = expr.getExpression().getText().replace(/\s+/g, "");
  if (TIMERS.test(callee)) return `a timer is started here (${callee})`;
  const last = expr.getArguments().at(-1);
  if (last && (Node.isArrowFunction(last) || Node.isFunctionExpression(last))) {
    const first = last.getParameters()[0];
    // By name (`err`, untyped JavaScript) or by the API's own type (`(e: Error | null, out) => …`).
    if (first && (ERROR_PARAM.test(first.getName()) || isTypedError(first))) return "work with a node-style callback is started here";
  }
  return undefined;
}
