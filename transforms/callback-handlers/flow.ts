import { Node, SyntaxKind, type Statement } from "ts-morph";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import type { Problem } from "./sites.js";

/**
 * How a settling call in the handler's own flow leaves the handler, which decides whether it can
 * become a `return`/`throw`:
 * - "return": `return callback(...)`;
 * - "body": the expression body of an arrow handler;
 * - "tail": nothing of the handler runs after it;
 * - "then-exit": the next statement is `return;` (or `break;` out of a switch or loop in tail position), merged into it;
 * - "trailing": a statement of the handler's body that more statements follow (they still ran in the
 *   old runtime: the call did not end the function);
 * - "inside": a statement that more code of the handler follows (a return would skip it);
 * - "expression": part of a larger expression (`ok ? callback(null, x) : callback(err)`).
 */
export type Exit =
  | { kind: "return" | "body" | "tail" | "trailing" | "inside" | "expression" }
  | { kind: "then-exit"; next: Statement };

/** Where the handler goes after a settling call that is a whole statement (or a `return` of one). */
export function exitOf(call: Node, fn: FunctionLike): Exit {
  if (call === fn.getBody()) return { kind: "body" };
  const parent = call.getParentOrThrow();
  if (Node.isReturnStatement(parent)) return { kind: "return" };
  if (!Node.isExpressionStatement(parent)) return { kind: "expression" };
  const list = parent.getParentOrThrow();
  if (Node.isBlock(list) || Node.isCaseClause(list) || Node.isDefaultClause(list)) {
    const statements = list.getStatements();
    const next = statements[statements.indexOf(parent) + 1];
    if (next && Node.isReturnStatement(next) && !next.getExpression()) return { kind: "then-exit", next };
    if (next && Node.isBreakStatement(next) && !next.getLabel()) {
      // `break` out of a switch or loop that nothing of the handler follows ends the handler too.
      const target = next.getFirstAncestor((a) => isFunctionLike(a) || Node.isSwitchStatement(a) || Node.isIterationStatement(a));
      if (target && !isFunctionLike(target) && isTail(target, fn)) return { kind: "then-exit", next };
    }
    if (next) return { kind: list === fn.getBody() ? "trailing" : "inside" };
  }
  return { kind: isTail(parent, fn) ? "tail" : "inside" };
}

/** Whether nothing of the function runs after `statement` completes normally. */
export function isTail(statement: Node, fn: FunctionLike): boolean {
  const parent = statement.getParent();
  if (!parent) return false;
  if (parent === fn) return true;
  if (Node.isBlock(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent)) {
    const statements = parent.getStatements();
    if (statements[statements.length - 1] !== statement) return false;
    if (parent === fn.getBody()) return true;
    if (Node.isBlock(parent)) return isTail(parent, fn);
    // The last statement of a case clause falls into the next clause, or out of the switch after the last one.
    const switchStatement = parent.getParentOrThrow().getParentOrThrow();
    if (!Node.isSwitchStatement(switchStatement)) return false;
    const clauses = switchStatement.getClauses();
    return clauses[clauses.length - 1] === parent && isTail(switchStatement, fn);
  }
  if (Node.isIfStatement(parent)) return isTail(parent, fn);
  if (Node.isTryStatement(parent)) {
    // A return in the try block still runs the finally block.
    return (statement === parent.getFinallyBlock() || !parent.getFinallyBlock()) && isTail(parent, fn);
  }
  if (Node.isCatchClause(parent)) {
    const tryStatement = parent.getParentOrThrow();
    return Node.isTryStatement(tryStatement) && !tryStatement.getFinallyBlock() && isTail(tryStatement, fn);
  }
  return false;
}

/** What a statement list can do while nothing has settled the invocation yet. */
interface Paths {
  /** Can complete normally with nothing settled. */
  fall: boolean;
  /** Can leave through `break` / `continue` with nothing settled. */
  brk: boolean;
  cont: boolean;
  /**
   * Work that calls back may still be pending where control leaves it normally, on any path, settled or not:
   * `if (a) db.get(id, cb);` settles one path by starting work, and that path still runs what follows.
   */
  pending?: boolean;
}

