import { Node, SyntaxKind, type CallExpression, type ReturnStatement, type Statement } from "ts-morph";
import { ownReturns, ownStatements } from "../../src/function-body.js";
import { isFunctionLike } from "../../src/handlers/entry-point.js";
import { deeperIndent, eolOf, indentOf, usesSemicolons, within } from "../../src/layout.js";
import { matchCallbackApi } from "./match.js";
import { declaration, inTryBlock, isAssigned, isNonNullTest, isPassedOn, placeOf, type Place, promiseFormOf, referencesTo, whyNotInline, type PromiseForm, type RenderOptions, type Rendered } from "./rewrite.js";
import { afterComments, movedLines, type TextEdit } from "./text.js";

/**
 * `return new Promise((resolve, reject) => { api(args, (err, data) => { if (err) return reject(err); …; resolve(v); }); });`
 * in an async function, as callback-handlers writes it around a callback the handler answered from
 * (or as written by hand): the promise form is awaited directly instead,
 * `const data = await <promise form>; …; return v;`. Undefined when the statement is not such a shape.
 *
 * The callback may settle where it ends: at its last statement, with `return resolve(v)` / `return reject(e)`,
 * or with `resolve(v); return;`. Each of those ends the callback and, since the promise is what the
 * function returns, the function too: they become `return v;` / `throw e;` (a throw outside any try
 * block of the callback, so nothing catches it that did not see the rejection before). An error branch
 * that does more than reject (logs, cleans up, answers with an error response) becomes the catch
 * clause. A callback that ends by starting the next such call continues with that call's rewrite.
 */
export function renderPromiseWrapper(statement: ReturnStatement, opts: RenderOptions): Rendered | undefined {
  const created = statement.getExpression();
  if (!created || !Node.isNewExpression(created) || created.getExpression().getText() !== "Promise") return undefined;
  const [executor, ...more] = created.getArguments();
  if (more.length > 0 || !executor || !(Node.isArrowFunction(executor) || Node.isFunctionExpression(executor))) return undefined;
  const [resolveParam, rejectParam, ...extra] = executor.getParameters();
  if (!resolveParam || extra.length > 0 || [resolveParam, rejectParam].some((p) => p && !Node.isIdentifier(p.getNameNode()))) return undefined;
  const body = executor.getBody();
  const only = Node.isBlock(body) ? (body.getStatements().length === 1 ? body.getStatements()[0] : undefined) : undefined;
  if (!only || !Node.isExpressionStatement(only)) return undefined;
  const settlers = { resolve: resolveParam.getName(), reject: rejectParam?.getName() };
  const settles: Node[] = [];
  const level = { settlers, opts, place: placeOf(statement, opts.host), settles };
  const text = renderSettling(only, level, indentOf(statement), usesSemicolons(statement) ? ";" : "");
  if (text === undefined) return undefined;
  // resolve/reject used anywhere else (stored, passed on, called twice): not this shape.
  const settlerRefs = executor
    .getDescendantsOfKind(SyntaxKind.Identifier)
    .filter((id) => id.getText() === settlers.resolve || id.getText() === settlers.reject)
    .filter((id) => !within(id, resolveParam) && !(rejectParam && within(id, rejectParam)));
  if (settlerRefs.some((id) => !settles.some((s) => (s as CallExpression).getExpression() === id))) return undefined;
  return { text };
}

interface Level {
  settlers: Settlers;
  opts: RenderOptions;
  place: Place;
  /** The settling calls the rewrite accounts for (every use of resolve/reject must be one of them). */
  settles: Node[];
  /** Names the levels' awaits declare in the function's scope. */
  declared?: Set<string>;
}

/**
 * The text that replaces `only`, a callback call whose callback settles the promise, at `indent`:
 * the awaited promise form and the callback's body with its settles turned into return/throw. A
 * callback that ends by starting another such call continues with that call's rewrite.
 */
