import { Node } from "ts-morph";
import type { TransformContext } from "../../src/define-transform.js";
import type { EntryPoint } from "../../src/handlers/entry-point.js";
import { within } from "../../src/layout.js";
import { exportedPropertyUses } from "./convert.js";
import { referencesTo } from "./sites.js";

/**
 * A module property of three or more parameters taken for a handler by its shape alone
 * (`module.exports = { createIAM: function (event, context, doneCallback) { … } }`, the zombie workshop's
 * CloudFormation scripts) that nothing in the project names but calls from Lambda handlers, each passing its
 * own context and a callback (`iamCreate.createIAM(event, context, finishedCreatingCallback)`): a helper of
 * those handlers, which keep their callback contract with it. Node.js 24 refuses three parameters only in the
 * function Lambda calls, so it stays as it is, with a note (settle cannot see what a deployment names).
 * The calling handlers as `name in file` (not lines: converting a caller moves them), or undefined when it is not such a helper.
 */
export function callbackHelperCalls(entry: EntryPoint, ctx: TransformContext): string[] | undefined {
  const { fn } = entry;
  if (entry.evidence !== "convention" || entry.exportName === "handler" || entry.platform !== "lambda") return undefined;
  if (fn.getParameters().length < 3) return undefined;
  const uses = exportedPropertyUses(fn);
  if (!uses || uses.other || uses.calls.length === 0) return undefined;
  const handlers = ctx.invocation.entryPoints.filter((e) => e.platform === "lambda" && e.fn !== fn);
  const where: string[] = [];
  for (const call of uses.calls) {
    const handler = handlers.find((h) => h.fn.getSourceFile() === call.getSourceFile() && within(call, h.fn));
    const context = handler?.fn.getParameters()[1];
    const args = call.getArguments();
    if (!handler || !context || args.length < 3 || !Node.isIdentifier(args[1])) return undefined;
    if (!referencesTo(handler.fn, context).includes(args[1])) return undefined;
    const name = `${handler.exportName} in ${call.getSourceFile().getBaseName()}`;
    if (!where.includes(name)) where.push(name);
  }
  return where;
}
