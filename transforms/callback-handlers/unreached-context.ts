import path from "node:path";
import { Node, SyntaxKind, type SourceFile } from "ts-morph";
import type { TransformContext } from "../../src/define-transform.js";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { TEST_FILE } from "../../src/handlers/lambda.js";
import { isAzurePackage } from "../../src/handlers/azure.js";
import { declarationNodes } from "../../src/types/index.js";
import { CONTEXT_METHODS, CONTEXT_NAME, adaptedHandoffOf, reportedHandoffOf } from "./context-handoff.js";

/**
 * The last net for "nothing stays silent": `context.succeed/fail/done` on a context settle cannot tie to
 * any handler it knows, so neither the conversion nor reportUnfollowedContextSites sees it:
 * - in a function no handler reaches (library source such as serverless-express's make-resolver.js, whose
 *   caller builds the handler at run time; or code reached only from outside the project), and
 * - in a reached function whose context arrives inside an object (`function f({ context, callback })`).
 * A warning, not blocking: settle cannot tell whether this code runs inside a Lambda invocation at all.
 */

const QUICK = /\b\w*(context|ctx)\w*\s*\.\s*(succeed|fail|done)\s*\(/i;

export function reportUnreachedContextSites(file: SourceFile, ctx: TransformContext, kept: (handler: FunctionLike) => boolean = () => false): void {
  if (!QUICK.test(file.getFullText()) || TEST_FILE.test(file.getFilePath()) || isAzure(file)) return;
  const entries = new Set<Node>(ctx.invocation.entryPoints.map((e) => e.fn));
  const scoped = new Set<Node>(ctx.invocation.functionsIn(file));
  const inside = (fn: Node, set: Set<Node>) => set.has(fn) || !!fn.getFirstAncestor((a) => isFunctionLike(a) && set.has(a));
  const stored = contextMembersOf(file);
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const access = call.getExpression();
    if (!Node.isPropertyAccessExpression(access) || !CONTEXT_METHODS.has(access.getName())) continue;
    // Answering for a handler settle converts with the adapter (prototype-dispatch.ts: `new Skill().execute(event, context)`).
    if (adaptedHandoffOf(access, ctx, kept)) continue;
    const receiver = access.getExpression();
    const held = Node.isPropertyAccessExpression(receiver) && receiver.getExpression().getKind() === SyntaxKind.ThisKeyword ? receiver.getName() : undefined;
    const member = held === undefined ? undefined : stored.get(held);
    if (held !== undefined && member && !ctx.isIgnored(call)) {
      // unseen7 (issue 11): the classic AlexaSkill.js, `var Response = function (context, session) { this._context = context; }`
      // and `this._context.succeed(…)` in its methods; settle follows no context stored in an object's member.
      const method = `${receiver.getText()}.${access.getName()}`;
      // A handler's context reaches the object through a dispatch settle followed and left as it is (prototype-dispatch.ts).
      const handler = reportedHandoffOf(access, ctx);
      if (handler) {
        ctx.report(
          call,
          `${method} answers for the handler at ${handler}, which settle leaves as it is (see the finding there: its context reaches this object through the dispatch it names); Node.js 24 has no context.${access.getName()} (a TypeError when this runs): fix what that finding names, and run settle again`,
          { blocking: true },
        );
        continue;
      }
      ctx.report(
        call,
        `${method} answers a Lambda invocation here, but settle does not follow the context stored in this.${held} (line ${member.getStartLineNumber()}) back to a handler; Node.js 24 has no context.${access.getName()} (a TypeError when this runs): store resolve/reject (or a callback) in the object instead of the context and call them here, have the handler return a promise they settle, and run settle again`,
        { rule: "context-unreached" },
      );
      continue;
    }
    if (!Node.isIdentifier(receiver) || !CONTEXT_NAME.test(receiver.getText())) continue;
    const binding = parameterBindingOf(receiver);
    if (!binding) continue;
    const { owner, destructured } = binding;
    // Inside a handler: the conversion's (or its findings'). A plain parameter of a reached function:
    // reportUnfollowedContextSites's.
    if (inside(owner, entries) || (!destructured && inside(owner, scoped))) continue;
    if (ctx.isIgnored(call)) continue;
    const method = `${receiver.getText()}.${access.getName()}`;
    const name = nameOf(owner);
    // Reached only through a handoff settle reports (a bound helper): that handler's finding names the fix.
    const handler = destructured ? undefined : reportedHandoffOf(access, ctx);
    if (handler) {
      ctx.report(
        call,
        `${method} answers for the handler at ${handler}, which settle leaves as it is (see the finding there: it hands its context to ${name} in a way settle does not follow); Node.js 24 has no ${method}: make ${name} take resolve/reject (or return a promise) instead of the context, and return that promise from the handler`,
        { blocking: true },
      );
      continue;
    }
    const reached = inside(owner, scoped);
    const where = destructured
      ? `${name} gets ${receiver.getText()} inside an object, which settle does not follow back to a handler's context`
      : `no handler settle found reaches ${name} (library code, or code called from outside the project), so settle cannot tell whose context it is`;
    ctx.report(
      call,
      `${method} answers a Lambda invocation here, but ${where}; Node.js 24 has no ${method} (a TypeError when this runs): make ${name} return a promise (resolve where it calls succeed, reject where it calls fail) or take a callback, and have the handler return that promise`,
      // Reached from a handler: it runs inside the invocation and fails there.
      { rule: "context-unreached", blocking: reached },
    );
  }
}