export interface PathOptions {
  /**
   * Whether a statement starts work that calls back later (a settling nested function, a handoff):
   * only such a mention after the path settled is a problem. Without it, every later mention is.
   */
  startsWork?: (node: Node) => boolean;
  /**
   * Whether a statement holds a `callback(...)` call or hands the callback on: after `callback(null, x)`
   * the old runtime waited for the event loop, while `context.succeed/fail/done` answered at once, as
   * `resolve`/`reject` do (so work started beside those is only a problem where the callback is involved).
   */
  waits?: (node: Node) => boolean;
  /**
   * Whether every answer in `node` is a failure (`callback(err)`, `context.fail(e)`): those answered at once in
   * the old runtime, as `reject` does, so it makes no difference what was still pending then.
   */
  failsOnly?: (node: Node) => boolean;
  /** Takes over a bare `return;` on a path that has not settled (true: it becomes an answer of undefined). */
  endsQuietly?: (ret: Node) => boolean;
  /** Takes over the end of `statements` reached on a path that has not settled (true: it answers undefined there). */
  fallsQuietly?: () => boolean;
  /**
   * Takes over the missing else branch of an `if` whose then branch always settles, when that else path
   * ends the function with nothing pending (true: it gets `else { resolve(); }`).
   */
  elseQuietly?: (s: import("ts-morph").IfStatement) => boolean;
}

/**
 * Check that every path through `statements` settles the invocation (calls a settling function,
 * hands the callback on, or throws). A path that ends without settling made the old runtime end
 * the invocation with null once the event loop was empty; a promise would never settle.
 * `settles(node)` says whether a simple statement or expression always settles.
 */
