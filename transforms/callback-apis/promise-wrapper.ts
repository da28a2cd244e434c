import { Node, SyntaxKind, type ReturnStatement } from "ts-morph";
import { ownReturns, ownStatements } from "../../src/function-body.js";
import { usesSemicolons } from "../../src/layout.js";
import { matchCallbackApi, type CallbackApi } from "./match.js";
import { placeOf, referencesTo, whyNotInline, wrapInPromise, type RenderOptions, type Rendered } from "./rewrite.js";
import { eolOf, indentAt, movedLines } from "./text.js";

/**
 * `return new Promise((resolve, reject) => { api(args, (err, data) => { if (err) return reject(err); …; resolve(v); }); });`
 * in an async function, as callback-handlers writes it around a callback the handler answered from
 * (or as written by hand): the promise form is awaited directly instead,
 * `const data = await <promise form>; …; return v;`. Undefined when the statement is not that shape.
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
  const api = matchCallbackApi(only);
  if (!api || api.kind === "unsupported") return undefined;
  const place = placeOf(statement, opts.host);
  // `return reject(err)` is checked below: it is the only return allowed.
  const why = whyNotInline(api.callback, place, opts, true);
  if (why) return undefined;

  const resolveName = resolveParam.getName();
  const rejectName = rejectParam?.getName();
  const callback = api.callback;
  const cbBody = callback.getBody();
  const isCallOf = (node: Node | undefined, name: string | undefined) =>
    !!node && !!name && Node.isCallExpression(node) && node.getExpression().getText() === name && node.getArguments().length <= 1;
  const [errParam, dataParam, ...moreParams] = callback.getParameters();
  if (moreParams.length > 0) return undefined;
  const errName = errParam?.getName();
  const isReject = (node: Node | undefined) =>
    isCallOf(node, rejectName) && (node as import("ts-morph").CallExpression).getArguments()[0]?.getText() === errName;
  const isErrTest = (node: Node) => !!errName && [errName, `${errName}!=null`].includes(node.getText().replace(/\s+/g, ""));

  // The settling calls: one rejection of the error as it is, one resolution at the very end.
  let value: Node | undefined;
  let middle: { start: number; end: number } | undefined;
  const settles: Node[] = [];
  if (Node.isBlock(cbBody)) {
    const statements = cbBody.getStatements();
    let from = 0;
    const first = statements[0];
    if (api.kind !== "timer" && first && Node.isIfStatement(first) && !first.getElseStatement() && isErrTest(first.getExpression())) {
      const then = first.getThenStatement();
      const inner = Node.isBlock(then) ? then.getStatements() : [then];
      const exit = inner.length === 1 ? inner[0] : undefined;
      if (!exit || !Node.isReturnStatement(exit) || !isReject(exit.getExpression())) return undefined;
      settles.push(exit.getExpression()!);
      from = 1;
    } else if (api.kind !== "timer" && errParam) {
      return undefined;
    }
    const last = statements.at(-1);
    const resolved = last && statements.indexOf(last) >= from ? (Node.isExpressionStatement(last) ? last.getExpression() : Node.isReturnStatement(last) ? last.getExpression() : undefined) : undefined;
    if (!last || statements.indexOf(last) < from || !isCallOf(resolved, resolveName)) return undefined;
    settles.push(resolved!);
    value = (resolved as import("ts-morph").CallExpression).getArguments()[0];
    const rest = statements.slice(from, -1);
    if (rest.some((s) => ownStatements(callback).includes(s) && matchCallbackApi(s))) return undefined;
    if (ownStatements(callback).some((s) => rest.some((r) => within(s, r)) && matchCallbackApi(s))) return undefined;
    if (ownReturns(cbBody).some((r) => !settles.some((x) => within(x, r)))) return undefined;
    middle = { start: from === 1 ? first!.getEnd() : cbBody.getStart() + 1, end: last.getStart() };
  } else {
    let expr: Node = cbBody;
    while (Node.isParenthesizedExpression(expr)) expr = expr.getExpression();
    if (Node.isConditionalExpression(expr) && api.kind !== "timer") {
      if (!isErrTest(expr.getCondition()) || !isReject(expr.getWhenTrue()) || !isCallOf(expr.getWhenFalse(), resolveName)) return undefined;
      settles.push(expr.getWhenTrue(), expr.getWhenFalse());
      value = (expr.getWhenFalse() as import("ts-morph").CallExpression).getArguments()[0];
    } else if (isCallOf(expr, resolveName) && (api.kind === "timer" || !errParam)) {
      settles.push(expr);
      value = (expr as import("ts-morph").CallExpression).getArguments()[0];
    } else return undefined;
  }
  // resolve/reject used anywhere else (stored, passed on, called twice): not this shape.
  const settlerRefs = executor
    .getDescendantsOfKind(SyntaxKind.Identifier)
    .filter((id) => id.getText() === resolveName || id.getText() === rejectName)
    .filter((id) => !within(id, resolveParam) && !(rejectParam && within(id, rejectParam)));
  if (settlerRefs.some((id) => !settles.some((s) => within(id, s) && (s as import("ts-morph").CallExpression).getExpression() === id))) return undefined;
  const dataRefs = referencesTo(dataParam, cbBody);
  if (errParam && referencesTo(errParam, cbBody).some((r) => !settles.some((s) => within(r, s)) && !isTestOperand(r))) return undefined;

  const semi = usesSemicolons(statement) ? ";" : "";
  const indent = indentAt(statement, statement.getStart());
  const eol = eolOf(statement);
  const args = api.kind === "timer" ? "" : api.args.length > 0 ? statement.getSourceFile().getFullText().slice(api.args[0].getStart(), api.args.at(-1)!.getEnd()) : "";
  // The value of `data` in `resolve(data)` counts as a use, so it is declared.
  const data = dataRefs.length > 0 ? dataParam!.getName() : undefined;
  let head: string;
  if (api.kind === "timer") {
    opts.timers.push(api.call.getExpression());
    head = opts.awaitTimer(api.name, api.delay?.getText() ?? "");
  } else {
    let promise: string;
    if (api.kind === "fs") promise = `${api.receiver}.promises.${api.method}(${args})`;
    else if (api.kind === "aws-sdk-v2") promise = `${api.receiver}.${api.method}(${args}).promise()`;
    else {
      const wrapped = wrapInPromise(api as Extract<CallbackApi, { kind: "node-style" }>, args, dataParam, !!data, errParam, opts);
      if ("reason" in wrapped) return undefined;
      promise = wrapped.text;
    }
    const reassigned = dataRefs.some((r) => Node.isBinaryExpression(r.getParent()) || Node.isPrefixUnaryExpression(r.getParent()) || Node.isPostfixUnaryExpression(r.getParent()));
    head = data ? `${reassigned ? "let" : "const"} ${data} = await ${promise}` : `await ${promise}`;
  }
  const lines = middle ? movedLines(cbBody, middle.start, middle.end, [], indent) : [];
  const ret = `${indent}return${value ? ` ${value.getText()}` : ""}${semi}`;
  return { text: [`${head}${semi}`, ...lines, ret].join(eol) };
}

/** `err` in `if (err)` or `err ? … : …`: the test itself. */
function isTestOperand(ref: Node): boolean {
  const parent = ref.getParent();
  if (Node.isIfStatement(parent) || Node.isConditionalExpression(parent)) return true;
  return Node.isBinaryExpression(parent) && (Node.isIfStatement(parent.getParent()) || Node.isConditionalExpression(parent.getParent()));
}

function within(node: Node, container: Node): boolean {
  return node.getStart() >= container.getStart() && node.getEnd() <= container.getEnd();
}
