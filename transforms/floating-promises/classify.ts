import { Node, SyntaxKind, type ExpressionStatement } from "ts-morph";
import type { TransformContext } from "../../src/define-transform.js";
import type { PendingAwait } from "./pending-variables.js";
import { isAzureContextLog } from "../../src/handlers/azure.js";
import { isCloudFunctionsPlumbing } from "../../src/handlers/firebase.js";
import { bindsTighterThanAwait } from "../../src/layout.js";
import { declarationsOf, isAnyType, isArray, isSyntacticPromise, promiseKindOf, returnsPromise as callReturnsPromise, typeText } from "../../src/types/index.js";

/** Work that escapes the invocation, with the edits that keep it inside (they need an async function). */
export interface Floating {
  node: Node;
  what: string;
  apply(ctx: TransformContext): void;
  /** For promise variables: awaited at the exits of their block, planned together per function. */
  pending?: PendingAwait;
  /** The work as one promise expression, for deferring it instead (`after(() => work)`, `waitUntil(work)`). */
  work?: Work;
}

/** Floating work that can be handed to a platform's defer primitive. */
export interface Work {
  /** The expression that starts the work (its captures and writes decide whether deferring is safe). */
  expr: Node;
  /** The work is combined with `Promise.all(...)`: a Promise whatever its elements are (waitUntil takes only Promises). */
  combined: boolean;
  /** Replace the statement's expression by `open` + the work as one promise + `close`. */
  wrap(ctx: TransformContext, open: string, close: string): void;
}

export type Verdict = { floating: Floating } | { report: string } | undefined;

const LOGICAL = new Set([SyntaxKind.AmpersandAmpersandToken, SyntaxKind.BarBarToken, SyntaxKind.QuestionQuestionToken]);

/** Decide whether an expression statement starts work that nothing waits for. */
export function classifyStatement(statement: ExpressionStatement): Verdict {
  return classifyExpression(statement, statement.getExpression());
}

/**
 * An arrow's expression body is its return value, so only bodies whose value is `undefined`
 * anyway can let work escape: `=> void p` and `=> arr.forEach(async ...)`.
 */
export function classifyExpressionBody(body: Node): Verdict {
  let expr = body;
  while (Node.isParenthesizedExpression(expr)) expr = expr.getExpression();
  if (Node.isVoidExpression(expr)) return classifyVoid(body, expr);
  const forEach = classifyForEach(body, expr);
  return forEach === "not-forEach" ? undefined : forEach;
}

function classifyExpression(statement: Node, expr: Node): Verdict {
  const verdict = classifyValue(statement, expr);
  // `cond && void p`, `[1, void p]`: the `void` marks the promise ignored, yet it still escapes.
  const voided = voidedPromisesIn(expr);
  if (voided.length === 0 || (verdict && "report" in verdict)) return verdict;
  const array = arrayLiteralOf(expr);
  const alsoAll = array !== undefined && !verdict;
  return {
    floating: {
      node: statement,
      what: verdict?.floating.what ?? "`void` promise",
      apply: (ctx) => {
        verdict?.floating.apply(ctx);
        // In an array literal the promise itself becomes an element Promise.all waits for; elsewhere it is awaited where it stands.
        for (const v of voided) replaceVoid(ctx, v, array ? "" : "await ");
        if (alsoAll) wrap(ctx, expr, "await Promise.all(", ")");
      },
    },
  };
}