export function checkEveryPathSettles(
  statements: Statement[],
  settles: (node: Node) => boolean,
  mentions: (node: Node) => boolean,
  where: Node,
  problems: Problem[],
  opts: PathOptions = {},
): void {
  // In an event listener (`res.on("data", …)`) the old runtime's answer may have come from another listener of
  // the same emitter (its "end"): ending the path with an answer here would then answer too early.
  const listener = listenerOf(where);
  const unsettledExit = (node: Node) =>
    problems.push({
      node,
      reason: listener
        ? `this path of the "${listener.event}" listener on ${listener.emitter} ends without calling back: the old runtime then answered null once the event loop was empty, or with what a later listener answered, while a promise would never settle; answer from one listener only (collect what this one receives into a variable and call back in ${listener.emitter}'s "end" or "close" listener), or end this path with \`return callback(null);\` when nothing else answers, and run settle again`
        : "this path ends without calling back: the old runtime then answered null once the event loop was empty, while a promise would never settle; end the path with `return callback(null);` (or `return context.succeed(null);`), which is what the old runtime answered, and run settle again",
    });
  // Work that calls back started earlier on the path and may still be running: the old runtime waited
  // for it (it answered with that work's result at a quiet end, and kept running it after callback(null, x)).
  const pendingExit = (node: Node) =>
    problems.push({
      node,
      reason:
        "this path ends without calling back while work started earlier on it may still call back: the old runtime waited for that work and answered with its result, while the promise would answer undefined at once; call back only from inside that work on this path (or await it first), and run settle again",
    });
  const pendingAnswer = (node: Node) =>
    problems.push({
      node,
      reason:
        "the callback is called here while work started earlier on this path may still be running: the old runtime waited for that work before answering, a promise answers at once and lets it escape; call back from inside that work (one after the other), or await it first",
    });
  /** Whether work that calls back was started on the path being walked and can still be pending. */
  let pending = false;
  // A function or class declaration starts nothing where it stands: its calls do.
  const startsPending = (s: Node) => !Node.isFunctionDeclaration(s) && !Node.isClassDeclaration(s) && !!opts.startsWork?.(s);
  /** A settling statement or expression reached with work pending: a problem where the old runtime waited (a callback call). */
  const answerWhilePending = (node: Node) => {
    if (pending && (!opts.waits || opts.waits(node))) pendingAnswer(node);
  };
  const unsupported = (node: Node, what: string) =>
    problems.push({ node, reason: `the callback is called inside ${what}, which settle does not rewrite: compute the value into a variable first and call back in a statement of its own` });

  const seq = (list: Node[]): Paths => {
    const out: Paths = { fall: true, brk: false, cont: false };
    const saved = pending;
    for (const [i, s] of list.entries()) {
      const r = stmt(s);
      if (r.fall) pending = !!r.pending;
      out.brk ||= r.brk;
      out.cont ||= r.cont;
      if (!r.fall) {
        // Settled here (not just left): a later call back on the same path would be a second one.
        // A later call is ignored by the old runtime and by a promise alike; work started after a
        // success was still waited for by the old runtime, while the promise has already answered.
        const { startsWork: starts, waits } = opts;
        const later = (n: Node) =>
          mentions(n) && !listensOnResultOf(n, s, list, opts.failsOnly) && (!starts || ((starts(s) || starts(n)) && (!waits || waits(s) || waits(n))));
        const again = mentions(s) ? list.slice(i + 1).find(later) : undefined;
        const [first, second] = again ? [registration(s), registration(again)] : [];
        if (again && first && second && first.emitter === second.emitter) {
          problems.push({
            node: again,
            reason: `a second listener on ${second.emitter} ("${second.event}", after "${first.event}") calls back: the old runtime kept the first answer but sent it only once ${second.emitter} had finished, a promise sends it at once; answer from one listener only (collect what "${first.event}" receives into a variable and call back in "${second.event}"), and run settle again`,
          });
        } else if (again) {
          problems.push({
            node: again,
            reason:
              "work that calls back is started here after this path already called back or started such work: the old runtime waited for all of it before answering, a promise answers at the first; start it inside the earlier work's callback (one after the other), or remove the earlier call",
          });
        }
        // The path goes on past the list unless a later statement of it returns or throws (`work(cb); return;`).
        out.pending = !!r.pending && !list.slice(i + 1).some((n) => Node.isReturnStatement(n) || Node.isThrowStatement(n));
        pending = saved;
        return { ...out, fall: false };
      }
    }
    out.pending = pending;
    pending = saved;
    return out;
  };

  const stmt = (s: Node): Paths => {
    const none: Paths = { fall: false, brk: false, cont: false };
    const simple = (settled: boolean): Paths => ({ fall: !settled, brk: false, cont: false, pending: pending || startsPending(s) });
    if (Node.isReturnStatement(s)) {
      const expr = s.getExpression();
      if (!expr && pending && opts.startsWork) pendingExit(s);
      else if (!expr && opts.endsQuietly?.(s)) return none;
      else if (!expr || !settles(expr)) unsettledExit(s);
      else answerWhilePending(expr);
      return none;
    }
    if (Node.isThrowStatement(s) || throwsUndeclared(s)) return none;
    if (Node.isBreakStatement(s)) return { fall: false, brk: true, cont: false };
    if (Node.isContinueStatement(s)) return { fall: false, brk: false, cont: true };
    if (Node.isBlock(s)) return seq(s.getStatements());
    if (Node.isIfStatement(s)) {
      if (mentions(s.getExpression())) unsupported(s, "an if condition");
      const then = stmt(s.getThenStatement());
      const otherwise = s.getElseStatement();
      const quietElse = !otherwise && !then.fall && !pending && !!opts.startsWork && !!opts.elseQuietly?.(s);
      const other = otherwise ? stmt(otherwise) : { fall: !quietElse, brk: false, cont: false, pending };
      return { fall: then.fall || other.fall, brk: then.brk || other.brk, cont: then.cont || other.cont, pending: !!then.pending || !!other.pending };
    }
    if (Node.isTryStatement(s)) {
      const finallyBlock = s.getFinallyBlock();
      if (finallyBlock && mentions(finallyBlock)) unsupported(finallyBlock, "a finally block");
      const body = stmt(s.getTryBlock());
      const catchClause = s.getCatchClause();
      // The catch block may be entered before anything in the try block settled (taken as entered before
      // the try block started work: a throw there usually comes before the work it would have started).
      const handler = catchClause ? stmt(catchClause.getBlock()) : none;
      return { fall: body.fall || handler.fall, brk: body.brk || handler.brk, cont: body.cont || handler.cont, pending: !!body.pending || !!handler.pending };
    }
    if (Node.isSwitchStatement(s)) {
      if (mentions(s.getExpression())) unsupported(s, "a switch expression");
      const clauses = s.getClauses();
      let fall = !clauses.some((c) => Node.isDefaultClause(c));
      let cont = false;
      clauses.forEach((clause, i) => {
        const r = seq(clause.getStatements());
        fall ||= r.brk || (r.fall && i === clauses.length - 1);
        cont ||= r.cont;
      });
      return { fall, brk: false, cont, pending: pending || startsPending(s) };
    }
    if (
      Node.isForStatement(s) || Node.isForOfStatement(s) || Node.isForInStatement(s) ||
      Node.isWhileStatement(s) || Node.isDoStatement(s)
    ) {
      const head = Node.isForStatement(s) ? [s.getInitializer(), s.getCondition(), s.getIncrementor()] : [s.getExpression()];
      if (head.some((h) => h && mentions(h))) unsupported(s, "a loop header");
      const body = stmt(s.getStatement());
      // A loop body may run zero times; a do-while body runs at least once.
      const fall = Node.isDoStatement(s) ? body.fall || body.brk || body.cont : true;
      return { fall, brk: false, cont: false, pending: pending || startsPending(s) };
    }
    if (Node.isLabeledStatement(s)) {
      if (mentions(s)) unsupported(s, "a labelled statement");
      return simple(false);
    }
    const settled = settles(s);
    if (settled) answerWhilePending(s);
    return simple(settled);
  };

  const top = seq(statements);
  if (top.fall && top.pending && opts.startsWork) pendingExit(where);
  else if (top.fall && !opts.fallsQuietly?.()) unsettledExit(where);
}

