import { Node, SyntaxKind } from "ts-morph";
import { defineTransform, type TransformContext } from "../../src/define-transform.js";
import { ownStatements } from "../../src/function-body.js";
import type { EntryPoint, FunctionLike } from "../../src/handlers/entry-point.js";
import { afterResponseReason, responseSentBefore } from "../../src/after-response.js";
import { makeAsync, whyNotMakeAsync } from "../../src/make-async.js";
import { classifyExpressionBody, classifyStatement, type Floating, type Verdict } from "./classify.js";
import { CHECKER_FAILED, isCheckerFailure } from "../../src/types/index.js";
import { deferWhatCan } from "./defer.js";
import { streamHelperOf } from "../../src/feeds-response.js";
import { whyAwaitWouldHang } from "../../src/await-safety.js";
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
  const entry = ctx.invocation.entryPointOf(fn);
  for (const statement of ownStatements(fn)) {
    if (ctx.isIgnored(statement) || settlesExecutor(fn, statement)) continue;
    const verdicts = classifyOwnStatement(statement, ctx);
    for (const verdict of verdicts) {
      const held = verdict && "floating" in verdict ? whyLeftAlone(verdict.floating, statement) ?? startsAfterResponse(entry, verdict.floating, statement) : undefined;
      if (verdict && "report" in verdict) ctx.report(statement, verdict.report);
      else if (held) ctx.report(statement, held);
      else if (verdict) floating.push(verdict.floating);
    }
  }
  if (floating.length === 0) return;
  // An entry point on a platform that can defer hands its work over; whatever is left is awaited.
  const { awaited, reportNotes } = deferWhatCan(fn, floating, ctx);
  if (awaited.length === 0 || !ensureAsync(fn, awaited, ctx)) return;
  reportNotes();
  for (const f of awaited) f.apply(ctx);
  awaitAtExits(ctx, awaited.flatMap((f) => (f.pending ? [f.pending] : [])));
}

/** The verdicts for one statement; a checker failure on it is reported there and costs only that statement. */
function classifyOwnStatement(statement: Node, ctx: TransformContext): Verdict[] {
  try {
    if (Node.isExpressionStatement(statement)) return [classifyStatement(statement)];
    if (Node.isVariableStatement(statement)) return statement.getDeclarations().map(classifyPendingVariable);
    return [];
  } catch (error) {
    if (!isCheckerFailure(error)) throw error;
    ctx.report(statement, CHECKER_FAILED);
    return [];
  }
}

/** `async (e) => void track(e)` becomes `async (e) => { await track(e); }`: still returns undefined. */
function settleExpressionBody(fn: FunctionLike, body: Node, ctx: TransformContext): void {
  if (ctx.isIgnored(fn)) return;
  let verdict: Verdict;
  try {
    verdict = classifyExpressionBody(body);
  } catch (error) {
    if (!isCheckerFailure(error)) throw error;
    ctx.report(body, CHECKER_FAILED);
    return;
  }
  if (!verdict) return;
  const held = "floating" in verdict ? whyLeftAlone(verdict.floating, body) : undefined;
  if ("report" in verdict || held) {
    ctx.report(body, "report" in verdict ? verdict.report : held!);
    return;
  }
  // `=> void track(e)` becomes `=> after(() => track(e))`: it still returns undefined.
  const { awaited, reportNotes } = deferWhatCan(fn, [verdict.floating], ctx);
  if (awaited.length === 0 || !ensureAsync(fn, awaited, ctx)) return;
  reportNotes();
  // Order matters at equal offsets: "{ " before the await, " }" after the closing parenthesis.
  ctx.insertBefore(body, "{ ");
  verdict.floating.apply(ctx);
  const statement = fn.getFirstAncestor((a) => Node.isStatement(a));
  ctx.insertAfter(body, statement && usesSemicolons(statement) ? "; }" : " }");
}

/**
 * Work an HTTP function starts once its response may have been sent: the platform ends the
 * invocation there (Cloud Functions), so no await after that point keeps it inside.
 */
function startsAfterResponse(entry: EntryPoint | undefined, f: Floating, statement: Node): string | undefined {
  const send = entry && responseSentBefore(entry, statement);
  return send ? afterResponseReason(f.what, send) : undefined;
}

/** Work that must be neither awaited nor deferred, and why (src/await-safety.ts). */
function whyLeftAlone(f: Floating, statement: Node): string | undefined {
  return whyAwaitWouldHang(f.what, statement, f.work?.expr ?? f.pending?.statement ?? statement);
}

/**
 * In `new Promise((resolve, reject) => { work.then(resolve).catch(reject); })` the chain is what
 * settles the promise being built, so it does not escape: whoever awaits that promise waits for it.
 */
function settlesExecutor(fn: FunctionLike, statement: Node): boolean {
  const parent = fn.getParent();
  if (!parent || !Node.isNewExpression(parent) || parent.getExpression().getText() !== "Promise") return false;
  if (parent.getArguments()[0] !== fn) return false;
  const settlers = fn.getParameters().slice(0, 2).map((p) => p.getName());
  return statement.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => settlers.includes(id.getText()));
}

/** True when the function is (or is made) async; otherwise every floating place is reported. */
function ensureAsync(fn: FunctionLike, floating: Floating[], ctx: TransformContext): boolean {
  // Its caller does not wait for what it returns (an override a library calls): awaiting in it would not help.
  const held = ctx.invocation.entryPointOf(fn)?.held;
  if (held) {
    for (const f of floating) ctx.report(f.node, `${f.what} not rewritten: ${held}`);
    return false;
  }
  if (fn.isAsync()) return true;
  // A response helper's callback (AI SDK execute, Hono stream()) may return a promise: the helper awaits it.
  const why = streamHelperOf(fn) ? undefined : whyNotMakeAsync(fn, ctx);
  if (why) {
    for (const f of floating) ctx.report(f.node, `${f.what} not rewritten: ${why}`);
    return false;
  }
  makeAsync(fn, ctx);
  return true;
}
