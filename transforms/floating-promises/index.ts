import { Node } from "ts-morph";
import { defineTransform, type TransformContext } from "../../src/define-transform.js";
import { ownStatements } from "../../src/function-body.js";
import type { FunctionLike } from "../../src/handlers/entry-point.js";
import { makeAsync, whyNotMakeAsync } from "../../src/make-async.js";
import { classifyStatement, type Floating } from "./classify.js";
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
  if (floating.length === 0) return;
  if (!fn.isAsync()) {
    const why = whyNotMakeAsync(fn, ctx);
    if (why) {
      for (const f of floating) ctx.report(f.node, `${f.what} not rewritten: ${why}`);
      return;
    }
    makeAsync(fn, ctx);
  }
  for (const f of floating) f.apply(ctx);
  awaitAtExits(ctx, floating.flatMap((f) => (f.pending ? [f.pending] : [])));
}
