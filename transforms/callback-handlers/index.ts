import { guardChecker } from "../../src/checker-guard.js";
import { defineTransform, type TransformContext } from "../../src/define-transform.js";
import type { SourceFile } from "ts-morph";
import type { EntryPoint } from "../../src/handlers/entry-point.js";
import { packageFactsFor } from "../../src/handlers/package-facts.js";
import { settleAzureV3 } from "./azure.js";
import { planHandler, type Verdict } from "./convert.js";
import { contextCallerOf, insertContextAdapter, reportUnfollowedContextSites } from "./context-handoff.js";
import { callbackHelperCalls } from "./callback-helper.js";
import { findSkillLambdaExports, reportIntentAnswersElsewhere } from "./library-handoff.js";
import { settleContextAnsweringFactories, withWatchdogReason } from "./cfn-lambda.js";
import { collectUsage } from "./sites.js";
import { reportUnreachedContextSites } from "./unreached-context.js";
import { recordingEdits, removeUnusedTypeImports } from "./unused-type-imports.js";
import { legacyTestCallsNote } from "./test-callers.js";
import { reportStrayWaitFlags } from "./stray-wait-flag.js";
import { isWholeExportHelper, reportWholeExportHelpers } from "./whole-export-helper.js";
import {
  bindsKnownWrapper,
  findContextSucceedProxies,
  findThreeParameterExports,
  isStreaming,
  middyVersionOf,
  planInstanceHandoff,
  planProxyHandler,
  planThreeParameterExport,
  wrapperCallOf,
  wrapperResult,
  type WrapperEdit,
} from "./wrappers.js";

const FAILS = "the handler stays callback-style, which fails on Node.js 24";

/**
 * Node.js 24 refuses handlers of three or more parameters and has no context.succeed/fail/done:
 * convert callback-style Lambda handlers into async (event, context) handlers with the same results.
 */
export default defineTransform({
  id: "callback-handlers",
  summary:
    "make Lambda handlers Node.js 24 ready: callback(...) and context.succeed/fail/done become return/throw, or resolve/reject in a promise, in async (event, context) handlers; Azure Functions v3 functions that answer through context.done become async the same way",
  requiresTypeInfo: true,
  run(file, given) {
    if (reportOtherProvider(file, given)) return;
    // Edits recorded for the type imports the conversion leaves unused (unused-type-imports.ts).
    const { ctx, edits, imported } = recordingEdits(given);
    const state = { contextAdapter: false };
    for (const entry of ctx.invocation.entryPoints) {
      if (entry.platform !== "lambda" || entry.libraryOverride || entry.fn.getSourceFile() !== file) continue;
      if (ctx.isIgnored(entry.fn) || isStreaming(entry.fn)) continue;
      // A checker failure on one handler costs that handler: it is reported, the others are still converted.
      if (guardChecker(ctx, entry.fn, false, (guarded) => settleEntry(entry, guarded))) state.contextAdapter = true;
    }
    for (const { node, module } of findThreeParameterExports(file)) {
      if (ctx.isIgnored(node) || applyEdits(planThreeParameterExport(node), ctx)) continue;
      ctx.report(
        node,
        `${module} exports an (event, context, callback) handler, which Node.js 24 refuses at init: export \`(event, context) => instance(event, context)\` instead`,
        { blocking: true },
      );
    }
    for (const { node, module } of findSkillLambdaExports(file)) {
      if (ctx.isIgnored(node)) continue;
      ctx.report(
        node,
        `${module}'s .lambda() returns a function of 3 parameters (event, context, callback), which Node.js 24 refuses at init: build the skill with .create() instead (\`const skill = …create();\`, once, at module level) and export \`async (event, context) => skill.invoke(event, context)\``,
        { blocking: true, fix: "build the skill once with `.create()` and export `async (event, context) => skill.invoke(event, context)`; await in the skill's handlers any work they start (the callback waited for it, the promise does not)" },
      );
    }
    if (settleContextAnsweringFactories(file, ctx)) state.contextAdapter = true;
    settleAzureV3(file, ctx);
    if (state.contextAdapter) insertContextAdapter(file, ctx);
    reportUnfollowedContextSites(file, ctx, (handler) => isKept(handler, ctx));
    reportUnreachedContextSites(file, ctx, (handler) => isKept(handler, ctx));
    reportStrayWaitFlags(file, ctx);
    reportWholeExportHelpers(file, ctx);
    reportIntentAnswersElsewhere(file, ctx);
    removeUnusedTypeImports(file, edits, imported, given);
  },
});

