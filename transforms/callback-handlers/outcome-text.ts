import { Node } from "ts-morph";
import { indentOf, usesSemicolons } from "../../src/layout.js";
import type { Exit } from "./flow.js";
import type { FunctionLike } from "../../src/handlers/entry-point.js";
import { needsParens, statementRemoval, type Plan } from "./plan.js";
import type { Site } from "./sites.js";

/**
 * Rewrite a settling call that leaves the handler into `return value` / `throw error`, keeping the
 * value's and error's own text in place (so multi-line values stay byte-identical).
 */
export function planDirectExit(site: Site, exit: Exit, fn: FunctionLike, plan: Plan, quote: string): void {
  const { call, outcome } = site;
  const handled = `${quote}handled${quote}`;
  if (exit.kind === "body") {
    planExpressionBody(call, site, plan, handled);
    return;
  }
  const statement = call.getParentOrThrow();
  const semi = usesSemicolons(statement) ? ";" : "";
  let end = statement.getEnd();
  if (exit.kind === "then-exit") {
    const between = statement.getSourceFile().getFullText().slice(end, exit.next.getStart());
    if (between.trim() === "") end = exit.next.getEnd();
  }
  const start = statement.getStart();
  if (outcome.type === "success") {
    if (!outcome.value && exit.kind === "tail" && statement.getParent() === fn.getBody()) {
      // `callback();` as the handler's last statement: falling off the end returns undefined too.
      const removal = statementRemoval(statement);
      plan.replace(removal.start, removal.end, "");
    } else if (!outcome.value) plan.replace(start, end, `return${semi}`);
    else keepBetween(plan, start, outcome.value, end, "return ", semi);
  } else if (outcome.type === "failure" && outcome.evaluated && outcome.error) {
    // `callback(err, JSON.stringify(err))`: the value was evaluated, then the error reported.
    const inList = isInStatementList(statement);
    const [open, close] = inList ? ["", ""] : ["{ ", " }"];
    const separator = inList ? `\n${indentOf(statement)}` : " ";
    plan.replace(start, end, `${open}${outcome.evaluated.getText()}${inList ? semi : ";"}${separator}throw ${outcome.error.getText()}${inList ? semi : ";"}${close}`);
  } else if (outcome.type === "failure") {
    if (!outcome.error) plan.replace(start, end, `throw ${handled}${semi}`);
    else if (!outcome.orHandled) keepBetween(plan, start, outcome.error, end, "throw ", semi);
    else {
      const [open, close] = needsParens(outcome.error) ? ["(", ")"] : ["", ""];
      keepBetween(plan, start, outcome.error, end, `throw ${open}`, `${close} ?? ${handled}${semi}`);
    }
  } else {
    const e = outcome.error.getText();
    const inList = isInStatementList(statement);
    const [open, close] = inList ? ["", ""] : ["{ ", " }"];
    const separator = inList ? `\n${indentOf(statement)}` : " ";
    const test = `${open}if (${e} != null) throw ${e}${inList ? semi : ";"}${separator}`;
    const closing = `${inList ? semi : ";"}${close}`;
    if (!outcome.value) plan.replace(start, end, `${test}return${closing}`);
    else keepBetween(plan, start, outcome.value, end, `${test}return `, closing);
  }
}

/** `(e, c, cb) => cb(null, x)` becomes `async (e, c) => x` (objects parenthesised), failures a block. */
function planExpressionBody(call: Node, site: Site, plan: Plan, handled: string): void {
  const { outcome } = site;
  const start = call.getStart();
  const end = call.getEnd();
  if (outcome.type === "success") {
    const value = outcome.value;
    if (!value) plan.replace(start, end, "{}");
    else if (Node.isObjectLiteralExpression(value)) keepBetween(plan, start, value, end, "(", ")");
    else keepBetween(plan, start, value, end, "", "");
  } else if (outcome.type === "failure" && outcome.evaluated && outcome.error) {
    plan.replace(start, end, `{ ${outcome.evaluated.getText()}; throw ${outcome.error.getText()}; }`);
  } else if (outcome.type === "failure") {
    if (!outcome.error) plan.replace(start, end, `{ throw ${handled}; }`);
    else if (!outcome.orHandled) keepBetween(plan, start, outcome.error, end, "{ throw ", "; }");
    else {
      const [open, close] = needsParens(outcome.error) ? ["(", ")"] : ["", ""];
      keepBetween(plan, start, outcome.error, end, `{ throw ${open}`, `${close} ?? ${handled}; }`);
    }
  } else {
    const e = outcome.error.getText();
    if (!outcome.value) plan.replace(start, end, `{ if (${e} != null) throw ${e}; }`);
    else keepBetween(plan, start, outcome.value, end, `{ if (${e} != null) throw ${e}; return `, "; }");
  }
}

