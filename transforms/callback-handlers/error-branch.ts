import { Node, SyntaxKind, type Identifier, type ParameterDeclaration, type SourceFile, type Statement } from "ts-morph";
import type { FunctionLike } from "../../src/handlers/entry-point.js";
import { matchCallbackApi } from "../callback-apis/match.js";
import { alwaysEvaluated, isInert } from "./flow.js";
import { identifiersReferringTo, ownerOf } from "./sites.js";

/**
 * An answer that went out at once in the old runtime, on the error branch of an error-first callback, with the
 * path going on after the branch (issue 11, lambda-redshift-loader's foundConfig):
 *
 *     function (err, data) {
 *       if (err) { console.log(err); context.fail(err); }
 *       console.log("found");          // logs only, up to
 *       var item = data.Item;          // a read of a result that is null or undefined when err is set
 *       …
 *     }
 *
 * In the old runtime that path was: the answer (sent at once), the logs, then a TypeError on `data.Item`, which
 * only ended the process after the answer; nothing after it ran. The rewrite ends the path at the answer, with
 * the same logs after it: `reject(err); console.log("found"); return;`. That it is so is shown, not guessed:
 * - the branch is `if (<the error parameter>) { … }` (no else), a statement of the callback's body, the
 *   answer a statement of it followed only by logs;
 * - after the branch come only logs, then a statement whose first evaluation is `<result>.<name>`;
 * - neither parameter is assigned anywhere in the callback (nor `arguments` used), the result has no default;
 * - the result is null or undefined whenever the error is set: the callback is the one of an AWS SDK v2 request
 *   (`client.method(params, cb)`, whose data is null on an error) or an fs callback (`fs.readFile(p, cb)`, called
 *   with the error alone): the throw was an uncaught exception there; or a named function of which every use is a
 *   direct call passing a null or undefined literal as the error, so the branch never runs (a call with an error
 *   and a null result is not enough: the throw went up to that caller and skipped the rest of it);
 * - each log is one line, `console.<level>(…)` or `logger.<level>(…)`/`log.<level>(…)` of a logger called on
 *   the path before, with arguments that cannot throw: literals, names, strings built from them, and
 *   `x.name` where `x` is a parameter of the callback whose property was read on the path before (so not null).
 * Anything else stays reported (convert.ts, checkCodeAfterAnswers).
 */
export interface EndedErrorPath {
  /** The answer's statement: the logs and `return` go after it. */
  statement: Statement;
  /** The logs between the branch and the throw, copied after the answer (they ran in the old runtime). */
  logs: Statement[];
  /** The statement that threw in the old runtime (a read of the result), and the result's name. */
  throwing: Statement;
  result: string;
}

const LEVELS = new Set(["log", "info", "warn", "error", "debug", "trace"]);
const LOGGER = /^(logger|log)$/i;

export function errorAnswerEndingPath(call: Node, owner: FunctionLike): EndedErrorPath | undefined {
  const statement = call.getParent();
  const branch = statement?.getParent();
  const test = branch?.getParent();
  const body = owner.getBody();
  if (!statement || !Node.isExpressionStatement(statement) || statement.getExpression() !== call) return undefined;
  if (!branch || !Node.isBlock(branch) || !test || !Node.isIfStatement(test) || test.getThenStatement() !== branch || test.getElseStatement()) return undefined;
  if (!body || !Node.isBlock(body) || test.getParent() !== body) return undefined;
  const condition = test.getExpression();
  if (!Node.isIdentifier(condition)) return undefined;
  const params = owner.getParameters();
  const errorIndex = params.findIndex((p) => plainName(p) === condition.getText());
  if (errorIndex < 0 || !refersToParam(owner, params[errorIndex], condition)) return undefined;

  const inBranch = branch.getStatements();
  const top = body.getStatements();
  const at = top.indexOf(test);
  /** The path's statements before the answer: the callback's before the branch, then the branch's. */
  const earlier = [...top.slice(0, at), ...inBranch.slice(0, inBranch.indexOf(statement))].filter(
    (s) => Node.isExpressionStatement(s) || Node.isVariableStatement(s),
  );
  // A copied log must not name a let/const/class declared later in the callback (a TDZ ReferenceError there).
  const later = new Set(
    top.slice(at + 1).flatMap((s) =>
      Node.isVariableStatement(s) && s.getDeclarationKind() !== "var"
        ? s.getDeclarations().map((d) => d.getName())
        : Node.isClassDeclaration(s) && s.getName() ? [s.getName()!] : [],
    ),
  );
  const isLog = (s: Statement) =>
    isSafeLog(s, owner, earlier) && !s.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => later.has(id.getText()));
  if (!inBranch.slice(inBranch.indexOf(statement) + 1).every(isLog)) return undefined;
  const logs: Statement[] = [];
  let throwing: Statement | undefined;
  for (const s of top.slice(at + 1)) {
    if (Node.isEmptyStatement(s)) continue;
    if (isLog(s)) {
      logs.push(s);
      continue;
    }
    throwing = s;
    break;
  }
  if (!throwing) return undefined;
  const read = firstEvaluatedRead(throwing);
  if (!read) return undefined;
  const resultIndex = params.findIndex((p) => plainName(p) === read.getText());
  if (resultIndex < 0 || resultIndex === errorIndex || !refersToParam(owner, params[resultIndex], read)) return undefined;
  const result = params[resultIndex];
  if (result.getInitializer() || result.isRestParameter() || params[errorIndex].isRestParameter()) return undefined;
  if (assignedIn(owner, condition.getText()) || assignedIn(owner, read.getText()) || usesArguments(owner)) return undefined;
  if (!resultNullOnError(owner, errorIndex)) return undefined;
  return { statement, logs, throwing, result: read.getText() };
}

