import { Node, NodeFlags, SyntaxKind, VariableDeclarationKind, type CallExpression, type Identifier, type ParameterDeclaration } from "ts-morph";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { declarationNodes, nullability, refersTo, symbolKeys } from "../../src/types/index.js";
import { classifyContextHandoff } from "./context-handoff.js";
import { LAMBDA_SHAPE, type HandlerShape } from "./shape.js";
import { followStoredContext, type StoredContext } from "./stored-context.js";

/** How a settling call ends the invocation, as the old runtime read its arguments. */
export type Outcome =
  /** `callback(null, v)`, `context.succeed(v)`: the invocation's result (`value` absent: undefined). */
  | { type: "success"; value?: Node }
  /** `callback(err)`, `context.fail(err)`: thrown as it is (`error` absent: the RIC's string "handled"). */
  | {
      type: "failure";
      error?: Node;
      orHandled?: boolean;
      /**
       * `callback(err, JSON.stringify(err))`: the old runtime ignored the value of a failing call but
       * still evaluated it, so the rewrite evaluates it first (`JSON.stringify(err); throw err;`).
       * Only set when `error` is an identifier that nothing ever assigns, so reading it after the value
       * gives what reading it before did.
       */
      evaluated?: Node;
    }
  /** `callback(err, v)` with `err` possibly null: the RIC tested `err != null`. */
  | { type: "either"; error: Node; value?: Node };

/** A call that settles the invocation: `callback(...)` or `context.succeed/fail/done(...)`. */
export interface Site {
  call: CallExpression;
  /** The function whose own flow holds the call: the handler itself, or a function nested in it. */
  owner: FunctionLike;
  outcome: Outcome;
}

/**
 * The callback or `context.succeed/fail/done` passed on by reference: `helper(x, callback)`,
 * `p.catch(callback)`, `s3.getObject(params, context.done)`, `p.then(context.succeed)`.
 */
export interface Handoff {
  /** The callback's identifier, or the `context.succeed` property access. */
  ref: Node;
  /**
   * What is handed on: the callback (read as `callback(err, value)`, like `context.done`), succeed/fail,
   * or the context itself, to a project function that answers through it on every path (context-handoff.ts).
   */
  via: "callback" | "done" | "succeed" | "fail" | "context";
  call: CallExpression;
  owner: FunctionLike;
  /** Only ever called with an error (`.catch(callback)`, the second argument of `.then`). */
  rejectsOnly: boolean;
}

export interface Problem {
  node: Node;
  reason: string;
}

/** Every place the handler's callback and context settle the invocation, and the uses settle cannot follow. */
export interface Usage {
  sites: Site[];
  handoffs: Handoff[];
  /** `context.callbackWaitsForEmptyEventLoop = ...;` statements (a no-op on Node.js 24). */
  waitFlags: Node[];
  problems: Problem[];
  /** `theContext = context;` stores that settle follows to every answer (stored-context.ts). */
  stores: StoredContext[];
}

/** Collect the uses of the callback parameter and of `context.succeed/fail/done` inside the handler. */
export function collectUsage(
  fn: FunctionLike,
  context: ParameterDeclaration | undefined,
  callback: ParameterDeclaration | undefined,
  shape: HandlerShape = LAMBDA_SHAPE,
): Usage {
  const usage: Usage = { sites: [], handoffs: [], waitFlags: [], problems: [], stores: [] };
  if (callback) {
    for (const ref of referencesTo(fn, callback)) collectCallbackUse(ref, usage);
  }
  if (context) {
    const binding = context.getNameNode();
    if (Node.isObjectBindingPattern(binding)) {
      for (const element of binding.getElements()) {
        const name = (element.getPropertyNameNode() ?? element.getNameNode()).getText();
        if (shape.methods.has(name)) usage.problems.push({ node: element, reason: `context.${name} is taken out of the context object: call \`context.${name}(...)\` on the context itself and run settle again` });
      }
    } else {
      for (const ref of referencesTo(fn, context)) collectContextUse(ref, usage, shape, fn);
    }
  }
  usage.sites.sort((a, b) => a.call.getStart() - b.call.getStart());
  return usage;
}

