import { Node, SyntaxKind, type SourceFile } from "ts-morph";
import type { TransformContext } from "../../src/define-transform.js";
import { isFunctionLike } from "../../src/handlers/entry-point.js";
import { TEST_FILE } from "../../src/handlers/lambda.js";

/**
 * Nothing stays silent: `x.callbackWaitsForEmptyEventLoop = …` outside every Lambda handler settle found
 * (inside a handler the conversion removes it, or the handler's finding covers it). Typically a library
 * builds the handler and hands the code its context some other way: claudia-bot-builder's
 * `apiReq.lambdaContext.callbackWaitsForEmptyEventLoop = false` (claudiajs/example-projects, bot-with-buttons).
 * Node.js 24 ignores the flag, so the statement does nothing there: a warning, not blocking.
 */
export function reportStrayWaitFlags(file: SourceFile, ctx: TransformContext): void {
  if (!file.getFullText().includes("callbackWaitsForEmptyEventLoop") || TEST_FILE.test(file.getFilePath())) return;
  const handlers = new Set<Node>(ctx.invocation.entryPoints.filter((e) => e.platform === "lambda").map((e) => e.fn));
  for (const access of file.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    if (access.getName() !== "callbackWaitsForEmptyEventLoop") continue;
    const assignment = access.getParent();
    if (!Node.isBinaryExpression(assignment) || assignment.getLeft() !== access || assignment.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
    if (handlers.has(access) || access.getFirstAncestor((a) => isFunctionLike(a) && handlers.has(a))) continue;
    if (ctx.isIgnored(access)) continue;
    const flag = access.getText().replace(/\s+/g, "");
    const value = assignment.getRight().getText();
    ctx.report(
      access,
      `${flag} is set here, outside every handler settle found (a library builds the handler, or it gets the context some other way), and Node.js 24 ignores it: an async handler never waits for the event loop. ${value === "false" ? "Remove the statement (Node.js 24 already answers at once, as `false` asked)" : "Remove the statement and await, before the handler answers, the work the wait was for"}, and make sure the function Lambda calls is an async (event, context) handler on Node.js 24`,
      { rule: "wait-flag-outside-handler" },
    );
  }
}
