import type { SourceFile } from "ts-morph";
import { guardChecker } from "../../src/checker-guard.js";
import type { TransformContext } from "../../src/define-transform.js";
import { answersThroughDone } from "../../src/handlers/azure.js";
import { planHandler } from "./convert.js";
import type { HandlerShape } from "./shape.js";

/**
 * Azure Functions v3 (`module.exports = function (context, req) { … context.done(err, bag) }`), as the
 * v3 worker runs it (Azure/azure-functions-nodejs-worker, src/V3InvocationModel.ts, `invokeFunction`,
 * with src/Context.ts's `done` and src/utils/ensureErrorType.ts's `isError`):
 * - `context.done(err, result)` emits "done"; an `err` that is neither null nor undefined rejects the
 *   invocation with it, else it resolves with `result` (`done()` with undefined). Only the first call
 *   counts (a promise settles once; later calls only log "'done' has already been called").
 * - A function that returns a promise races it against done: whichever settles first is the result.
 *   A function that returns anything else is answered by done alone (its return value is ignored),
 *   and one that never calls done runs until the host's timeout.
 * - The result, from done or from the returned promise alike, goes through `getResponse`: `$return`
 *   or the named output bindings, then `context.bindings`, and `context.res` for the HTTP output.
 * So done(null, bag) is `return bag`, done(err) is `throw err`, `context.res = …; context.done()` is
 * `context.res = …; return` in an async function. Unlike Lambda's callback, done answers at once: work
 * started beside it is not waited for (it escaped before the conversion as after it, for later passes).
 */
export const AZURE_V3_SHAPE: HandlerShape = {
  context: 0,
  methods: new Set(["done"]),
  waitsForEventLoop: false,
  contextAdapter: false,
  typePackage: "@azure/functions@3",
  explicitUndefined: true,
  reword: (reason) =>
    reason
      .replace(
        /^this path ends without calling back: .*$/,
        "this path ends without calling context.done, so the invocation ran until the host's timeout, and settle writes no promise that never settles: end the path with `return context.done();` (or the answer it should give) and run settle again",
      )
      .replace("the handler can end without calling back: make its body call back on every branch (`callback(null)` where it ends)", "the function can end without calling context.done (the invocation then ran until the host's timeout): call context.done on every branch")
      .replace("export a separate async (event, context) handler for Lambda", "export a separate async function for Azure")
      .replace(
        /^an async handler that also hands its callback to other code: .*$/,
        "an async function that also calls context.done from other code: the v3 host answered with whichever came first, the returned promise or context.done; remove `async` (and any `await`) so settle can convert it, or `return new Promise((resolve, reject) => …)` around that code, with reject(err) and resolve(result) for context.done(err, result)",
      )
      .replace(/\bcallback\(null, x\)/g, "context.done(null, x)")
      .replace(/\bthe handler\b/g, "the function"),
};

const KEPT = "the function keeps answering through context.done, and the work it starts is not awaited";

/** Convert the v3 functions of the file that answer through `context.done` into async functions with the same results. */
export function settleAzureV3(file: SourceFile, ctx: TransformContext): void {
  for (const entry of ctx.invocation.entryPoints) {
    if (entry.fn.getSourceFile() !== file || !answersThroughDone(entry) || ctx.isIgnored(entry.fn)) continue;
    guardChecker(ctx, entry.fn, undefined, (guarded) => {
      const verdict = planHandler(entry.fn, guarded, AZURE_V3_SHAPE);
      if (!verdict) return;
      if ("plan" in verdict) return verdict.plan.applyTo(guarded);
      const seen = new Set<string>();
      for (const { node, reason } of [...verdict.problems].sort((a, b) => a.node.getStart() - b.node.getStart())) {
        const key = `${node.getStart()} ${reason}`;
        if (seen.has(key)) continue;
        seen.add(key);
        guarded.report(node, `${reason}; ${KEPT}`, { rule: "azure-done-kept" });
      }
    });
  }
}
