import type { Node } from "ts-morph";
import type { TransformContext } from "./define-transform.js";
import { CHECKER_FAILED, isCheckerFailure } from "./promises.js";

/**
 * Analyse (and edit) one statement or handler so that a failure of the type checker on it costs
 * that node only: its edits and findings are kept back until `work` finishes, and when the checker
 * fails they are dropped and `node` is reported as CHECKER_FAILED instead; the rest of the file is
 * still rewritten. Imports asked for before the failure stay planned (a name is reserved at once).
 * Returns what `work` returned, or `fallback` after a failure.
 */
export function guardChecker<T>(ctx: TransformContext, node: Node, fallback: T, work: (ctx: TransformContext) => T): T {
  const staged: Array<() => void> = [];
  const stage: TransformContext = {
    ...ctx,
    replace: (target, text) => void staged.push(() => ctx.replace(target, text)),
    insertBefore: (target, text) => void staged.push(() => ctx.insertBefore(target, text)),
    insertAfter: (target, text) => void staged.push(() => ctx.insertAfter(target, text)),
    report: (at, reason, options) => void staged.push(() => ctx.report(at, reason, options)),
  };
  let result: T;
  try {
    result = work(stage);
  } catch (error) {
    if (!isCheckerFailure(error)) throw error;
    ctx.report(node, CHECKER_FAILED);
    return fallback;
  }
  for (const apply of staged) apply();
  return result;
}