/** Identifiers in the function that refer to the parameter (by symbol, so shadowing names are skipped). */
export function referencesTo(fn: FunctionLike, param: ParameterDeclaration): Identifier[] {
  const nameNode = param.getNameNode();
  const body = fn.getBody();
  if (!Node.isIdentifier(nameNode) || !body) return [];
  return identifiersReferringTo(body, param, nameNode);
}

/**
 * The identifiers below `root` (not `nameNode` itself) that refer to the declaration `nameNode` names:
 * same text, not a property name (`x.callback`, `{ callback: 1 }`), and the same symbol, asked through
 * the oracle in one batch (so shadowing names are skipped).
 */
export function identifiersReferringTo(root: Node, declaration: Node, nameNode: Identifier): Identifier[] {
  const name = nameNode.getText();
  const named = root.getDescendantsOfKind(SyntaxKind.Identifier).filter((id) => {
    if (id === nameNode || id.getText() !== name) return false;
    const parent = id.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) return false;
    if (Node.isPropertyAssignment(parent) && parent.getNameNode() === id) return false;
    return true;
  });
  // `main({ event, callback })` reads the variable, but the shorthand name's own symbol is the property's:
  // those are compared by the value's symbol (TypeScript's shorthand assignment value symbol), one batch.
  const isShorthand = (id: Identifier) => Node.isShorthandPropertyAssignment(id.getParent());
  const plain = named.filter((id) => !isShorthand(id));
  const shorthand = named.filter(isShorthand);
  const plainRefers = refersTo(declaration, nameNode, plain);
  const refers = new Set(plain.filter((_, i) => plainRefers[i]));
  if (shorthand.length > 0) {
    const [symbol, ...keys] = symbolKeys([nameNode, ...shorthand.map((id) => id.getParentOrThrow())]);
    shorthand.forEach((id, i) => symbol !== undefined && keys[i] === symbol && refers.add(id));
  }
  return named.filter((id) => refers.has(id));
}

function collectCallbackUse(ref: Identifier, usage: Usage): void {
  const parent = ref.getParentOrThrow();
  const owner = ownerOf(ref);
  if (Node.isCallExpression(parent) && parent.getExpression() === ref) {
    const args = parent.getArguments();
    if (args.some((a) => Node.isSpreadElement(a))) {
      usage.problems.push({ node: parent, reason: "callback is called with spread arguments: call it with explicit (error, result) arguments" });
      return;
    }
    const outcome = readCallbackArgs(args[0], args[1], usage, parent);
    if (outcome) usage.sites.push({ call: parent, owner, outcome });
    return;
  }
  if (Node.isCallExpression(parent) && parent.getArguments().includes(ref)) {
    usage.handoffs.push(handoffOf(ref, parent, "callback"));
    return;
  }
  usage.problems.push({ node: ref, reason: "callback is stored, returned or tested here, so settle cannot follow where it is called: call or pass `callback` itself (not an alias, not a test) and run settle again" });
}