/**
 * Rewrite a settling call inside the promise wrapper into `resolve(value)` / `reject(error)`:
 * they keep the old "first call wins, the code goes on" semantics, so any position is fine.
 */
export function planPromiseCall(site: Site, plan: Plan, names: { resolve: string; reject: string }, quote: string, empty = ""): void {
  const { call, outcome } = site;
  const start = call.getStart();
  const end = call.getEnd();
  const { resolve, reject } = names;
  if (outcome.type === "success") {
    if (!outcome.value) plan.replace(start, end, `${resolve}(${empty})`);
    else keepBetween(plan, start, outcome.value, end, `${resolve}(`, ")");
  } else if (outcome.type === "failure" && outcome.evaluated && outcome.error) {
    // The value first (as the old runtime evaluated it), then the rejection; `err` is never reassigned.
    const statement = call.getParentOrThrow();
    const rejection = `${reject}(${outcome.error.getText()})`;
    if (Node.isExpressionStatement(statement)) {
      const semi = usesSemicolons(statement) ? ";" : "";
      // One line: the wrapper re-indents the lines it moves, not a line break written here.
      const text = isInStatementList(statement)
        ? `${outcome.evaluated.getText()}; ${rejection}${semi}`
        : `{ ${outcome.evaluated.getText()}; ${rejection}; }`;
      plan.replace(statement.getStart(), statement.getEnd(), text);
    } else plan.replace(start, end, `(${outcome.evaluated.getText()}, ${rejection})`);
  } else if (outcome.type === "failure") {
    if (!outcome.error) plan.replace(start, end, `${reject}(${quote}handled${quote})`);
    else if (!outcome.orHandled) keepBetween(plan, start, outcome.error, end, `${reject}(`, ")");
    else {
      const [open, close] = needsParens(outcome.error) ? ["(", ")"] : ["", ""];
      keepBetween(plan, start, outcome.error, end, `${reject}(${open}`, `${close} ?? ${quote}handled${quote})`);
    }
  } else {
    const e = outcome.error.getText();
    const statement = call.getParentOrThrow();
    const value = outcome.value;
    if (Node.isExpressionStatement(statement) && isInStatementList(statement)) {
      const semi = usesSemicolons(statement) ? ";" : "";
      const test = `if (${e} != null) ${reject}(${e}); else ${resolve}(`;
      if (!value) plan.replace(statement.getStart(), statement.getEnd(), `${test}${empty})${semi}`);
      else keepBetween(plan, statement.getStart(), value, statement.getEnd(), test, `)${semi}`);
      return;
    }
    const [open, close] = Node.isReturnStatement(statement) || Node.isExpressionStatement(statement) ? ["", ""] : ["(", ")"];
    const test = `${open}${e} != null ? ${reject}(${e}) : ${resolve}(`;
    if (!value) plan.replace(start, end, `${test}${empty})${close}`);
    else keepBetween(plan, start, value, end, test, `)${close}`);
  }
}

/** Replace [start, kept) with `before` and [kept, end) with `after`, leaving the kept node's text alone. */
function keepBetween(plan: Plan, start: number, kept: Node, end: number, before: string, after: string): void {
  plan.replace(start, kept.getStart(), before);
  plan.replace(kept.getEnd(), end, after);
}

export function isInStatementList(statement: Node): boolean {
  const parent = statement.getParent();
  return !!parent && (Node.isBlock(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent) || Node.isSourceFile(parent));
}