/** The methods that register a Node.js EventEmitter listener. */
export const LISTEN_METHODS: ReadonlySet<string> = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener"]);

/**
 * `req.on("error", callback);` (or a chain of such registrations) after `const req = https.request(opts, cb);`
 * or after another listener on the same emitter (`res.on("end", …); res.on("error", callback);`) in the same
 * statement list, with the emitter's variable not written in between: a listener on the emitter that the
 * earlier work returned starts nothing of its own, it is one more way that same work answers, as in the
 * chained `https.request(opts, cb).on("error", callback);`, which is one statement. The first answer wins in
 * the old runtime as in a promise. The "error" event ends the work; a listener of another event (`timeout`,
 * also `req.setTimeout(ms, fn)`) must answer only by failing, which the old runtime sent at once too,
 * without waiting for the rest of the work.
 */
function listensOnResultOf(n: Node, s: Node, list: Node[], failsOnly?: (node: Node) => boolean): boolean {
  const name = emitterOf(s);
  if (!name || !Node.isExpressionStatement(n)) return false;
  let call: Node = n.getExpression();
  while (Node.isCallExpression(call)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) return false;
    const [first, listener, ...rest] = call.getArguments();
    if (!first || !listener || rest.length > 0) return false;
    if (callee.getName() === "setTimeout") {
      if (!failsOnly?.(listener)) return false;
    } else {
      if (!LISTEN_METHODS.has(callee.getName()) || !Node.isStringLiteral(first)) return false;
      if (first.getLiteralText() !== "error" && !failsOnly?.(listener)) return false;
    }
    call = callee.getExpression();
  }
  if (!Node.isIdentifier(call) || call.getText() !== name) return false;
  const between = list.slice(list.indexOf(s) + 1, list.indexOf(n));
  return ![...between, n].some((b) =>
    b.getDescendantsOfKind(SyntaxKind.BinaryExpression).some((e) =>
      e.getOperatorToken().getKind() === SyntaxKind.EqualsToken && Node.isIdentifier(e.getLeft()) && e.getLeft().getText() === name));
}

/** The variable an earlier statement leaves an emitter in: `const req = start(…);`, or `res.on(…)` (a chain of registrations on `res`). */
function emitterOf(s: Node): string | undefined {
  if (Node.isVariableStatement(s)) {
    const declarations = s.getDeclarationList().getDeclarations();
    if (declarations.length !== 1) return undefined;
    const name = declarations[0].getNameNode();
    const init = declarations[0].getInitializer();
    return Node.isIdentifier(name) && init && Node.isCallExpression(init) ? name.getText() : undefined;
  }
  if (!Node.isExpressionStatement(s)) return undefined;
  let call: Node = s.getExpression();
  if (!Node.isCallExpression(call)) return undefined;
  while (Node.isCallExpression(call)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !LISTEN_METHODS.has(callee.getName())) return undefined;
    call = callee.getExpression();
  }
  return Node.isIdentifier(call) ? call.getText() : undefined;
}

/** `emitter.on("event", …);` as a statement: the emitter's text and the event's name. */
function registration(statement: Node): { emitter: string; event: string } | undefined {
  if (!Node.isExpressionStatement(statement)) return undefined;
  const call = statement.getExpression();
  return Node.isCallExpression(call) ? registrationCall(call) : undefined;
}