function collectContextUse(ref: Identifier, usage: Usage, shape: HandlerShape, fn: FunctionLike): void {
  const CONTEXT_METHODS = shape.methods;
  const parent = ref.getParentOrThrow();
  if (Node.isElementAccessExpression(parent) && parent.getExpression() === ref) {
    const arg = parent.getArgumentExpression();
    if (!arg || !Node.isStringLiteral(arg) || CONTEXT_METHODS.has(arg.getLiteralText()) || arg.getLiteralText() === "callbackWaitsForEmptyEventLoop") {
      usage.problems.push({ node: parent, reason: "context is accessed with a computed key that may be succeed, fail or done: call `context.succeed/fail/done` by name" });
    }
    return;
  }
  if (Node.isCallExpression(parent) && parent.getArguments().includes(ref)) {
    const handoff = classifyContextHandoff(ref, parent);
    if (handoff.kind !== "none" && !shape.contextAdapter) {
      // An adapter object (prototype: the real context) would take the helper's writes (`context.res = …`) for itself.
      const callee = parent.getExpression().getText();
      usage.problems.push({ node: ref, reason: `context goes into ${callee}(...), which answers through context.done: make ${callee} return a promise of its result (and stop calling context.done), then return that promise's result from this function` });
    } else if (handoff.kind === "adapter") usage.handoffs.push({ ref, via: "context", call: parent, owner: ownerOf(ref), rejectsOnly: false });
    else if (handoff.kind === "problem") usage.problems.push({ node: ref, reason: handoff.reason });
    return;
  }
  const stored = storedContextAnswer(ref, shape);
  if (stored) {
    // Stored in a module variable that only the handler's invocation answers through: the adapter is stored instead.
    const followed = shape.contextAdapter ? followStoredContext(ref, fn) : undefined;
    if (followed) {
      usage.stores.push(followed);
      return;
    }
    usage.problems.push({ node: ref, reason: stored.reason });
    // Each answer through the stored name is a site that still fails on Node.js 24, reported where it is.
    for (const call of stored.calls) usage.problems.push({ node: call, reason: `${call.getExpression().getText().replace(/\s+/g, "")} answers the invocation of the handler at ${ref.getSourceFile().getBaseName()}:${ownerOf(ref).getStartLineNumber()} through a stored context, which Node.js 24 does not have: hand \`context\` to this function as an argument instead, and run settle again` });
    return;
  }
  if (!Node.isPropertyAccessExpression(parent) || parent.getExpression() !== ref) return;
  const name = parent.getName();
  const grand = parent.getParentOrThrow();
  if (name === "callbackWaitsForEmptyEventLoop" && shape.waitsForEventLoop) {
    if (Node.isBinaryExpression(grand) && grand.getLeft() === parent && grand.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
      const statement = grand.getParent();
      if (Node.isExpressionStatement(statement) && isInStatementList(statement)) usage.waitFlags.push(statement);
    }
    return;
  }
  if (!CONTEXT_METHODS.has(name)) return;
  if (Node.isCallExpression(grand) && grand.getArguments().includes(parent)) {
    usage.handoffs.push(handoffOf(parent, grand, name as "succeed" | "fail" | "done"));
    return;
  }
  if (!Node.isCallExpression(grand) || grand.getExpression() !== parent) {
    usage.problems.push({ node: parent, reason: `context.${name} is used without being called here, so settle cannot follow where it is called: call it (\`context.${name}(...)\`) or pass it directly as an argument, and run settle again` });
    return;
  }
  const args = grand.getArguments();
  if (args.some((a) => Node.isSpreadElement(a))) {
    usage.problems.push({ node: grand, reason: `context.${name} is called with spread arguments: call it with explicit arguments` });
    return;
  }
  const owner = ownerOf(grand);
  if (name === "succeed") {
    usage.sites.push({ call: grand, owner, outcome: { type: "success", value: args[0] } });
  } else if (name === "fail") {
    // The RIC: fail(undefined/null) reports the string "handled"; fail(err) reports err.
    const error = args[0];
    const nullness = !error ? "null" : isGuardedNonNull(error) ? "non-null" : nullnessOf(error);
    if (nullness === "null") usage.sites.push({ call: grand, owner, outcome: { type: "failure" } });
    else usage.sites.push({ call: grand, owner, outcome: { type: "failure", error, orHandled: nullness === "maybe" } });
  } else {
    const outcome = readCallbackArgs(args[0], args[1], usage, grand);
    if (outcome) usage.sites.push({ call: grand, owner, outcome });
  }
}

function handoffOf(ref: Node, call: CallExpression, via: Handoff["via"]): Handoff {
  const callee = call.getExpression();
  const method = Node.isPropertyAccessExpression(callee) ? callee.getName() : undefined;
  const index = call.getArguments().indexOf(ref);
  const rejectsOnly = (method === "catch" && index === 0) || (method === "then" && index === 1);
  return { ref, via, call, owner: ownerOf(ref), rejectsOnly };
}