/**
 * A package whose serverless.yml deploys to another provider (`provider: { name: twilio }`, aliyun,
 * openwhisk, ...; Azure has its own rules, azure.ts): its runtime calls the function with the callback that
 * Node.js 24 on AWS Lambda refuses (Twilio Functions answer through it; Alibaba Cloud's nodejs8 and older
 * need it), so the file is left as it is, with a note per handler-like function. True when that is so.
 */
function reportOtherProvider(file: SourceFile, ctx: TransformContext): boolean {
  const provider = packageFactsFor(file).otherServerlessProvider;
  if (!provider || provider === "azure") return false;
  const entries = ctx.invocation.entryPoints.filter((e) => e.platform === "lambda" && !e.libraryOverride && e.fn.getSourceFile() === file);
  for (const entry of entries) {
    if (ctx.isIgnored(entry.fn) || (entry.fn.getParameters().length < 3 && !/\.(succeed|fail|done)\s*\(/.test(entry.fn.getText()))) continue;
    ctx.report(
      entry.fn,
      `${entry.exportName} is deployed by its package's serverless.yml to the ${provider} provider, not AWS Lambda: settle leaves it callback-style, as that runtime calls it`,
      { rule: "other-provider" },
    );
  }
  return true;
}

/** Convert one handler; true when the applied edits use the file's context adapter. */
function settleEntry(entry: EntryPoint, ctx: TransformContext): boolean {
  if (!entry.wrapped && applyEdits(planWrapperHandler(entry.fn), ctx)) return false;
  const caller = contextCallerOf(entry.fn, ctx);
  // Taken for a handler by its name or shape alone (`recordHandler(event, context)`), and called by a
  // handler with that handler's own context: a helper, which the caller's context adapter answers for.
  // A module's `handler` export, a configured or typed one, is deployed on its own: reported below.
  if (caller && entry.evidence === "convention" && entry.exportName !== "handler") return false;
  if (caller) {
    ctx.report(
      entry.fn,
      `the handler at ${caller} hands its context to this function, which answers it through context.succeed/fail/done: converting it would leave that call unanswered; ${FAILS} when deployed on its own: give the shared part a promise-returning function of its own and call it from both`,
      { blocking: true },
    );
    return false;
  }
  // `module.exports = runBuild` that only handlers call with their own context (TypeScript 6 takes it for an entry point): noted at the export.
  if (!entry.wrapped && isWholeExportHelper(entry, ctx)) return false;
  const helperCalls = entry.wrapped ? undefined : callbackHelperCalls(entry, ctx);
  if (helperCalls) {
    const name = entry.exportName;
    ctx.report(
      entry.fn,
      `${name} takes a callback as its third parameter, and only Lambda handlers call it, each with its own context and a callback (${helperCalls.join(", ")}): a helper of those handlers, not one itself, so it stays as it is (Node.js 24 refuses three parameters only in the function Lambda calls); if a deployment also names it as a handler, export a separate async (event, context) handler for that`,
      { rule: "callback-helper" },
    );
    return false;
  }
  const verdict = entry.wrapped ? undefined : withWatchdogReason(entry.fn, planHandler(entry.fn, ctx));
  const usesAdapter = entry.wrapped ? settleWrapped(entry, ctx) : apply(verdict, ctx);
  // The project's tests still calling the converted handler with a callback or a context mock: noted once per handler.
  if (verdict && "plan" in verdict && (verdict.plan.contextAdapter || entry.fn.getParameters().length > 2 || /\.(succeed|fail|done)\s*\(/.test(entry.fn.getText()))) {
    let note: string | undefined;
    try {
      note = legacyTestCallsNote(entry.fn, entry.exportName);
    } catch {
      // A checker failure while reading the tests costs only the note: the handler is converted.
    }
    if (note) ctx.report(entry.fn, note, { rule: "test-calls-legacy-handler" });
  }
  for (const call of findContextSucceedProxies(entry.fn)) {
    if (ctx.isIgnored(call)) continue;
    ctx.report(
      call,
      "aws-serverless-express answers through context.succeed unless given a resolution mode, and Node.js 24 has no context.succeed: return `proxy(server, event, context, \"PROMISE\").promise` instead",
      { blocking: true },
    );
  }
  return usesAdapter;
}

/** A handler that only hands its context or callback to a known wrapper: that wrapper's promise mode. */
function planWrapperHandler(fn: EntryPoint["fn"]): WrapperEdit[] | undefined {
  // Most files bind no such wrapper: no second walk over each handler's uses there.
  if (!bindsKnownWrapper(fn.getSourceFile())) return undefined;
  const [, context, callback] = fn.getParameters();
  const usage = collectUsage(fn, context, callback);
  return planProxyHandler(fn, usage) ?? planInstanceHandoff(fn, usage);
}

/** Hands a wrapper rewrite's edits to the context; false when there is none. */
function applyEdits(edits: WrapperEdit[] | undefined, ctx: TransformContext): boolean {
  if (!edits) return false;
  for (const e of edits) ctx.replace({ start: e.start, end: e.end }, e.text);
  return true;
}

const typeImports = new WeakMap<object, Set<string>>();
/** The type names added to a file's imports in this pass (two handlers of a file may need the same one). */
function typeImportsOf(file: object): Set<string> {
  if (!typeImports.has(file)) typeImports.set(file, new Set());
  return typeImports.get(file)!;
}

/** Apply a verdict; true when the applied edits use the file's context adapter. */
function apply(verdict: Verdict, ctx: TransformContext): boolean {
  if (!verdict) return false;
  if ("plan" in verdict) {
    verdict.plan.applyTo(ctx, typeImportsOf(ctx.file));
    for (const note of verdict.plan.notes) ctx.report(note.node, note.reason, { rule: "error-answer-ends-path" });
    return verdict.plan.contextAdapter;
  }
  const seen = new Set<string>();
  for (const { node, reason } of [...verdict.problems].sort((a, b) => a.node.getStart() - b.node.getStart())) {
    const key = `${node.getStart()} ${reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ctx.report(node, `${reason}; ${FAILS}`, { blocking: true });
  }
  return false;
}

/**
 * A handler built by a wrapper (`middy(fn)`, `wrap((e, c, cb) => ...)`): what Lambda calls is what
 * the wrapper returns. The inner function is rewritten only when the wrapper returns it as it is.
 */
function settleWrapped(entry: EntryPoint, ctx: TransformContext): boolean {
  const { fn } = entry;
  const call = wrapperCallOf(fn);
  if (!call) return false;
  const result = wrapperResult(call);
  if (result.kind === "identity") return apply(planHandler(fn, ctx), ctx);
  const wrapper = call.getExpression().getText();
  const middy = middyVersionOf(call);
  if (middy === "callback-free") return apply(planHandler(fn, ctx), ctx);
  if (middy) {
    ctx.report(call, middy.reason, { blocking: true });
    return false;
  }
  if (result.kind === "function") {
    if (result.arity >= 3) {
      const where = `${result.at.getSourceFile().getBaseName()}:${result.at.getStartLineNumber()}`;
      ctx.report(
        call,
        `${wrapper}(...) returns a function of ${result.arity} parameters (${where}), which Node.js 24 refuses at init: make it return an async (event, context) function`,
        { blocking: true },
      );
    }
    return false;
  }
  const params = fn.getParameters();
  const usage = collectUsage(fn, params[1], params[2]);
  if (params.length >= 3 || usage.sites.length > 0 || usage.handoffs.length > 0 || usage.stores.length > 0) {
    ctx.report(
      call,
      `the handler inside ${wrapper}(...) is callback-style, and ${result.local ? "the wrapper" : "the library"} decides what Lambda calls: convert the inner function to async (event, context) and make sure the exported function takes fewer than 3 parameters (middy >= 2 does)`,
      { blocking: true },
    );
  }
  return false;
}

const keptByScope = new WeakMap<object, WeakMap<EntryPoint["fn"], boolean>>();

/**
 * A plain Lambda handler (not wrapped, streaming or ignored) that callback-handlers leaves callback-style
 * with a finding: the context adapter it would hand its helpers is never written. Planned apart, with
 * a context that writes and reports nothing (the handler may be in another file), once per run's scope.
 */
function isKept(fn: EntryPoint["fn"], ctx: TransformContext): boolean {
  let scope = keptByScope.get(ctx.invocation);
  if (!scope) keptByScope.set(ctx.invocation, (scope = new WeakMap()));
  const known = scope.get(fn);
  if (known !== undefined) return known;
  const entry = ctx.invocation.entryPoints.find((e) => e.fn === fn);
  let kept = false;
  if (entry && !entry.wrapped && entry.platform === "lambda" && !entry.libraryOverride && !isStreaming(fn) && !(fn.getSourceFile() === ctx.file && ctx.isIgnored(fn))) {
    const muted: TransformContext = { ...ctx, file: fn.getSourceFile(), replace: () => undefined, insertBefore: () => undefined, insertAfter: () => undefined, addImport: (_module, name) => name, report: () => undefined };
    try {
      const verdict = planHandler(fn, muted);
      kept = !!verdict && "problems" in verdict;
    } catch {
      // A checker failure on the handler is reported at the handler.
    }
  }
  scope.set(fn, kept);
  return kept;
}