function plainName(p: ParameterDeclaration): string | undefined {
  const name = p.getNameNode();
  return Node.isIdentifier(name) ? name.getText() : undefined;
}

function refersToParam(owner: FunctionLike, param: ParameterDeclaration, id: Identifier): boolean {
  const body = owner.getBody();
  return !!body && identifiersReferringTo(body, param, param.getNameNode() as Identifier).includes(id);
}

/**
 * The identifier `r` when the first thing `statement` evaluates that can throw is `r.name` (no `?.`):
 * `var item = data.Item.name;`, `const k = keys.keys[0];`, `results.forEach(…)`.
 */
function firstEvaluatedRead(statement: Statement): Identifier | undefined {
  let expr: Node | undefined;
  if (Node.isVariableStatement(statement)) {
    const first = statement.getDeclarations()[0];
    if (!first || !Node.isIdentifier(first.getNameNode())) return undefined;
    expr = first.getInitializer();
  } else if (Node.isExpressionStatement(statement)) {
    expr = statement.getExpression();
  }
  let current = expr;
  for (;;) {
    if (!current) return undefined;
    if (Node.isPropertyAccessExpression(current)) {
      if (current.hasQuestionDotToken()) return undefined;
      const inner = current.getExpression();
      if (Node.isIdentifier(inner)) return inner;
      current = inner;
    } else if (Node.isElementAccessExpression(current) || Node.isCallExpression(current)) {
      if (current.hasQuestionDotToken()) return undefined;
      current = current.getExpression();
    } else {
      return undefined;
    }
  }
}

/** Whether an assignment (or `++`/`--`) of `name` appears anywhere in `owner` (by text: shadowing counts too). */
function assignedIn(owner: FunctionLike, name: string): boolean {
  const assigns = (target: Node) => target.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => id.getText() === name) || (Node.isIdentifier(target) && target.getText() === name);
  return owner.getDescendants().some((n) => {
    if (Node.isBinaryExpression(n)) {
      const op = n.getOperatorToken().getKind();
      return op >= SyntaxKind.FirstAssignment && op <= SyntaxKind.LastAssignment && assigns(n.getLeft());
    }
    if (Node.isPrefixUnaryExpression(n) || Node.isPostfixUnaryExpression(n)) {
      const op = n.getOperatorToken();
      return (op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken) && assigns(n.getOperand());
    }
    return false;
  });
}

function usesArguments(owner: FunctionLike): boolean {
  return owner.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => id.getText() === "arguments");
}