function renderSettling(only: Statement, level: Level, indent: string, semi: string): string | undefined {
  const { settlers, opts, place, settles } = level;
  const api = matchCallbackApi(only);
  if (!api || api.kind === "unsupported") return undefined;
  // The callback's returns are checked below: only those that settle are allowed.
  if (whyNotInline(api.callback, place, opts, true)) return undefined;
  const statement = only;
  const callback = api.callback;
  const cbBody = callback.getBody();
  const [errParam, ...results] = api.kind === "timer" ? [] : callback.getParameters();
  if ([errParam, ...results].some((p) => p && (!Node.isIdentifier(p.getNameNode()) || p.isRestParameter()))) return undefined;
  const errName = errParam?.getName();
  /** Whether the callback's error test was `err != null` (the wrapper then rejects on a falsy error too). */
  let nonNull = false;
  const isErrTest = (node: Node) => {
    const ok = !!errName && [errName, `${errName}!=null`].includes(node.getText().replace(/\s+/g, ""));
    if (ok) nonNull = isNonNullTest(node);
    return ok;
  };

  const eol = eolOf(statement);
  /** The lines after the await (the callback's body, settles rewritten). */
  let lines: string[];
  let errorBranch: { lines: string[]; refs: boolean; rethrow: boolean } | undefined;
  if (Node.isBlock(cbBody)) {
    const statements = cbBody.getStatements();
    const first = statements[0];
    let from = 0;
    const edits: TextEdit[] = [];
    if (api.kind !== "timer" && first && Node.isIfStatement(first) && !first.getElseStatement() && isErrTest(first.getExpression())) {
      const then = first.getThenStatement();
      const inner = Node.isBlock(then) ? then.getStatements() : [then];
      const exit = finalSettle(inner, settlers, false);
      if (!exit) return undefined;
      // Nothing else of the branch may end the callback (or settle): it all runs before the final settle.
      if (ownReturns(then).some((r) => !inExit(r, exit))) return undefined;
      settles.push(exit.call);
      const branchEdits = [{ start: exit.start, end: exit.end, text: exit.text }];
      const branchLines = Node.isBlock(then)
        ? movedLines(then, then.getStart() + 1, then.getEnd() - 1, branchEdits, deeperIndent(statement, indent))
        : movedLines(then, then.getStart(), then.getEnd(), branchEdits, deeperIndent(statement, indent));
      const rethrow = exit.start === inner[0].getStart() && exit.kind === "reject" && exit.value?.getText() === errName;
      errorBranch = { lines: branchLines.filter((l) => l !== ""), refs: referencesTo(errParam, then).length > 0, rethrow };
      from = 1;
    } else if (api.kind !== "timer" && errParam) {
      return undefined;
    }
    const rest = statements.slice(from);
    const final = finalSettle(rest, settlers, true);
    const ending = rest.at(-1);
    let last: { start: number; end: number; text: string; call?: CallExpression } | undefined = final;
    if (!final && ending && Node.isExpressionStatement(ending)) {
      // The callback ends by starting the next callback call that settles: its rewrite follows (at its own indentation, moved with the rest).
      const next = renderSettling(ending, level, indentOf(ending), usesSemicolons(ending) ? ";" : "");
      if (next === undefined) return undefined;
      last = { start: ending.getStart(), end: ending.getEnd(), text: next };
    }
    if (!last) return undefined;
    // Every other way out of the callback settles and returns at once; no rejection inside a try block (its throw would be caught there).
    for (const r of ownReturns(cbBody)) {
      if (errorBranch && within(r, first!)) continue;
      if (r.getStart() >= last.start && r.getEnd() <= last.end) continue;
      const exit = settleExit(r, settlers);
      if (!exit || (exit.kind === "reject" && inTryBlock(exit.anchor, cbBody))) return undefined;
      settles.push(exit.call);
      edits.push({ start: exit.start, end: exit.end, text: exit.text });
    }
    if (last.call) settles.push(last.call);
    edits.push({ start: last.start, end: last.end, text: last.text });
    // Callback work in the moved code would need its own rewrite in the same pass.
    const nested = final ? undefined : ending;
    if (ownStatements(callback).some((s) => s !== nested && rest.some((r) => within(s, r)) && matchCallbackApi(s))) return undefined;
    lines = movedLines(cbBody, from === 1 ? first!.getEnd() : cbBody.getStart() + 1, cbBody.getEnd() - 1, edits, indent);
  } else {
    let expr: Node = cbBody;
    while (Node.isParenthesizedExpression(expr)) expr = expr.getExpression();
    let value: Node | undefined;
    if (Node.isConditionalExpression(expr) && api.kind !== "timer") {
      const rejected = settleCall(expr.getWhenTrue(), settlers);
      const resolved = settleCall(expr.getWhenFalse(), settlers);
      if (!isErrTest(expr.getCondition()) || rejected?.kind !== "reject" || rejected.value?.getText() !== errName || resolved?.kind !== "resolve") return undefined;
      settles.push(rejected.call, resolved.call);
      value = resolved.value;
    } else {
      const resolved = settleCall(expr, settlers);
      if (resolved?.kind !== "resolve" || (api.kind !== "timer" && errParam)) return undefined;
      settles.push(resolved.call);
      value = resolved.value;
    }
    lines = [`${indent}return${value ? ` ${value.getText()}` : ""}${semi}`];
  }
  if (errParam && referencesTo(errParam, cbBody).some((r) => !isTestOperand(r) && !(errorBranch && Node.isBlock(cbBody) && within(r, cbBody.getStatements()[0])) && !settles.some((s) => within(r, s)))) return undefined;

  let head: string;
  if (api.kind === "timer") {
    opts.timers.push(api.call.getExpression());
    head = `${opts.awaitTimer(api.name, api.delay?.getText() ?? "")}${semi}`;
  } else {
    const used = results.map((r) => referencesTo(r, cbBody).length > 0);
    const dataRefs = results.flatMap((r) => referencesTo(r, cbBody));
    if (opts.typescript && errorBranch && !errorBranch.rethrow) {
      // A TypeScript catch clause types the error as `unknown`, and names declared before a try lose their type in nested functions.
      const errRefs = referencesTo(errParam, cbBody).filter((r) => !isTestOperand(r));
      if (errRefs.some((r) => !isPassedOn(r))) return undefined;
      if (dataRefs.some((r) => r.getFirstAncestor((a) => isFunctionLike(a)) !== callback)) return undefined;
    }
    const args = api.args.length > 0 ? statement.getSourceFile().getFullText().slice(api.args[0].getStart(), api.args.at(-1)!.getEnd()) : "";
    const form = promiseFormOf(api, args, results, used, !!errorBranch?.refs, opts, nonNull);
    if ("reason" in form) return undefined;
    const reassigned = dataRefs.some((r) => isAssigned(r));
    // A name declared by an outer level's rewrite in the same scope would be declared twice.
    if (form.names.some((n) => level.declared?.has(n))) return undefined;
    for (const n of form.names) (level.declared ??= new Set()).add(n);
    head = errorBranch && !errorBranch.rethrow ? tryHead(form, errorBranch, errName!, indent, deeperIndent(statement, indent), semi, eol) : `${declaration(form, reassigned)}${semi}`;
  }
  const comments = errorBranch && Node.isBlock(cbBody) ? movedLines(cbBody, cbBody.getStart() + 1, cbBody.getStatements()[0].getStart(), [], indent) : [];
  return afterComments(comments, [head, ...lines].join(eol), indent, eol);
}