function classifyValue(statement: Node, expr: Node): Verdict {
  if (Node.isVoidExpression(expr)) return classifyVoid(statement, expr);
  const forEach = classifyForEach(statement, expr);
  if (forEach !== "not-forEach") return forEach;
  if (Node.isAwaitExpression(expr)) return classifyAwaitedArray(statement, expr);
  const bare = unparenthesized(expr);
  if (isComma(bare)) return classifyComma(statement, bare);
  if (Node.isYieldExpression(bare)) return classifyYield(statement, bare);
  if (!isCandidate(expr)) return undefined;
  const kind = promiseKindOf(expr);
  if (kind === "unknown" && (isDeferral(expr) || isAzureContextLog(expr) || isCloudFunctionsPlumbing(expr))) return undefined;
  if (kind === "promise" || (kind === "unknown" && isSyntacticPromise(expr))) {
    const work = { expr, combined: false, wrap: (ctx: TransformContext, open: string, close: string) => surround(ctx, expr, open, close) };
    return { floating: { node: statement, what: "un-awaited promise", apply: (ctx) => wrap(ctx, expr, "await "), work } };
  }
  if (kind === "promise-array") {
    const work = { expr, combined: true, wrap: (ctx: TransformContext, open: string, close: string) => surround(ctx, expr, `${open}Promise.all(`, `)${close}`) };
    return { floating: { node: statement, what: "un-awaited array of promises", apply: (ctx) => wrap(ctx, expr, "await Promise.all(", ")"), work } };
  }
  if (kind === "optional-promise-array") {
    const operand = bindsTighterThanAwait(expr) ? expr : undefined;
    const [open, close] = operand ? ["await Promise.all(", " ?? [])"] : ["await Promise.all((", ") ?? [])"];
    return { floating: { node: statement, what: "un-awaited array of promises", apply: (ctx) => surround(ctx, expr, open, close) } };
  }
  if (kind === "mixed-promise-array") {
    // `Promise<void> | Promise<void>[]`: `[x].flat()` is the promises either way (a non-array stays one element).
    const work = { expr, combined: true, wrap: (ctx: TransformContext, open: string, close: string) => surround(ctx, expr, `${open}Promise.all([`, `].flat())${close}`) };
    return { floating: { node: statement, what: "un-awaited promise or array of promises", apply: (ctx) => surround(ctx, expr, "await Promise.all([", "].flat())"), work } };
  }
  // `anyValue ?? p`, `cond ? anyValue : p`: the whole is `any`, yet one branch is a promise.
  if (kind === "unknown" && branchesOf(expr).some((branch) => promiseKindOf(branch) === "promise")) {
    return { floating: { node: statement, what: "un-awaited promise", apply: (ctx) => wrap(ctx, expr, "await ") } };
  }
  if (kind === "unknown" && (Node.isCallExpression(expr) || Node.isNewExpression(expr))) {
    return { report: "result type is unknown (any): cannot tell whether this call returns a promise" };
  }
  return undefined;
}

/**
 * Expressions whose value, used as a statement, can be a promise nobody waits for: calls, but also
 * a promise held in a variable, property or element (`p;`, `x?.[0];`), a tagged template, a type
 * assertion (`x as Promise<void>;`), an array literal (`[p1, p2];`) and conditional or logical
 * expressions with a promise operand. Assignments are not: their value is stored, not dropped.
 */
function isCandidate(expr: Node): boolean {
  if (
    Node.isCallExpression(expr) ||
    Node.isNewExpression(expr) ||
    Node.isConditionalExpression(expr) ||
    Node.isIdentifier(expr) ||
    Node.isPropertyAccessExpression(expr) ||
    Node.isElementAccessExpression(expr) ||
    Node.isTaggedTemplateExpression(expr) ||
    Node.isArrayLiteralExpression(expr)
  ) {
    return true;
  }
  if (Node.isAsExpression(expr) || Node.isTypeAssertion(expr) || Node.isNonNullExpression(expr) || Node.isSatisfiesExpression(expr)) return true;
  if (Node.isParenthesizedExpression(expr)) return isCandidate(expr.getExpression());
  return Node.isBinaryExpression(expr) && LOGICAL.has(expr.getOperatorToken().getKind());
}

/** The values a conditional or logical expression can evaluate to. */
function branchesOf(expr: Node): Node[] {
  if (Node.isParenthesizedExpression(expr)) return branchesOf(expr.getExpression());
  if (Node.isConditionalExpression(expr)) return [...branchesOf(expr.getWhenTrue()), ...branchesOf(expr.getWhenFalse())];
  if (Node.isBinaryExpression(expr) && LOGICAL.has(expr.getOperatorToken().getKind())) return [...branchesOf(expr.getLeft()), ...branchesOf(expr.getRight())];
  return [expr];
}

function isComma(expr: Node): expr is import("ts-morph").BinaryExpression {
  return Node.isBinaryExpression(expr) && expr.getOperatorToken().getKind() === SyntaxKind.CommaToken;
}

/** The operands of `a, b, c` (nested commas flattened). */
function commaOperands(expr: Node): Node[] {
  return isComma(expr) ? [...commaOperands(expr.getLeft()), ...commaOperands(expr.getRight())] : [expr];
}

/**
 * `a, p;` drops every operand's value, not only the last: each promise operand is awaited where it
 * stands (`await a, p` is `(await a), p`: await binds tighter than the comma).
 */
function classifyComma(statement: Node, expr: Node): Verdict {
  const operands = commaOperands(expr).map((operand) => ({ operand, kind: isCandidate(operand) ? promiseKindOf(operand) : "none" }));
  const floating = operands.filter(
    ({ operand, kind }) => kind === "promise" || kind === "promise-array" || kind === "mixed-promise-array" || (kind === "unknown" && isSyntacticPromise(operand)),
  );
  if (floating.length === 0) return undefined;
  return {
    floating: {
      node: statement,
      what: "un-awaited promise in a comma expression",
      apply: (ctx) => {
        for (const { operand, kind } of floating) {
          if (kind === "promise-array") wrap(ctx, operand, "await Promise.all(", ")");
          else if (kind === "mixed-promise-array") wrap(ctx, operand, "await Promise.all([", "].flat())");
          else wrap(ctx, operand, "await ");
        }
      },
    },
  };
}

