import { Node, type Statement } from "ts-morph";
import type { TransformContext } from "../../src/define-transform.js";
import type { FunctionLike } from "../../src/handlers/entry-point.js";
import { promisifyIn } from "../callback-apis/index.js";
import { matchCallbackApi } from "../callback-apis/match.js";
import { placeOf, renderCallbackApi } from "../callback-apis/rewrite.js";
import { classifyExpressionBody, classifyStatement } from "../floating-promises/classify.js";
import { ownStatements } from "../../src/function-body.js";
import { promiseKindOf } from "../../src/types/index.js";
import { isConstant } from "./convert.js";
import type { Problem, Site } from "./sites.js";

/** What the handler's own flow holds besides the callback work. */
export interface HandlerFlow {
  fn: FunctionLike;
  /** Settling calls in the handler's own flow. */
  sites: Site[];
  /** Promise-like statements this transform awaits in the handler's own flow. */
  others: number;
  /** The handler sets `context.callbackWaitsForEmptyEventLoop`. */
  waitFlags: boolean;
}

/**
 * The timers and node-style callback calls (`callbackWork` of findFloatingWork) that stay blocking
 * findings. The old runtime waited for such work before it answered; an async handler does not.
 * When callback-apis runs later in the same run and will await the statement's promise form in
 * the converted handler, with the same order of effects and the same result, the statement is
 * left to it and the handler is converted. Otherwise (`-t callback-handlers` alone, the jscodeshift
 * adapter, a call callback-apis does not rewrite, or an order the await would change) it is reported.
 */
export function keepCallbackWork(work: Problem[], flow: HandlerFlow, ctx: TransformContext): Problem[] {
  if (work.length === 0 || !runsLater(ctx, "callback-apis")) return work;
  return work.flatMap((p) => {
    const why = whyNotLeftToCallbackApis(p.node, work.length, flow, ctx);
    return why ? [{ node: p.node, reason: `${p.reason} (callback-apis, in this run, does not take it over: ${why})` }] : [];
  });
}

/** Whether transform `id` runs after callback-handlers in this run. */
function runsLater(ctx: TransformContext, id: string): boolean {
  const own = ctx.transforms.indexOf("callback-handlers");
  return own !== -1 && ctx.transforms.indexOf(id) > own;
}

/**
 * Why awaiting the statement where it stands (what callback-apis writes) would not keep what the
 * old runtime did: every effect of the callback landed before the answer, after the handler's
 * remaining synchronous code, and the answer was the value passed to the callback.
 */
function whyNotLeftToCallbackApis(node: Node, count: number, flow: HandlerFlow, ctx: TransformContext): string | undefined {
  const { fn } = flow;
  if (!Node.isExpressionStatement(node)) return "it does not rewrite a call whose result is kept";
  const api = matchCallbackApi(node);
  if (!api) return "it does not rewrite this call";
  if (api.kind === "unsupported") return api.reason;
  const typescript = /\.[cm]?tsx?$/.test(fn.getSourceFile().getFilePath());
  // As callback-apis will see the statement in the converted handler: something (the return) follows it.
  const place = { ...placeOf(node, fn), last: false };
  const rendered = renderCallbackApi(api, node, place, { host: fn, typescript, awaitTimer: () => "", timers: [], promisify: () => promisifyIn(fn.getSourceFile())?.name });
  if ("reason" in rendered) return rendered.reason;
  if (count > 1 || flow.others > 0) {
    return "the handler starts other work beside it, which ran concurrently with it and would be awaited one after the other";
  }
  const body = fn.getBody();
  if (!body || !Node.isBlock(body) || node.getParent() !== body) {
    return "it is nested in a block of the handler, so code after the block ran before its callback and would run after it";
  }
  const statements = body.getStatements();
  const index = statements.indexOf(node);
  const after = statements.slice(index + 1);
  if (after.length === 0) {
    // Started after `callback(null, v)`: v is kept in a variable before the await (planTrailing).
    const answer = statements.slice(0, index).map((s) => siteOf(s, flow.sites)).find((site) => site?.outcome.type === "success");
    if (!answer) return "the handler does not call back with a result before it, so what it answers after the callback is not known";
    const value = answer.outcome.type === "success" ? answer.outcome.value : undefined;
    if (value && flow.waitFlags && !isLiteral(value)) return NO_WAIT;
  } else {
    const exit = siteOf(after[0], flow.sites);
    const rest = after.slice(1);
    const bareReturn = rest.length === 1 && Node.isReturnStatement(rest[0]) && !rest[0].getExpression();
    if (!exit || (rest.length > 0 && !bareReturn)) {
      return "code of the handler runs after it, before its callback in the old runtime, and would run after the callback once awaited";
    }
    if (exit.outcome.type !== "success") {
      return "the handler answers an error right after it, which the old runtime did not wait for";
    }
    const value = exit.outcome.value;
    // The old runtime evaluated the value before the callback ran (and serialized it after); awaited,
    // it is evaluated after the callback's work. A literal, or a const binding (the same object), is the same.
    if (value && flow.waitFlags && !isLiteral(value)) return NO_WAIT;
    if (value && !isConstant(value)) {
      return "the value it answers with would be computed after the callback's work, which may change it (answer with a literal or a const variable)";
    }
  }
  if (!runsLater(ctx, "floating-promises") && startsPromises(api.callback)) {
    return "its callback starts promise work, which floating-promises (not in this run) would await";
  }
  return undefined;
}

/** With the wait turned off, the old runtime sent the answer before the callback's work could change the object. */
const NO_WAIT =
  "the handler sets context.callbackWaitsForEmptyEventLoop, so the old runtime may have sent its answer before the callback's work, which may change the object it answers with (answer with a literal)";

/** The settling call a statement is (`callback(null, v);`, `return callback(null, v);`, `context.succeed(v);`). */
function siteOf(statement: Statement, sites: Site[]): Site | undefined {
  const expr = Node.isExpressionStatement(statement) ? statement.getExpression() : Node.isReturnStatement(statement) ? statement.getExpression() : undefined;
  return expr ? sites.find((s) => s.call === expr) : undefined;
}

function isLiteral(expr: Node): boolean {
  return isConstant(expr) && !Node.isIdentifier(expr);
}

/** Whether the callback's own flow starts promise-like work that nothing awaits. */
function startsPromises(callback: FunctionLike): boolean {
  const body = callback.getBody();
  if (!body) return false;
  if (!Node.isBlock(body)) {
    // Inlined after the await, an expression body becomes a statement of its own.
    if (promiseKindOf(body) !== "none" && promiseKindOf(body) !== "unknown") return true;
    const verdict = classifyExpressionBody(body);
    return !!verdict && "floating" in verdict;
  }
  return ownStatements(callback).some((s) => {
    if (!Node.isExpressionStatement(s)) return false;
    const verdict = classifyStatement(s);
    return !!verdict && "floating" in verdict;
  });
}