/**
 * Members a function stores its context parameter in: `this._context = context;` (the parameter named like a
 * context, CONTEXT_NAME) → `_context`, with the assignment.
 */
function contextMembersOf(file: SourceFile): Map<string, Node> {
  const members = new Map<string, Node>();
  for (const assignment of file.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    if (assignment.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
    const [left, right] = [assignment.getLeft(), assignment.getRight()];
    if (!Node.isPropertyAccessExpression(left) || left.getExpression().getKind() !== SyntaxKind.ThisKeyword) continue;
    if (!Node.isIdentifier(right) || !CONTEXT_NAME.test(right.getText()) || !CONTEXT_NAME.test(left.getName())) continue;
    if (!parameterBindingOf(right)) continue;
    if (!members.has(left.getName())) members.set(left.getName(), assignment);
  }
  return members;
}

/** The function whose parameter declares `id`, directly or inside a destructuring pattern. */
function parameterBindingOf(id: Node): { owner: FunctionLike; destructured: boolean } | undefined {
  const declaration = declarationNodes(id)[0];
  if (!declaration) return undefined;
  if (Node.isParameterDeclaration(declaration)) {
    const owner = declaration.getParent();
    return owner && isFunctionLike(owner) ? { owner: owner as FunctionLike, destructured: false } : undefined;
  }
  if (!Node.isBindingElement(declaration)) return undefined;
  const param = declaration.getFirstAncestorByKind(SyntaxKind.Parameter);
  const owner = param?.getParent();
  return owner && isFunctionLike(owner) ? { owner: owner as FunctionLike, destructured: true } : undefined;
}

function nameOf(fn: FunctionLike): string {
  const own = (fn as { getName?: () => string | undefined }).getName?.();
  if (own) return own;
  const parent = fn.getParent();
  if (Node.isVariableDeclaration(parent) || Node.isPropertyAssignment(parent)) return parent.getName();
  return "the function";
}

/** Azure Functions have a context.done of their own (see isAzurePackage; also a function.json beside the file, a host.json above it). */
function isAzure(file: SourceFile): boolean {
  if (isAzurePackage(file)) return true;
  const fs = file.getProject().getFileSystem();
  const dir = path.dirname(file.getFilePath());
  return fs.fileExistsSync(path.join(dir, "function.json")) || fs.fileExistsSync(path.join(path.dirname(dir), "host.json"));
}