/** `callback(err, value)` as the RIC read it: `err` neither null nor undefined is a failure. */
function readCallbackArgs(error: Node | undefined, value: Node | undefined, usage: Usage, call: CallExpression): Outcome | undefined {
  const nullness = !error ? "null" : isGuardedNonNull(error) ? "non-null" : nullnessOf(error);
  if (nullness === "null") return { type: "success", value };
  if (error && isDuckTypedError(error)) {
    usage.problems.push({
      node: error,
      reason: "the old runtime reported this object as an Error (it has name, message and stack) while Node.js 24 reports it as an object: throw a real Error",
    });
    return undefined;
  }
  if (nullness === "non-null") {
    // The old runtime ignored the value of a failing call, but it was still evaluated.
    if (value && !isSideEffectFree(value)) {
      if (error && isNeverReassigned(error)) return { type: "failure", error, evaluated: value };
      usage.problems.push({ node: call, reason: "the result argument of a failing call has side effects that a throw would skip: compute it in a statement before the call" });
      return undefined;
    }
    return { type: "failure", error };
  }
  if (isStringifiedRejection(error!)) {
    usage.problems.push({
      node: error!,
      reason: `${error!.getText()} is undefined when the promise rejected with undefined (\`Promise.reject()\`, \`reject()\`), and the old runtime then took this call for a success and answered null, while reject or throw would fail the invocation: if this promise never rejects with undefined, call back with the text in a variable (\`const text = ${error!.getText()}; callback(text);\`), or keep the old answer (\`if (${(error as CallExpression).getArguments()[0].getText()} === undefined) return callback(null);\` first, then store the text), and run settle again`,
    });
    return undefined;
  }
  if (!isSideEffectFree(error!)) {
    usage.problems.push({ node: call, reason: "the error argument may be null and has side effects, so it cannot be tested and then used: store it in a variable first (`const err = ...;`)" });
    return undefined;
  }
  if (value && !buildsDataOnly(value)) {
    // The old runtime evaluated the value on both outcomes; `if (err != null) throw err; return value;` would skip it on a failure.
    usage.problems.push({ node: call, reason: "the result argument has side effects and the error may or may not be null, so the rewrite would skip the result on a failure: store the result in a variable first (`const result = ...;`, then call back with `result`), and run settle again" });
    return undefined;
  }
  return { type: "either", error: error!, value };
}

/** An identifier whose variable is only ever written by its declaration (a parameter, a `const`, an unassigned `var`). */
function isNeverReassigned(expr: Node): boolean {
  if (!Node.isIdentifier(expr)) return false;
  const declarations = declarationNodes(expr);
  if (declarations.length !== 1) return false;
  const declaration = declarations[0];
  if (!declaration || declaration.getSourceFile() !== expr.getSourceFile()) return false;
  if (!Node.isParameterDeclaration(declaration) && !Node.isVariableDeclaration(declaration)) return false;
  const name = declaration.getNameNode();
  if (!Node.isIdentifier(name)) return false;
  const text = name.getText();
  const same = expr.getSourceFile().getDescendantsOfKind(SyntaxKind.Identifier).filter((id) => id !== name && id.getText() === text);
  const refers = refersTo(declaration, name, same);
  return same.every((ref, i) => !refers[i] || !isWritten(ref));
}

/** `x = ...`, `x += ...`, `x++`, `[x] = ...`, `({ x } = ...)`, `for (x of ...)`: any place that may write x. */
function isWritten(ref: Identifier): boolean {
  const parent = ref.getParent();
  if (!parent) return true;
  if (Node.isBinaryExpression(parent) && parent.getLeft() === ref) {
    const op = parent.getOperatorToken().getKind();
    return op >= SyntaxKind.FirstAssignment && op <= SyntaxKind.LastAssignment;
  }
  if (Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent)) {
    const op = parent.getOperatorToken();
    return op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken;
  }
  return Node.isArrayLiteralExpression(parent) || Node.isShorthandPropertyAssignment(parent) || Node.isForInStatement(parent) || Node.isForOfStatement(parent);
}

/** Whether an expression is null/undefined, never is, or may be (the checker's answer; `any` means maybe). */
export function nullnessOf(expr: Node): "null" | "non-null" | "maybe" {
  if (Node.isNullLiteral(expr) || (Node.isIdentifier(expr) && expr.getText() === "undefined") || Node.isVoidExpression(expr)) return "null";
  if (isLiteralValue(expr)) return "non-null";
  if (isStringifiedRejection(expr)) return "maybe";
  if (Node.isIdentifier(expr)) {
    const declarations = declarationNodes(expr);
    // A catch variable holds what was thrown: taken to be an error, never null.
    if (declarations.some((d) => d !== undefined && Node.isVariableDeclaration(d) && Node.isCatchClause(d.getParent()))) return "non-null";
    // `const error = new CustomError(…)`: a constant holds its initial value, whatever its type says (in
    // JavaScript, TypeScript 7 does not type a constructor function's instance as non-null; 6 does).
    const [only] = declarations;
    if (declarations.length === 1 && only && Node.isVariableDeclaration(only) && isConstStatement(only.getParent())) {
      const init = only.getInitializer();
      if (init && isLiteralValue(init)) return "non-null";
    }
    // A parameter holds what the caller passes, and the error-first convention passes null on success
    // whatever the callback's type says (AWS SDK v2 types `err: AWSError`): its type proves nothing.
    if (declarations.some((d) => d !== undefined && Node.isParameterDeclaration(d))) return nullability(expr) === "null" ? "null" : "maybe";
  }
  return nullability(expr);
}

