import { Node, SyntaxKind, ts, type VariableDeclaration } from "ts-morph";
import type { TransformContext } from "../../src/define-transform.js";
import { isFunctionLike } from "../../src/handlers/entry-point.js";
import { ownReturns } from "../../src/function-body.js";
import { endOfLineAfter, indentOf, startsLine, usesSemicolons } from "../../src/layout.js";
import { isSyntacticPromise, promiseKindOf } from "../../src/types/index.js";
import type { Verdict } from "./classify.js";

/**
 * `const p = work();` with `p` never awaited, returned or passed on: the work escapes when the
 * function returns. Awaiting `p` at every exit keeps it inside while keeping its concurrency
 * with the statements in between.
 */
export function classifyPendingVariable(decl: VariableDeclaration): Verdict {
  const name = decl.getNameNode();
  const init = decl.getInitializer();
  const statement = decl.getVariableStatement();
  const block = statement?.getParent();
  if (!Node.isIdentifier(name) || !init || !statement || !block) return undefined;
  if (!Node.isBlock(block) && !Node.isCaseClause(block) && !Node.isDefaultClause(block)) return undefined;
  // `var` is visible in the whole function, `let`/`const` only in their block. Most variables are
  // used: that is read from the syntax before the checker is asked for the initialiser's type.
  const scope = statement.getDeclarationKind() === "var" ? (decl.getFirstAncestor(isFunctionLike)?.getBody() ?? block) : block;
  if (isReferenced(scope, name.getText(), name)) return undefined;
  const kind = promiseKindOf(init);
  const isPromise = kind === "promise" || (kind === "unknown" && isSyntacticPromise(init));
  if (!isPromise && kind !== "promise-array" && kind !== "mixed-promise-array") return undefined;

  const semi = usesSemicolons(statement) ? ";" : "";
  const id = name.getText();
  // `Promise<void> | Promise<void>[]`: `[x].flat()` is the promises either way.
  const value = kind === "promise-array" ? `Promise.all(${id})` : kind === "mixed-promise-array" ? `Promise.all([${id}].flat())` : id;
  return {
    floating: {
      node: statement,
      what: "promise stored in a variable that is never awaited",
      pending: { block, statement, text: `await ${value}${semi}`, name: { id, all: kind !== "promise", semi, value } },
      apply: () => undefined,
    },
  };
}

/** A promise variable to await at every exit of its block that follows its declaration. */
export interface PendingAwait {
  block: Node;
  statement: Node;
  text: string;
  /** `all`: the value is combined with Promise.all (a Promise whatever the elements are); `value`: what is awaited or deferred. */
  name: { id: string; all: boolean; semi: string; value: string };
}

/**
 * Insert the awaits of all pending variables of a function, one edit per exit (so two variables
 * before `if (x) return y;` give `{ await a; await b; return y; }`, not nested braces).
 */
export function awaitAtExits(ctx: TransformContext, pendings: PendingAwait[]): void {
  const atExit = new Map<Node, string[]>();
  const atEnd = new Map<Node, string[]>();
  const add = (map: Map<Node, string[]>, key: Node, text: string) => map.set(key, [...(map.get(key) ?? []), text]);
  for (const { block, statement, text, name } of pendings) {
    for (const ret of ownReturns(block)) {
      if (ret.getStart() > statement.getEnd()) add(atExit, ret, text);
    }
    // A throw leaves too; allSettled lets the work land without replacing the error being thrown.
    for (const thrown of uncaughtThrows(block)) {
      if (thrown.getStart() > statement.getEnd()) add(atExit, thrown, `await Promise.allSettled(${name.all ? name.id : `[${name.id}]`})${name.semi}`);
    }
    const statements = Node.isBlock(block) || Node.isCaseClause(block) || Node.isDefaultClause(block) ? block.getStatements() : [];
    const last = statements[statements.length - 1];
    if (!last || Node.isReturnStatement(last) || Node.isThrowStatement(last)) continue;
    if (Node.isBreakStatement(last) || Node.isContinueStatement(last)) add(atExit, last, text);
    else add(atEnd, last, text);
  }
  for (const [exit, texts] of atExit) awaitBefore(ctx, exit, texts);
  for (const [last, texts] of atEnd) {
    ctx.insertBefore(endOfLineAfter(last), texts.map((t) => `\n${indentOf(last)}${t}`).join(""));
  }
}

function isReferenced(scope: Node, name: string, declared: Node): boolean {
  // On the compiler's nodes: wrapping every identifier of the scope for each variable was quadratic garbage.
  const sf = scope.getSourceFile().compilerNode;
  const own = declared.compilerNode;
  const visit = (node: ts.Node): boolean => {
    if (ts.isIdentifier(node) && node !== own && node.getText(sf) === name) {
      const parent = node.parent;
      const isPropertyName = (ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent)) && parent.name === node;
      if (!isPropertyName) return true;
    }
    // ts-morph's descendants (what this walk replaced) include the identifiers of JSDoc comments.
    for (const doc of (node as { jsDoc?: ts.Node[] }).jsDoc ?? []) if (visit(doc)) return true;
    return ts.forEachChild(node, visit) ?? false;
  };
  for (const doc of (scope.compilerNode as { jsDoc?: ts.Node[] }).jsDoc ?? []) if (visit(doc)) return true;
  return ts.forEachChild(scope.compilerNode, visit) ?? false;
}

/** Throw statements of the block's own flow that no try/catch inside the block catches. */
function uncaughtThrows(block: Node): Node[] {
  const out: Node[] = [];
  block.forEachDescendant((node, traversal) => {
    if (isFunctionLike(node) || Node.isClassDeclaration(node) || Node.isClassExpression(node)) {
      traversal.skip();
    } else if (Node.isTryStatement(node) && node.getCatchClause()) {
      // The catch covers only the try block; its own block and the finally block can still throw out.
      out.push(...uncaughtThrows(node.getCatchClauseOrThrow().getBlock()));
      const finallyBlock = node.getFinallyBlock();
      if (finallyBlock) out.push(...uncaughtThrows(finallyBlock));
      traversal.skip();
    } else if (Node.isThrowStatement(node)) {
      out.push(node);
    }
  });
  return out;
}

function awaitBefore(ctx: TransformContext, exit: Node, texts: string[]): void {
  const parent = exit.getParent();
  const inList = !!parent && (Node.isBlock(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent));
  if (!inList) {
    ctx.insertBefore(exit, `{ ${texts.join(" ")} `);
    ctx.insertAfter(exit, " }");
  } else if (startsLine(exit)) {
    ctx.insertBefore(exit, texts.map((t) => `${t}\n${indentOf(exit)}`).join(""));
  } else {
    ctx.insertBefore(exit, `${texts.join(" ")} `);
  }
}