/** `await [p1, p2];` waits for nothing (an array is not a thenable): it becomes `await Promise.all([p1, p2]);`. */
function classifyAwaitedArray(statement: Node, expr: import("ts-morph").AwaitExpression): Verdict {
  const operand = expr.getExpression();
  if (promiseKindOf(operand) !== "promise-array") return undefined;
  return {
    floating: {
      node: statement,
      what: "`await` of an array of promises",
      apply: (ctx) => surround(ctx, operand, "Promise.all(", ")"),
    },
  };
}

/** `void p` marks a promise as deliberately ignored, yet in a handler it still escapes. */
function classifyVoid(statement: Node, voidExpr: Node): Verdict {
  if (!Node.isVoidExpression(voidExpr)) return undefined;
  const operand = voidExpr.getExpression();
  const kind = promiseKindOf(operand);
  const replaceOwnVoid = (ctx: TransformContext, text: string) => replaceVoid(ctx, voidExpr, text);
  const deferVoid = (all: boolean): Work => ({
    expr: operand,
    combined: all,
    wrap: (ctx, open, close) => {
      replaceOwnVoid(ctx, all ? `${open}Promise.all(` : open);
      ctx.insertAfter(operand, all ? `)${close}` : close);
    },
  });
  if (kind === "promise" || (kind === "unknown" && isSyntacticPromise(operand))) {
    return { floating: { node: statement, what: "`void` promise", apply: (ctx) => replaceOwnVoid(ctx, "await "), work: deferVoid(false) } };
  }
  if (kind === "promise-array") {
    return {
      floating: {
        node: statement,
        what: "`void` array of promises",
        apply: (ctx) => {
          replaceOwnVoid(ctx, "await Promise.all(");
          ctx.insertAfter(operand, ")");
        },
        work: deferVoid(true),
      },
    };
  }
  if (kind === "mixed-promise-array") {
    return {
      floating: {
        node: statement,
        what: "`void` promise or array of promises",
        apply: (ctx) => {
          replaceOwnVoid(ctx, "await Promise.all([");
          ctx.insertAfter(operand, "].flat())");
        },
      },
    };
  }
  if (kind === "unknown" && !Node.isLiteralExpression(operand)) {
    return { report: "`void` of a value of unknown type (any): cannot tell whether it is a promise" };
  }
  return undefined;
}

/** `arr.forEach(async (x) => ...)` starts one promise per element and waits for none. */
function classifyForEach(statement: Node, expr: Node): Verdict | "not-forEach" {
  if (!Node.isCallExpression(expr)) return "not-forEach";
  const callee = expr.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== "forEach") return "not-forEach";
  const callback = expr.getArguments()[0];
  if (!callback || !returnsPromise(callback)) return "not-forEach";
  if (callee.hasQuestionDotToken() || expr.hasQuestionDotToken()) {
    return { report: "forEach with an async callback on an optional chain: rewrite it by hand" };
  }
  if (isAnyType(callee.getExpression())) {
    return { report: "forEach with an async callback on a value of unknown type (any): cannot tell whether it is an array" };
  }
  if (!isArray(callee.getExpression())) {
    return { report: `forEach with an async callback on a non-array (${typeText(callee.getExpression(), callee)}): only arrays become Promise.all(x.map(...))` };
  }
  const toMap = (ctx: TransformContext, open: string, close: string) => {
    ctx.insertBefore(expr, `${open}Promise.all(`);
    ctx.replace(callee.getNameNode(), "map");
    ctx.insertAfter(expr, `)${close}`);
  };
  return {
    floating: {
      node: statement,
      what: "forEach with an async callback",
      apply: (ctx) => toMap(ctx, "await ", ""),
      work: { expr, combined: true, wrap: toMap },
    },
  };
}

function returnsPromise(callback: Node): boolean {
  if ((Node.isArrowFunction(callback) || Node.isFunctionExpression(callback)) && callback.isAsync()) return true;
  return callReturnsPromise(callback);
}

/**
 * A call of a defer primitive (`after(...)`, `waitUntil(...)`, `x.waitUntil(...)`): it returns
 * nothing to wait for, even where its declaration cannot be resolved (no node_modules, jscodeshift).
 */