/** `console.info("x", n)`, `logger.error(\`… ${s3Info.prefix}\`)` on one line, that cannot throw (see above). */
function isSafeLog(statement: Statement, owner: FunctionLike, earlier: Statement[]): boolean {
  if (!Node.isExpressionStatement(statement) || statement.getStartLineNumber() !== statement.getEndLineNumber()) return false;
  const call = statement.getExpression();
  if (!Node.isCallExpression(call) || call.hasQuestionDotToken()) return false;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.hasQuestionDotToken() || !LEVELS.has(callee.getName())) return false;
  const receiver = callee.getExpression();
  if (!Node.isIdentifier(receiver)) return false;
  const name = receiver.getText();
  if (name !== "console") {
    // A logger of the project: one that was called as a logger on this path before, and is not reassigned here.
    if (!LOGGER.test(name) || assignedIn(owner, name)) return false;
    const calledBefore = earlier.some((s) =>
      s.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression).some(
        (p) => p.getExpression().getText() === name && LEVELS.has(p.getName()) && Node.isCallExpression(p.getParent()) && ownerOf(p) === owner && alwaysEvaluated(p, s),
      ),
    );
    if (!calledBefore) return false;
  }
  return call.getArguments().every((a) => cannotThrow(a, owner, earlier));
}

function cannotThrow(expr: Node, owner: FunctionLike, earlier: Statement[]): boolean {
  if (isInert(expr)) return true;
  if (Node.isParenthesizedExpression(expr)) return cannotThrow(expr.getExpression(), owner, earlier);
  if (Node.isTemplateExpression(expr)) return expr.getTemplateSpans().every((span) => cannotThrow(span.getExpression(), owner, earlier));
  if (Node.isBinaryExpression(expr) && expr.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    return cannotThrow(expr.getLeft(), owner, earlier) && cannotThrow(expr.getRight(), owner, earlier);
  }
  if (Node.isPropertyAccessExpression(expr) && !expr.hasQuestionDotToken() && Node.isIdentifier(expr.getExpression())) {
    const name = expr.getExpression().getText();
    // A parameter of the callback, never reassigned, whose property the path already read: not null or undefined.
    const param = owner.getParameters().find((p) => plainName(p) === name);
    if (!param || !refersToParam(owner, param, expr.getExpression() as Identifier) || assignedIn(owner, name)) return false;
    return earlier.some((s) =>
      s.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression).some(
        (p) => !p.hasQuestionDotToken() && p.getExpression().getText() === name && ownerOf(p) === owner && alwaysEvaluated(p, s),
      ),
    );
  }
  return false;
}

/**
 * Whether the result parameter is null or undefined whenever the error parameter is set, the throw being uncaught
 * (an AWS SDK v2 or fs callback), or the branch never runs (a named function only called with a null error).
 */
function resultNullOnError(owner: FunctionLike, errorIndex: number): boolean {
  const call = owner.getParent();
  if (call && Node.isCallExpression(call) && call.getArguments().at(-1) === owner) {
    const statement = call.getParent();
    if (errorIndex !== 0 || !statement || !Node.isExpressionStatement(statement)) return false;
    const api = matchCallbackApi(statement);
    return !!api && (api.kind === "aws-sdk-v2" || api.kind === "fs") && api.callback === owner;
  }
  // A named function only called directly: `foundConfig(inputInfo, null, configData)`.
  const declaration = Node.isFunctionDeclaration(owner) ? owner : owner.getParent();
  const nameNode = Node.isFunctionDeclaration(owner) ? owner.getNameNode() : declaration && Node.isVariableDeclaration(declaration) && declaration.getInitializer() === owner ? declaration.getNameNode() : undefined;
  if (!declaration || !nameNode || !Node.isIdentifier(nameNode)) return false;
  if (Node.isFunctionDeclaration(owner) && (owner.isExported() || owner.isDefaultExport())) return false;
  if (Node.isVariableDeclaration(declaration) && declaration.getVariableStatement()?.isExported()) return false;
  const uses = identifiersReferringTo(owner.getSourceFile() as SourceFile, declaration, nameNode);
  if (uses.length === 0) return false;
  const nullish = (arg: Node | undefined) =>
    !arg || arg.getKind() === SyntaxKind.NullKeyword || (Node.isIdentifier(arg) && arg.getText() === "undefined") || (Node.isVoidExpression(arg) && isInert(arg.getExpression()));
  return uses.every((use) => {
    const parent = use.getParent();
    if (!parent || !Node.isCallExpression(parent) || parent.getExpression() !== use) return false;
    const args = parent.getArguments();
    if (args.some((a) => Node.isSpreadElement(a))) return false;
    return nullish(args[errorIndex]);
  });
}
