import { Node, type CallExpression } from "ts-morph";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { declarationsOf } from "../../src/types/index.js";
import { within } from "../../src/layout.js";
import { alwaysEvaluated, checkEveryPathSettles } from "./flow.js";
import { projectFunctionOf } from "./context-handoff.js";
import { fileLine, ownerOf, referencesTo, type Problem } from "./sites.js";

/** How many project functions a handed function is followed through. */
const MAX_DEPTH = 6;

/** A project function that, given the handler's function, has a path that never calls it. */
export interface UncalledPath {
  /** The function handed the handler's function (`respond`), and where it is (`rest.js:5`). */
  name: string;
  where: string;
  /** The path that ends without calling it (`items.js:9`), in the function handed it or one it hands it on to. */
  pathAt: string;
  /** The project function it is handed on to where that path is (`respond() (items.js:1)`), when not the first one. */
  handedOn?: string;
  /** The parameter it arrives in where that path is (`cb`). */
  param: string;
}

/**
 * teslakinesis's `lib.rest(event, function (error, response) { return context.done(error, response); })` (issue 11,
 * unseen6): the function that answers is handed to a project function (through `require`, `exports.x = f` and
 * `module.exports.x = require("./y").f`) whose parameter it arrives in is not called on every path (`case "POST":
 * break;`), also where it hands it on to another project function. A library is trusted to call back; a project
 * function whose body says otherwise is not: the old runtime then answered null once the event loop was empty,
 * a promise would never settle. Only definite answers: a parameter that is stored, tested or returned, or a
 * function settle cannot find, gives undefined (the nested function keeps counting where it is passed).
 */
export function uncalledPathOf(fn: FunctionLike): UncalledPath | undefined {
  const call = fn.getParent();
  if (!call || !Node.isCallExpression(call)) return undefined;
  const index = (call.getArguments() as Node[]).indexOf(fn);
  if (index === -1) return undefined;
  return uncalledIn(call, index, 0, new Set());
}

function uncalledIn(call: CallExpression, index: number, depth: number, seen: Set<FunctionLike>): UncalledPath | undefined {
  const target = handedTo(call.getExpression());
  if (!target || seen.has(target) || depth > MAX_DEPTH) return undefined;
  seen.add(target);
  const params = target.getParameters();
  if (params.slice(0, index + 1).some((p) => p.isRestParameter() || !Node.isIdentifier(p.getNameNode()))) return undefined;
  if (target.getDescendants().some((d) => Node.isIdentifier(d) && d.getText() === "arguments")) return undefined;
  const param = params[index];
  const body = target.getBody();
  if (!param || !body || !Node.isBlock(body)) return undefined;
  const marks: Node[] = [];
  for (const ref of referencesTo(target, param)) {
    const parent = ref.getParentOrThrow();
    if (Node.isCallExpression(parent) && parent.getExpression() === ref) {
      marks.push(parent);
      continue;
    }
    if (Node.isCallExpression(parent) && (parent.getArguments() as Node[]).includes(ref)) {
      // Handed on: followed when it goes to a project function (its own path that never calls it is the answer).
      const deeper = uncalledIn(parent, (parent.getArguments() as Node[]).indexOf(ref), depth + 1, seen);
      if (deeper) return { ...deeper, name: nameOf(target, call), where: fileLine(target), handedOn: deeper.handedOn ?? `${deeper.name}() (${deeper.where})` };
      marks.push(parent);
      continue;
    }
    // Stored, tested, returned: where it goes is unknown.
    return undefined;
  }
  if (marks.length === 0) return undefined; // never used at all: unusedParameterOf's finding (a callback handed directly)
  // Only the function's own flow: a mark nested in another function counts where that function is passed.
  const settles = (node: Node): boolean =>
    marks.some((mark) => {
      if (!within(mark, node)) return false;
      let anchor: Node = mark;
      for (let f = ownerOf(mark); f !== target && within(f, node); f = ownerOf(f)) anchor = f;
      return ownerOf(anchor) === target && alwaysEvaluated(anchor, node);
    });
  const mentions = (node: Node) => marks.some((m) => within(m, node));
  const problems: Problem[] = [];
  checkEveryPathSettles(body.getStatements(), settles, mentions, target, problems);
  const missing = problems.find((p) => p.reason.startsWith("this path ends without calling back"));
  if (!missing) return undefined;
  return { name: nameOf(target, call), where: fileLine(target), pathAt: fileLine(missing.node), param: param.getName() };
}

/** The project function a callee names: projectFunctionOf, and `module.exports.x = require("./y").f` re-exports. */
function handedTo(callee: Node): FunctionLike | undefined {
  const direct = projectFunctionOf(callee);
  if (direct) return direct;
  for (const d of declarationsOf(callee, true)) {
    const node = d.inDeclarationFile ? undefined : d.node();
    const assigned = node && Node.isPropertyAccessExpression(node) ? node.getParent() : node;
    if (!assigned || !Node.isBinaryExpression(assigned)) continue;
    const right = assigned.getRight();
    if (!Node.isPropertyAccessExpression(right)) continue;
    const fn = projectFunctionOf(right);
    if (fn && isFunctionLike(fn)) return fn;
  }
  return undefined;
}

function nameOf(fn: FunctionLike, call: CallExpression): string {
  const parent = fn.getParent();
  if (Node.isFunctionDeclaration(fn) && fn.getName()) return fn.getName()!;
  if (parent && Node.isVariableDeclaration(parent)) return parent.getName();
  if (parent && Node.isBinaryExpression(parent)) return parent.getLeft().getText().replace(/^(module\.)?exports\./, "");
  if (parent && Node.isPropertyAssignment(parent)) return parent.getName();
  return call.getExpression().getText().replace(/\s+/g, "");
}