/**
 * `JSON.stringify(err)` where `err` is a promise's rejection reason (the parameter of a `.catch(…)` callback or of
 * `.then`'s second one): lib.d.ts types the call `string`, but it is undefined for an undefined argument, and a
 * promise may reject with undefined (`Promise.reject()`, `reject()`). The old runtime took `callback(undefined)`
 * for a success (null); `reject(undefined)` fails the invocation (issue 11, unseen8: aws-lambda-playground's
 * dynamodb-local, localstack and dynamodb-promise handlers, `.catch((err) => callback(JSON.stringify(err)))`).
 * An error-first callback's error is left to the usual tests (`if (err)` guards it).
 */
function isStringifiedRejection(expr: Node): boolean {
  if (!Node.isCallExpression(expr) || expr.getExpression().getText().replace(/\s+/g, "") !== "JSON.stringify") return false;
  const [arg] = expr.getArguments();
  if (!arg || !Node.isIdentifier(arg) || isGuardedNonNull(arg)) return false;
  return declarationNodes(arg).some((d) => {
    if (!d || !Node.isParameterDeclaration(d)) return false;
    const fn = d.getParent();
    if (!isFunctionLike(fn) || fn.getParameters()[0] !== d) return false;
    const call = fn.getParent();
    if (!call || !Node.isCallExpression(call)) return false;
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) return false;
    const index = call.getArguments().indexOf(fn);
    return (callee.getName() === "catch" && index === 0) || (callee.getName() === "then" && index === 1);
  });
}

/** A value the syntax shows is an object or a primitive other than null/undefined. */
function isLiteralValue(expr: Node): boolean {
  return (
    Node.isStringLiteral(expr) ||
    Node.isNoSubstitutionTemplateLiteral(expr) ||
    Node.isTemplateExpression(expr) ||
    Node.isNumericLiteral(expr) ||
    Node.isObjectLiteralExpression(expr) ||
    Node.isArrayLiteralExpression(expr) ||
    Node.isNewExpression(expr)
  );
}

/** The declaration list of a `const` statement (not of a `for (const x of …)`, which holds each item). */
function isConstStatement(list: Node | undefined): boolean {
  return !!list && Node.isVariableDeclarationList(list) && list.getDeclarationKind() === VariableDeclarationKind.Const && Node.isVariableStatement(list.getParent());
}

/** `if (err) return callback(err);`: inside a branch that only runs when the value is neither null nor undefined. */
function isGuardedNonNull(expr: Node): boolean {
  const text = expr.getText().replace(/\s+/g, "");
  let child: Node = expr;
  for (let parent = expr.getParent(); parent && !isFunctionLike(parent); child = parent, parent = parent.getParent()) {
    if (!Node.isIfStatement(parent)) continue;
    const test = parent.getExpression().getText().replace(/\s+/g, "");
    if (parent.getThenStatement() === child && [text, `!!${text}`, `${text}!=null`].includes(test)) return true;
    if (parent.getElseStatement() === child && [`!${text}`, `${text}==null`].includes(test)) return true;
  }
  return false;
}

/** The old runtime duck-typed errors (string name, message and stack); Node.js 24 only trusts `instanceof Error`. */
function isDuckTypedError(expr: Node): boolean {
  if (!Node.isObjectLiteralExpression(expr)) return false;
  const names = new Set(expr.getProperties().map((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p) ? p.getName() : "")));
  return names.has("name") && names.has("message") && names.has("stack");
}