/** `let data; try { data = await …; } catch (err) { …error branch… }` */
function tryHead(form: PromiseForm, branch: { lines: string[]; refs: boolean }, errName: string, indent: string, deeper: string, semi: string, eol: string): string {
  const assign = form.pattern ? `${form.pattern.startsWith("{") ? `(${form.pattern} = await ${form.promise})` : `${form.pattern} = await ${form.promise}`}` : `await ${form.promise}`;
  const out = form.pattern ? [`let ${form.names.join(", ")}${semi}`, `${indent}try {`] : ["try {"];
  out.push(`${deeper}${assign}${semi}`, `${indent}} catch${branch.refs ? ` (${errName})` : ""} {`, ...branch.lines, `${indent}}`);
  return out.join(eol);
}

interface Settle {
  kind: "resolve" | "reject";
  call: CallExpression;
  value?: Node;
}

/** `resolve(v)` / `reject(e)` (at most one argument, no spread). */
type Settlers = { resolve: string; reject?: string };

function settleCall(node: Node | undefined, settlers: Settlers): Settle | undefined {
  if (!node || !Node.isCallExpression(node) || node.getArguments().length > 1) return undefined;
  const name = node.getExpression().getText();
  const kind = name === settlers.resolve ? "resolve" : settlers.reject && name === settlers.reject ? "reject" : undefined;
  const value = node.getArguments()[0];
  if (!kind || (value && Node.isSpreadElement(value))) return undefined;
  return { kind, call: node, value };
}

