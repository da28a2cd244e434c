import { Node } from "ts-morph";
import { defineTransform, type TransformContext } from "../../src/define-transform.js";
import { ownStatements } from "../../src/function-body.js";
import type { FunctionLike } from "../../src/handlers/entry-point.js";
import { makeAsync, whyNotMakeAsync } from "../../src/make-async.js";
import { classifyExpressionBody, classifyStatement, type Floating } from "./classify.js";
import { usesSemicolons } from "../../src/layout.js";
import { awaitAtExits, classifyPendingVariable } from "./pending-variables.js";

/** Await the promise-like work that handlers (and the functions they reach) start but never wait for. */
export default defineTransform({
  id: "floating-promises",
  summary: "await promises a handler starts but never waits for: calls, .then/.catch chains, void, Promise.all, unused promise variables, forEach(async)",
  requiresTypeInfo: true,
  run(file, ctx) {
    for (const fn of ctx.invocation.functionsIn(file)) settleFunction(fn, ctx);
  },
});

function settleFunction(fn: FunctionLike, ctx: TransformContext): void {
  const body = fn.getBody();
  if (body && !Node.isBlock(body)) {
    settleExpressionBody(fn, body, ctx);
    return;
  }
  const floating: Floating[] = [];
  for (const statement of ownStatements(fn)) {
    if (ctx.isIgnored(statement)) continue;
    const verdicts = Node.isExpressionStatement(statement)
      ? [classifyStatement(statement)]
      : Node.isVariableStatement(statement)
        ? statement.getDeclarations().map(classifyPendingVariable)
        : [];
    for (const verdict of verdicts) {
      if (verdict && "report" in verdict) ctx.report(statement, verdict.report);
      else if (verdict) floating.push(verdict.floating);
    }
  }
  if (floating.length === 0 || !ensureAsync(fn, floating, ctx)) return;
  for (const f of floating) f.apply(ctx);
  awaitAtExits(ctx, floating.flatMap((f) => (f.pending ? [f.pending] : [])));
}

/** `async (e) => void track(e)` becomes `async (e) => { await track(e); }`: still returns undefined. */
function settleExpressionBody(fn: FunctionLike, body: Node, ctx: TransformContext): void {
  if (ctx.isIgnored(fn)) return;
  const verdict = classifyExpressionBody(body);
  if (!verdict) return;
  if ("report" in verdict) {
    ctx.report(body, verdict.report);
    return;
  }
  if (!ensureAsync(fn, [verdict.floating], ctx)) return;
  // Order matters at equal offsets: "{ " before the await, " }" after the closing parenthesis.
  ctx.insertBefore(body, "{ ");
  verdict.floating.apply(ctx);
  const statement = fn.getFirstAncestor((a) => Node.isStatement(a));
  ctx.insertAfter(body, statement && usesSemicolons(statement) ? "; }" : " }");
}

/** True when the function is (or is made) async; otherwise every floating place is reported. */
function ensureAsync(fn: FunctionLike, floating: Floating[], ctx: TransformContext): boolean {
  if (fn.isAsync()) return true;
  const why = whyNotMakeAsync(fn, ctx);
  if (why) {
    for (const f of floating) ctx.report(f.node, `${f.what} not rewritten: ${why}`);
    return false;
  }
  makeAsync(fn, ctx);
  return true;
}