/**
 * A value only built from reads: literals, identifiers, property reads, object/array/template literals,
 * operators other than assignment, functions not called, and `JSON.stringify` of such (taken to be
 * data; a toJSON or getter with effects, or a throw on a cycle or a BigInt, is not modelled). Skipping
 * it on a failure (which the old runtime ignored) changes nothing observable.
 */
function buildsDataOnly(expr: Node, depth = 0): boolean {
  if (isSideEffectFree(expr)) return true;
  if (Node.isArrowFunction(expr) || Node.isFunctionExpression(expr)) return true;
  if (Node.isTemplateExpression(expr)) return expr.getTemplateSpans().every((span) => buildsDataOnly(span.getExpression(), depth));
  if (Node.isArrayLiteralExpression(expr)) return expr.getElements().every((e) => !Node.isSpreadElement(e) && buildsDataOnly(e, depth));
  if (Node.isObjectLiteralExpression(expr)) {
    return expr.getProperties().every((p) => {
      if (Node.isShorthandPropertyAssignment(p)) return true;
      if (!Node.isPropertyAssignment(p)) return false;
      const name = p.getNameNode();
      if (Node.isComputedPropertyName(name) && !buildsDataOnly(name.getExpression(), depth)) return false;
      const init = p.getInitializer();
      return !!init && buildsDataOnly(init, depth);
    });
  }
  if (Node.isBinaryExpression(expr)) {
    const op = expr.getOperatorToken().getKind();
    if (op >= SyntaxKind.FirstAssignment && op <= SyntaxKind.LastAssignment) return false;
    return buildsDataOnly(expr.getLeft(), depth) && buildsDataOnly(expr.getRight(), depth);
  }
  if (Node.isPrefixUnaryExpression(expr)) {
    const op = expr.getOperatorToken();
    return op !== SyntaxKind.PlusPlusToken && op !== SyntaxKind.MinusMinusToken && buildsDataOnly(expr.getOperand(), depth);
  }
  if (Node.isTypeOfExpression(expr)) return buildsDataOnly(expr.getExpression(), depth);
  if (Node.isConditionalExpression(expr)) return [expr.getCondition(), expr.getWhenTrue(), expr.getWhenFalse()].every((e) => buildsDataOnly(e, depth));
  if (Node.isElementAccessExpression(expr)) return buildsDataOnly(expr.getExpression(), depth) && buildsDataOnly(expr.getArgumentExpressionOrThrow(), depth);
  if (Node.isAsExpression(expr) || Node.isNonNullExpression(expr)) return buildsDataOnly(expr.getExpression(), depth);
  if (Node.isCallExpression(expr) && expr.getExpression().getText().replace(/\s+/g, "") === "JSON.stringify") {
    return expr.getArguments().every((a) => !Node.isSpreadElement(a) && buildsDataOnly(a, depth));
  }
  // `createErrorResponse(400, msg)` where `const createErrorResponse = (code, msg) => ({ ... })` only builds data.
  if (Node.isCallExpression(expr) && depth < 3 && expr.getArguments().every((a) => !Node.isSpreadElement(a) && buildsDataOnly(a, depth + 1))) {
    const callee = expr.getExpression();
    if (!Node.isIdentifier(callee) || !isNeverReassigned(callee)) return false;
    const [declaration] = declarationNodes(callee);
    if (!declaration || !Node.isVariableDeclaration(declaration)) return false;
    const list = declaration.getParent();
    if (!Node.isVariableDeclarationList(list) || !(list.getFlags() & NodeFlags.Const)) return false;
    const init = declaration.getInitializer();
    if (!init || !Node.isArrowFunction(init)) return false;
    const body = init.getBody();
    const value = Node.isParenthesizedExpression(body) ? body.getExpression() : body;
    return !Node.isBlock(value) && init.getParameters().every((p) => Node.isIdentifier(p.getNameNode()) && !p.getInitializer()) && buildsDataOnly(value, depth + 1);
  }
  return false;
}