/** A settling exit and its replacement: `return v;` for a resolution, `throw e;` for a rejection. */
interface Exit extends Settle {
  /** The text it replaces: one statement, or `settle(x); return;`. */
  start: number;
  end: number;
  /** The statement that ends the callback there. */
  anchor: Statement;
  text: string;
}

function exitOf(settle: Settle, from: Statement, anchor: Statement): Exit {
  const semi = usesSemicolons(anchor) ? ";" : "";
  const value = settle.value?.getText();
  const text = settle.kind === "resolve" ? `return${value ? ` ${value}` : ""}${semi}` : `throw ${value ?? "undefined"}${semi}`;
  return { ...settle, start: from.getStart(), end: anchor.getEnd(), anchor, text };
}

/** `return settle(x)`, or the `return;` of `settle(x); return;` (then the exit spans both statements). */
function settleExit(ret: Node, settlers: Settlers): Exit | undefined {
  if (!Node.isReturnStatement(ret)) return undefined;
  const expr = ret.getExpression();
  if (expr) {
    const settle = settleCall(expr, settlers);
    return settle && exitOf(settle, ret, ret);
  }
  const before = ret.getPreviousSibling();
  if (!before || !Node.isExpressionStatement(before)) return undefined;
  const settle = settleCall(before.getExpression(), settlers);
  if (!settle) return undefined;
  if (ret.getSourceFile().getFullText().slice(before.getEnd(), ret.getStart()).trim() !== "") return undefined;
  return exitOf(settle, before, ret);
}

/**
 * The settle that ends a list of statements: `return settle(x)`, `settle(x); return;`, or (where the
 * callback ends anyway, `atEnd`) a plain `settle(x)`.
 */
function finalSettle(statements: Statement[], settlers: Settlers, atEnd: boolean): Exit | undefined {
  const last = statements.at(-1);
  if (!last) return undefined;
  if (Node.isReturnStatement(last)) return settleExit(last, settlers);
  if (!atEnd || !Node.isExpressionStatement(last)) return undefined;
  const settle = settleCall(last.getExpression(), settlers);
  return settle && exitOf(settle, last, last);
}

function inExit(node: Node, exit: Exit): boolean {
  return node.getStart() >= exit.start && node.getEnd() <= exit.end;
}

/** `err` in `if (err)` or `err ? … : …`: the test itself. */
function isTestOperand(ref: Node): boolean {
  const parent = ref.getParent();
  if (Node.isIfStatement(parent) || Node.isConditionalExpression(parent)) return true;
  return Node.isBinaryExpression(parent) && (Node.isIfStatement(parent.getParent()) || Node.isConditionalExpression(parent.getParent()));
}