function registrationCall(call: Node): { emitter: string; event: string } | undefined {
  if (!Node.isCallExpression(call)) return undefined;
  const callee = call.getExpression();
  const [event] = call.getArguments();
  if (!Node.isPropertyAccessExpression(callee) || !LISTEN_METHODS.has(callee.getName()) || !event || !Node.isStringLiteral(event)) return undefined;
  const emitter = callee.getExpression();
  if (!Node.isIdentifier(emitter)) return undefined;
  return { emitter: emitter.getText(), event: event.getLiteralText() };
}

/** The emitter and event a function listens to, when it is the listener argument of `emitter.on("event", fn)`. */
function listenerOf(fn: Node): { emitter: string; event: string } | undefined {
  const call = fn.getParent();
  if (!call || !Node.isCallExpression(call) || call.getArguments()[1] !== fn) return undefined;
  return registrationCall(call);
}

const DECLARING = new Set([
  SyntaxKind.VariableDeclaration, SyntaxKind.Parameter, SyntaxKind.FunctionDeclaration, SyntaxKind.FunctionExpression,
  SyntaxKind.ClassDeclaration, SyntaxKind.ClassExpression, SyntaxKind.ImportSpecifier, SyntaxKind.ImportClause,
  SyntaxKind.NamespaceImport, SyntaxKind.ImportEqualsDeclaration, SyntaxKind.BindingElement, SyntaxKind.EnumDeclaration,
  SyntaxKind.ModuleDeclaration,
]);
const escapeRe = (s: string) => s.replace(/[$]/g, "\\$&");

/**
 * Whether the statement is `name(...)` or `return name(...)` where `name` is declared nowhere: not in
 * the file, not a global of Node.js, and no file of the project writes it as a global
 * (`global.name`, `globalThis.name`, a sloppy `name = ...`). The call then throws a ReferenceError
 * before anything else of it runs, exactly as a `throw` statement would: that path ends by throwing
 * (redshift-loader's `callback();` in a two-parameter handler). The call is kept as it is, so it
 * throws at the same place and is reported the same way by the runtime in both forms.
 */
export function throwsUndeclared(s: Node): boolean {
  const expr = Node.isExpressionStatement(s) ? s.getExpression() : Node.isReturnStatement(s) ? s.getExpression() : undefined;
  if (!expr || !Node.isCallExpression(expr)) return false;
  const callee = expr.getExpression();
  if (!Node.isIdentifier(callee)) return false;
  const name = callee.getText();
  if (name in globalThis || name === "arguments" || name === "require" || name === "module" || name === "exports") return false;
  // A declaration binds in the function around it (var, parameters, and let/const taken as function-wide:
  // more names count as declared, never fewer); a function or class expression's own name binds inside it.
  const isScope = (n: Node) => isFunctionLike(n) || Node.isConstructorDeclaration(n) || Node.isGetAccessorDeclaration(n)
    || Node.isSetAccessorDeclaration(n) || Node.isSourceFile(n);
  const scopeOf = (decl: Node): Node | undefined =>
    Node.isFunctionExpression(decl) || Node.isClassExpression(decl) ? decl : decl.getParentWhile((n) => !isScope(n))?.getParent() ?? decl.getParent();
  const enclosing = new Set<Node>(callee.getAncestors());
  const declared = s.getSourceFile().getDescendantsOfKind(SyntaxKind.Identifier).some((id) => {
    if (id.getText() !== name) return false;
    const parent = id.getParent();
    if (!parent) return false;
    const binds = Node.isImportSpecifier(parent) || Node.isImportClause(parent) || Node.isNamespaceImport(parent)
      || (DECLARING.has(parent.getKind()) && (parent as { getNameNode?: () => Node }).getNameNode?.() === id);
    if (!binds) return false;
    if (Node.isImportSpecifier(parent) || Node.isImportClause(parent) || Node.isNamespaceImport(parent)) return true;
    const scope = scopeOf(parent);
    return !scope || enclosing.has(scope);
  });
  if (declared) return false;
  const n = escapeRe(name);
  const writes = new RegExp(`\\b(global|globalThis|window|self)\\s*(\\.\\s*${n}\\b|\\[\\s*["'\`]${n}["'\`])|(^|[^.\\w$])${n}\\s*=[^=>]|defineProperty\\([^)]*["'\`]${n}["'\`]`);
  return !s.getProject().getSourceFiles().some((f) => writes.test(f.getFullText()));
}