/** Identifiers, literals and property reads: safe to evaluate twice or not at all. */
export function isSideEffectFree(expr: Node): boolean {
  if (Node.isIdentifier(expr) || Node.isLiteralExpression(expr) || Node.isNullLiteral(expr) || Node.isTrueLiteral(expr) || Node.isFalseLiteral(expr)) return true;
  if (Node.isThisExpression(expr) || Node.isNoSubstitutionTemplateLiteral(expr)) return true;
  if (Node.isPropertyAccessExpression(expr)) return isSideEffectFree(expr.getExpression());
  if (Node.isParenthesizedExpression(expr)) return isSideEffectFree(expr.getExpression());
  return false;
}

/** The nearest function around a node. */
export function ownerOf(node: Node): FunctionLike {
  return node.getFirstAncestor((a) => isFunctionLike(a)) as FunctionLike;
}

/** The functions nested in `fn` that hold one of `marks` (its answering calls): each mark's enclosing functions up to `fn`. */
export function settlersOf(fn: FunctionLike, marks: Iterable<Node>): Set<FunctionLike> {
  const settlers = new Set<FunctionLike>();
  for (const mark of marks) for (let owner = ownerOf(mark); owner && owner !== fn; owner = ownerOf(owner)) settlers.add(owner);
  return settlers;
}

function isInStatementList(statement: Node): boolean {
  const parent = statement.getParent();
  return !!parent && (Node.isBlock(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent));
}

/**
 * `theContext = context;` (or `var self = context`) where the file answers through what it stored,
 * `theContext.succeed()` in a callback elsewhere (the zombie workshop's ZombiePostMessage.js): the
 * handler cannot become async without answering before that call, which Node.js 24 then fails on.
 * Found by the stored name's text in the file; undefined when the file never answers through it.
 */
function storedContextAnswer(ref: Identifier, shape: HandlerShape): { reason: string; calls: CallExpression[] } | undefined {
  const parent = ref.getParentOrThrow();
  let target: Node | undefined;
  if (Node.isBinaryExpression(parent) && parent.getRight() === ref && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken) target = parent.getLeft();
  else if (Node.isVariableDeclaration(parent) && parent.getInitializer() === ref) target = parent.getNameNode();
  if (!target || !(Node.isIdentifier(target) || Node.isPropertyAccessExpression(target))) return undefined;
  const stored = target.getText().replace(/\s+/g, "");
  const file = ref.getSourceFile();
  const calls: CallExpression[] = [];
  for (const access of file.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    // `theContext!.succeed(…)` (TypeScript) answers through the stored name too.
    if (!shape.methods.has(access.getName()) || access.getExpression().getText().replace(/\s+|!+$/g, "") !== stored) continue;
    const call = access.getParent();
    if (Node.isCallExpression(call) && call.getExpression() === access) calls.push(call);
  }
  if (calls.length > 0) {
    const first = calls[0].getExpression() as Node;
    const method = first.getText().replace(/\s+/g, "");
    return {
      reason: `context is stored in \`${stored}\` here, and ${method}(…) at ${file.getBaseName()}:${first.getStartLineNumber()} answers the invocation through it, which settle does not follow (Node.js 24 has no ${method}): hand \`context\` to the function that answers as an argument instead of storing it, and run settle again`,
      calls,
    };
  }
  if (!Node.isIdentifier(target)) return undefined;
  // Handed on from where it was stored: `sendResponse(theEvent, theContext, "FAILED")`.
  for (const id of file.getDescendantsOfKind(SyntaxKind.Identifier)) {
    const call = id.getParent();
    if (id === target || id.getText() !== stored || !Node.isCallExpression(call) || !call.getArguments().includes(id)) continue;
    const handoff = classifyContextHandoff(id, call);
    if (handoff.kind === "none" || handoff.sites.length === 0) continue;
    const site = handoff.sites[0];
    return { calls: [], reason: `context is stored in \`${stored}\` here, and ${call.getExpression().getText()}(…) at ${file.getBaseName()}:${id.getStartLineNumber()} gets it from there and answers through ${site.getText().replace(/\s+/g, "")} (${site.getSourceFile().getBaseName()}:${site.getStartLineNumber()}), which settle does not follow (Node.js 24 has no context.succeed/fail/done): hand \`context\` to the function that answers as an argument instead of storing it, and run settle again` };
  }
  return undefined;
}

/** Where a node is, as a reason names it: `build.js:88`. */
export function fileLine(node: Node): string {
  return `${node.getSourceFile().getBaseName()}:${node.getStartLineNumber()}`;
}