function isDeferral(expr: Node): boolean {
  if (!Node.isCallExpression(expr)) return false;
  const callee = expr.getExpression();
  if (Node.isPropertyAccessExpression(callee)) return callee.getName() === "waitUntil";
  if (!Node.isIdentifier(callee)) return false;
  // The binding's own declaration: `import { after } from "next/server"` or `const { waitUntil } = require("@vercel/functions")`.
  return declarationsOf(callee).some((ref) => {
    const decl = ref.inDeclarationFile ? undefined : ref.node();
    if (!decl) return false;
    const imported = Node.isImportSpecifier(decl) ? decl.getName() : Node.isBindingElement(decl) ? (decl.getPropertyNameNode()?.getText() ?? decl.getName()) : undefined;
    const from = Node.isImportSpecifier(decl)
      ? decl.getImportDeclaration().getModuleSpecifierValue()
      : /require\(\s*["']([^"']+)["']\s*\)\s*$/.exec(decl.getFirstAncestorByKind(SyntaxKind.VariableDeclaration)?.getInitializer()?.getText() ?? "")?.[1];
    return (imported === "after" && from === "next/server") || (imported === "waitUntil" && from === "@vercel/functions");
  });
}

/** Replace the `void` keyword (and the space after it) of `void p` by `text`, keeping any comment before `p`. */
function replaceVoid(ctx: TransformContext, voidExpr: import("ts-morph").VoidExpression, text: string): void {
  const operand = voidExpr.getExpression();
  const between = voidExpr.getSourceFile().getFullText().slice(voidExpr.getStart() + "void".length, operand.getStart());
  ctx.replace({ start: voidExpr.getStart(), end: operand.getStart() }, text + between.trimStart());
}

function unparenthesized(expr: Node): Node {
  return Node.isParenthesizedExpression(expr) ? unparenthesized(expr.getExpression()) : expr;
}

/** The array literal a statement consists of (`[a, b];`, `([a, b]);`, `[a, b] as const;`), if it is one. */
function arrayLiteralOf(expr: Node): import("ts-morph").ArrayLiteralExpression | undefined {
  const bare = unparenthesized(expr);
  if (Node.isArrayLiteralExpression(bare)) return bare;
  if (Node.isAsExpression(bare) || Node.isSatisfiesExpression(bare)) return arrayLiteralOf(bare.getExpression());
  return undefined;
}

/**
 * The `void p` (of a promise `p`) whose value a statement drops: the branches of a conditional,
 * the right operand of a logical expression (a left operand decides what runs next, so `void`
 * there stays), each comma operand, each element of an array literal statement.
 */
function voidedPromisesIn(expr: Node): import("ts-morph").VoidExpression[] {
  const dropped = (node: Node): Node[] => {
    const bare = unparenthesized(node);
    if (Node.isConditionalExpression(bare)) return [...dropped(bare.getWhenTrue()), ...dropped(bare.getWhenFalse())];
    if (isComma(bare)) return [...dropped(bare.getLeft()), ...dropped(bare.getRight())];
    if (Node.isBinaryExpression(bare) && LOGICAL.has(bare.getOperatorToken().getKind())) return dropped(bare.getRight());
    return [bare];
  };
  const array = arrayLiteralOf(expr);
  const positions = array ? array.getElements() : Node.isVoidExpression(unparenthesized(expr)) ? [] : dropped(expr);
  return positions.filter((node): node is import("ts-morph").VoidExpression => {
    if (!Node.isVoidExpression(node) || node === expr) return false;
    const kind = promiseKindOf(node.getExpression());
    return kind === "promise" || (kind === "unknown" && isSyntacticPromise(node.getExpression()));
  });
}

/**
 * `yield x;` drops the value the generator receives (`next(value)`), `yield* g;` the delegate's
 * return value: when the types say it is a promise, nothing waits for it. An async generator can
 * await it where it stands; a plain generator cannot, so that is reported.
 */
function classifyYield(statement: Node, expr: import("ts-morph").YieldExpression): Verdict {
  const kind = promiseKindOf(expr);
  if (kind !== "promise" && kind !== "promise-array") return undefined;
  const generator = expr.getFirstAncestor((a) => Node.isFunctionDeclaration(a) || Node.isFunctionExpression(a) || Node.isMethodDeclaration(a));
  const isAsync = generator !== undefined && "isAsync" in generator && (generator as import("ts-morph").FunctionDeclaration).isAsync();
  if (!isAsync) {
    return { report: "the value this yield receives is a promise nothing waits for, and a generator that is not async cannot await it: await it where it is sent (`next(…)`), or make the generator async" };
  }
  const [open, close] = kind === "promise-array" ? ["await Promise.all(", ")"] : ["await (", ")"];
  return { floating: { node: statement, what: "promise received by a yield", apply: (ctx) => surround(ctx, expr, open, close) } };
}

function surround(ctx: TransformContext, expr: Node, open: string, close: string): void {
  ctx.insertBefore(expr, open);
  ctx.insertAfter(expr, close);
}

/** Put `before`/`after` around an expression, in parentheses when `await` would bind tighter. */
function wrap(ctx: TransformContext, expr: Node, before: string, after = ""): void {
  const parens = after === "" && !bindsTighterThanAwait(expr);
  ctx.insertBefore(expr, parens ? `${before}(` : before);
  ctx.insertAfter(expr, parens ? `)${after}` : after);
}