/** Whether `node` is evaluated whenever `statement` runs (not behind `&&`, `||`, `??`, `?:` or `?.`). */
export function alwaysEvaluated(node: Node, statement: Node): boolean {
  let current: Node = node;
  while (current !== statement) {
    const parent = current.getParent();
    if (!parent || isFunctionLike(parent)) return false;
    if (Node.isBinaryExpression(parent) && parent.getRight() === current) {
      const op = parent.getOperatorToken().getKind();
      if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken) return false;
    }
    if (Node.isConditionalExpression(parent) && parent.getCondition() !== current) return false;
    if ((Node.isCallExpression(parent) || Node.isPropertyAccessExpression(parent)) && parent.hasQuestionDotToken()) return false;
    current = parent;
  }
  return true;
}

/**
 * Whether nothing that runs after `statement` (a whole statement of `owner`) on its path can throw: only
 * `console.*(…)` calls, further answers (ignored, the first wins) and declarations whose values are literals,
 * names, and `+` or template strings of them, up to a bare `return` or the end of `owner`. A loop around it
 * (a next round), a `finally` or a `case` falling through is not followed.
 */
export function cannotThrowAfter(statement: Node, owner: FunctionLike, answers: (call: Node) => boolean): boolean {
  const body = owner.getBody();
  for (let current: Node = statement; current !== body; ) {
    const parent = current.getParent();
    if (!parent || parent === owner || Node.isIterationStatement(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent)) return parent === owner;
    if (Node.isTryStatement(parent) && parent.getFinallyBlock() && parent.getFinallyBlock() !== current) return false;
    if (Node.isBlock(parent)) {
      const statements = parent.getStatements();
      for (const next of statements.slice(statements.indexOf(current as Statement) + 1)) {
        if (Node.isReturnStatement(next)) return !next.getExpression() || isInert(next.getExpression()!);
        if (!isInertStatement(next, answers)) return false;
      }
    }
    current = parent;
  }
  return true;
}

function isInertStatement(statement: Statement, answers: (call: Node) => boolean): boolean {
  if (Node.isEmptyStatement(statement)) return true;
  if (Node.isVariableStatement(statement)) return statement.getDeclarations().every((d) => Node.isIdentifier(d.getNameNode()) && (!d.getInitializer() || isInert(d.getInitializer()!)));
  if (!Node.isExpressionStatement(statement)) return false;
  const expr = statement.getExpression();
  if (!Node.isCallExpression(expr)) return false;
  const callee = expr.getExpression();
  const logs = Node.isPropertyAccessExpression(callee) && callee.getExpression().getText() === "console" && !callee.hasQuestionDotToken();
  return (logs || answers(expr)) && expr.getArguments().every(isInert);
}

/** An expression whose evaluation cannot throw in practice: literals, names, and strings built from them. */
export function isInert(expr: Node): boolean {
  if (Node.isParenthesizedExpression(expr)) return isInert(expr.getExpression());
  if (Node.isIdentifier(expr) || Node.isLiteralExpression(expr) || Node.isNoSubstitutionTemplateLiteral(expr)) return true;
  const kind = expr.getKind();
  if (kind === SyntaxKind.TrueKeyword || kind === SyntaxKind.FalseKeyword || kind === SyntaxKind.NullKeyword) return true;
  if (Node.isTemplateExpression(expr)) return expr.getTemplateSpans().every((span) => isInert(span.getExpression()));
  if (Node.isBinaryExpression(expr)) return ARITHMETIC.has(expr.getOperatorToken().getKind()) && isInert(expr.getLeft()) && isInert(expr.getRight());
  return Node.isCallExpression(expr) && expr.getArguments().length === 0 && expr.getExpression().getText() === "Date.now";
}

const ARITHMETIC = new Set([SyntaxKind.PlusToken, SyntaxKind.MinusToken, SyntaxKind.AsteriskToken, SyntaxKind.SlashToken]);

/**
 * A `.then(f)` / `.catch(f)` / `.finally(f)` callback: it runs as a promise job, so a throw in it rejects the
 * promise `then` returns instead of being an uncaught exception, and that rejection is seen (handled by a later
 * `.catch`, or reported as unhandled) only once the promise jobs queued before it, a resolve/reject's included, have run.
 */
export function runsAsPromiseJob(fn: FunctionLike): boolean {
  const call = fn.getParent();
  if (!call || !Node.isCallExpression(call) || !call.getArguments().includes(fn as Node as never)) return false;
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) && ["then", "catch", "finally"].includes(callee.getName());
}
