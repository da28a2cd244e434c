import { Node, SyntaxKind, type CallExpression, type SourceFile } from "ts-morph";
import type { TransformContext } from "../../src/define-transform.js";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { declarationNodes, declarationsOf, type ResultType } from "../../src/types/index.js";
import { eolOf, within } from "../../src/layout.js";
import { alwaysEvaluated, cannotThrowAfter, checkEveryPathSettles, exitOf, runsAsPromiseJob } from "./flow.js";
import { isAsyncLibraryFinalCallback } from "./async-library.js";
import { memberAssignmentOf } from "./member-assigned.js";
import { freshName, semicolonOf } from "./plan.js";
import { ownerOf, referencesTo, type Problem } from "./sites.js";
import { followStoredContext } from "./stored-context.js";
import { classifyPrototypeDispatch } from "./prototype-dispatch.js";

/**
 * The Lambda context handed to a project function (`processEvent(event, context)`, `postToSumo(context, x)`)
 * that answers the invocation through `context.succeed/fail/done`, in the same file or another one.
 * A helper that answers on every path gets an adapter in the handler's promise: an object whose
 * prototype is the real context, with succeed/fail/done mapped to resolve/reject (the first call wins,
 * as in the old runtime), so the helper and its other callers stay as they are.
 */

export const CONTEXT_METHODS = new Set(["succeed", "fail", "done"]);
const MAX_DEPTH = 6;

/** What a helper does with the context it is given. */
export type HelperVerdict =
  /** It never answers through the context (reads awsRequestId, getRemainingTimeInMillis, ...). */
  | { kind: "none" }
  /** It answers on every path, through the context or a helper it hands it to. */
  | { kind: "settles"; sites: Node[] }
  /** It answers through the context on some paths, or uses it in ways settle cannot follow. */
  | { kind: "partial"; sites: Node[]; why: string };

/** A use of the handler's context as an argument: how settle treats it. */
export type ContextHandoff =
  | { kind: "none" }
  | { kind: "adapter"; helper: FunctionLike; sites: Node[] }
  | { kind: "problem"; reason: string; sites: Node[] };

const verdicts = new WeakMap<FunctionLike, Map<number, HelperVerdict>>();

/** `helper(..., context, ...)` where `ref` is the context: whether the helper answers through it. */
export function classifyContextHandoff(ref: Node, call: CallExpression, depth = 0, seen = new Set<FunctionLike>()): ContextHandoff {
  const callee = call.getExpression();
  // `helper.bind(undefined, context, event)`: the answer comes later, from wherever the bound function is called.
  if (Node.isPropertyAccessExpression(callee) && ["bind", "call", "apply"].includes(callee.getName())) {
    const target = projectFunctionOf(callee.getExpression());
    if (!target) return { kind: "none" };
    const shift = callee.getName() === "apply" ? -1 : 1;
    const index = call.getArguments().indexOf(ref) - shift;
    const verdict = callee.getName() === "apply" ? anyAnswer(target) : analyseHelper(target, index, depth + 1, seen);
    if (verdict.kind === "none") return { kind: "none" };
    const name = nameOf(target);
    return {
      kind: "problem",
      sites: verdict.sites,
      reason: `context goes into ${callee.getText()}(...), and ${name} answers through ${describeSites(verdict.sites)}, which Node.js 24 does not have: make ${name} take resolve/reject (or return a promise) instead of the context, and return that promise from the handler`,
    };
  }
  const helper = projectFunctionOf(callee);
  // `new Skill().execute(event, context)`: a method found through the class's prototype chain (prototype-dispatch.ts).
  if (!helper) return classifyPrototypeDispatch(ref, call) ?? { kind: "none" };
  const index = call.getArguments().indexOf(ref);
  const verdict = analyseHelper(helper, index, depth + 1, seen);
  if (verdict.kind === "none") return { kind: "none" };
  if (verdict.kind === "settles") return { kind: "adapter", helper, sites: verdict.sites };
  const name = nameOf(helper);
  return {
    kind: "problem",
    sites: verdict.sites,
    reason: `context is handed to ${name}, which answers through ${describeSites(verdict.sites)} but ${verdict.why}: make ${name} return a promise that settles on every path (resolve where it calls context.succeed, reject where it calls context.fail) and return it from the handler`,
  };
}

/** What `fn` does with its parameter `index` when that parameter is a Lambda context. */
export function analyseHelper(fn: FunctionLike, index: number, depth: number, seen: Set<FunctionLike>): HelperVerdict {
  const cached = verdicts.get(fn)?.get(index);
  if (cached) return cached;
  const verdict = computeVerdict(fn, index, depth, seen);
  // A verdict cut short by recursion depends on where the walk started: not cached.
  if (depth === 0 || verdict.kind !== "partial" || !verdict.why.includes("recursion")) {
    if (!verdicts.has(fn)) verdicts.set(fn, new Map());
    verdicts.get(fn)!.set(index, verdict);
  }
  return verdict;
}

function computeVerdict(fn: FunctionLike, index: number, depth: number, seen: Set<FunctionLike>): HelperVerdict {
  const param = fn.getParameters()[index];
  if (!param || index < 0) return { kind: "none" };
  if (seen.has(fn) || depth > MAX_DEPTH) return anyAnswer(fn, "it is reached again through recursion");
  seen.add(fn);
  const name = param.getNameNode();
  if (!Node.isIdentifier(name)) {
    const taken = Node.isObjectBindingPattern(name) && name.getElements().some((e) => CONTEXT_METHODS.has((e.getPropertyNameNode() ?? e.getNameNode()).getText()));
    return taken ? { kind: "partial", sites: [param], why: "takes succeed/fail/done out of the context object" } : { kind: "none" };
  }
  const sites: Node[] = [];
  /** Settling calls of this function's flow (or nested in it): the context's methods and settling helpers. */
  const marks: Node[] = [];
  let why: string | undefined;
  for (const ref of referencesTo(fn, param)) {
    const parent = ref.getParentOrThrow();
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === ref) {
      if (!CONTEXT_METHODS.has(parent.getName())) continue;
      const grand = parent.getParentOrThrow();
      sites.push(parent);
      if (Node.isCallExpression(grand) && grand.getExpression() === parent) marks.push(grand);
      else why ??= `passes context.${parent.getName()} on as a value`;
      continue;
    }
    if (Node.isCallExpression(parent) && parent.getArguments().includes(ref)) {
      const handoff = classifyContextHandoff(ref, parent, depth, seen);
      if (handoff.kind === "none") continue;
      sites.push(...handoff.sites);
      if (handoff.kind === "adapter") marks.push(parent);
      else why ??= `hands it on where settle cannot follow (${handoff.reason.split(":")[0]})`;
      continue;
    }
    if (Node.isElementAccessExpression(parent)) {
      why ??= "reads the context with a computed key";
      continue;
    }
    // Stored, returned or compared: where it goes is unknown.
    why ??= "stores or returns the context";
  }
  if (sites.length === 0 && !why) return { kind: "none" };
  if (sites.length === 0) return anyAnswer(fn, why);
  if (why) return { kind: "partial", sites, why };
  const unsettled = unsettledPath(fn, marks);
  if (unsettled) return { kind: "partial", sites, why: unsettled };
  return { kind: "settles", sites };
}

/**
 * Why a path of `fn` can end without answering, given its settling calls (`marks`: in its own flow or in
 * functions nested in it, each answering at once); undefined when every path answers.
 */
export function unsettledPath(fn: FunctionLike, marks: Node[]): string | undefined {
  const problems: Problem[] = [];
  const mentions = (node: Node) => marks.some((m) => within(m, node));
  const settlesIn = (owner: FunctionLike) => (node: Node) =>
    marks.some((mark) => {
      if (!within(mark, node)) return false;
      let anchor: Node = mark;
      for (let f = ownerOf(mark); f !== owner && within(f, node); f = ownerOf(f)) anchor = f;
      return ownerOf(anchor) === owner && alwaysEvaluated(anchor, node);
    });
  const owners = new Set<FunctionLike>([fn]);
  for (const mark of marks) for (let owner = ownerOf(mark); owner !== fn; owner = ownerOf(owner)) owners.add(owner);
  for (const owner of owners) {
    const body = owner.getBody();
    if (!body) continue;
    if (owner !== fn && isArrayCallback(owner)) {
      problems.push({ node: owner, reason: "it answers inside an array callback, which may run any number of times" });
      continue;
    }
    const member = owner !== fn ? memberAssignmentOf(owner) : undefined;
    if (member) {
      problems.push({ node: owner, reason: `it answers inside the function given to ${member}, which runs only if something calls it later (with nothing pushed, an async queue's drain, for one, never runs)` });
      continue;
    }
    if (Node.isBlock(body)) checkEveryPathSettles(body.getStatements(), settlesIn(owner), mentions, owner, problems);
    else if (!settlesIn(owner)(body)) problems.push({ node: owner, reason: "a function of it can end without answering" });
  }
  // An answer in a function that work calls back later, with code that may throw after it on its path: the old
  // runtime had sent the answer before that throw; the adapter's resolve/reject answer only after the callback
  // returns, and the uncaught throw would answer instead (convert.ts, checkCodeAfterAnswers).
  for (const mark of marks) {
    const owner = ownerOf(mark);
    if (owner === fn || runsAsPromiseJob(owner)) continue;
    const exit = exitOf(mark, owner);
    if ((exit.kind === "inside" || exit.kind === "trailing") && !cannotThrowAfter(mark.getParentOrThrow(), owner, (n) => marks.includes(n))) {
      problems.push({ node: mark, reason: "code that may throw follows an answer on its path, which the old runtime had sent before the throw, while the adapter's promise answers after it: end the path at the answer (`return` it)" });
    }
  }
  // A second answer is ignored by the adapter's promise as it was by the old runtime, and the code after it runs in both.
  // Every mark answers at once (context.succeed/fail/done, or a helper that does), so work that answers,
  // started after an answer on the same path (https.request's callback, then its "error" listener), was
  // never waited for: its later answer is ignored by the old runtime and by the promise alike.
  const blocking = problems.filter((p) => !p.reason.includes("more than once") && !p.reason.startsWith("work that calls back is started here after this path already called back"));
  if (blocking.length > 0) {
    const first = blocking[0];
    const line = first.node.getStartLineNumber();
    return `not on every path (${first.node.getSourceFile().getBaseName()}:${line}: ${shorten(first.reason)})`;
  }
  return undefined;
}

/** Whether a function answers through its context at all: `.succeed(` / `.fail(` / `.done(` in its text. */
function anyAnswer(fn: FunctionLike, why = "settle cannot follow it"): HelperVerdict {
  const sites = fn.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression).filter((p) => CONTEXT_METHODS.has(p.getName()) && Node.isCallExpression(p.getParent()));
  return sites.length === 0 ? { kind: "none" } : { kind: "partial", sites, why };
}

function isArrayCallback(fn: FunctionLike): boolean {
  const call = fn.getParent();
  const callee = call && Node.isCallExpression(call) ? call.getExpression() : undefined;
  if (!callee || !Node.isPropertyAccessExpression(callee) || !["forEach", "map", "filter", "reduce", "some", "every", "find", "flatMap"].includes(callee.getName())) return false;
  // `async.map(items, iteratee, (err, results) => …)`: the final callback runs once.
  return !isAsyncLibraryFinalCallback(fn, call as CallExpression);
}

function shorten(reason: string): string {
  return reason.split(":")[0];
}

/** `context.succeed at helpers.js:12, context.fail at helpers.js:14`. */
export function describeSites(sites: Node[]): string {
  const parts = [...new Set(sites.map((s) => `${s.getText().replace(/\s+/g, "")} at ${s.getSourceFile().getBaseName()}:${s.getStartLineNumber()}`))];
  return parts.length > 4 ? `${parts.slice(0, 4).join(", ")} and ${parts.length - 4} more` : parts.join(", ");
}

function nameOf(fn: FunctionLike): string {
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) return fn.getName() ?? "the helper";
  const parent = fn.getParent();
  if (parent && Node.isVariableDeclaration(parent)) return parent.getName();
  // `module.exports = { sendResponse: function (…) {…} }`
  if (parent && Node.isPropertyAssignment(parent) && Node.isIdentifier(parent.getNameNode())) return parent.getName();
  return "the helper";
}

/**
 * The project function a callee names (through imports, `require`, `exports.x = f`), with a body,
 * outside node_modules and declaration files. The one type question of this module.
 */
export function projectFunctionOf(callee: Node): FunctionLike | undefined {
  for (const declaration of declarationsOf(callee, true)) {
    const node = declaration.inDeclarationFile ? undefined : declaration.node();
    const fn = node && functionOfDeclaration(node, 0);
    if (fn) return fn;
  }
  return undefined;
}

function functionOfDeclaration(node: Node, depth: number): FunctionLike | undefined {
  if (depth > 3) return undefined;
  const file = node.getSourceFile();
  if (file.isDeclarationFile() || file.isInNodeModules()) return undefined;
  if (isFunctionLike(node)) return node.getBody() ? node : undefined;
  let value: Node | undefined;
  if (Node.isVariableDeclaration(node) || Node.isPropertyAssignment(node)) value = node.getInitializer();
  else if (Node.isShorthandPropertyAssignment(node)) value = node.getNameNode();
  else if (Node.isBinaryExpression(node)) value = node.getRight();
  else if (Node.isPropertyAccessExpression(node) && Node.isBinaryExpression(node.getParent())) value = (node.getParent() as Node & { getRight(): Node }).getRight();
  else if (Node.isBindingElement(node) || Node.isImportSpecifier(node) || Node.isExportSpecifier(node)) {
    // Through the alias (a binding element has none: its own declaration again, until the depth runs out).
    for (const d of declarationsOf(node.getNameNode(), true)) {
      const declaration = d.inDeclarationFile ? undefined : d.node();
      const fn = declaration && functionOfDeclaration(declaration, depth + 1);
      if (fn) return fn;
    }
    return undefined;
  }
  while (value && Node.isParenthesizedExpression(value)) value = value.getExpression();
  if (!value) return undefined;
  if (isFunctionLike(value)) return value.getBody() ? value : undefined;
  if (Node.isIdentifier(value)) {
    for (const d of declarationsOf(value)) {
      const declaration = d.inDeclarationFile ? undefined : d.node();
      if (!declaration || declaration === node) continue;
      const fn = functionOfDeclaration(declaration, depth + 1);
      if (fn) return fn;
    }
  }
  return undefined;
}

/** `legacyContext(context, resolve, reject)`: a call of the adapter settle writes. */
function isAdapterCall(call: CallExpression): boolean {
  const callee = call.getExpression();
  if (!Node.isIdentifier(callee) || !/^legacyContext\d*$/.test(callee.getText()) || call.getArguments().length !== 3) return false;
  const fn = projectFunctionOf(callee);
  return !!fn && /Object\.create\(context, \{/.test(fn.getText());
}

/** The name of the adapter function in a file (the same for every handler of the file in a pass). */
export function adapterNameFor(file: SourceFile): string {
  return freshName(file, "legacyContext");
}

/** `legacyContext(context, resolve, reject)`: the text that replaces the context handed to a helper. */
export function adapterCall(file: SourceFile, context: string, resolve: string, reject: string): string {
  return `${adapterNameFor(file)}(${context}, ${resolve}, ${reject})`;
}

/** Append the adapter function to the file (once per file; a function declaration is hoisted). */
export function insertContextAdapter(file: SourceFile, ctx: TransformContext): void {
  const name = adapterNameFor(file);
  const eol = eolOf(file);
  const semi = semicolonOf(file);
  const q = file.getFirstDescendantByKind(SyntaxKind.StringLiteral)?.getText().startsWith("'") ? "'" : '"';
  const typed = /\.[cm]?tsx?$/.test(file.getFilePath());
  const t = (text: string) => (typed ? text : "");
  const text = file.getFullText();
  const lead = text.endsWith("\n") ? "" : eol;
  const lines = [
    "",
    "/** The Lambda context as runtimes before Node.js 24 gave it: succeed, fail and done settle the invocation's promise (the first call wins). */",
    `function ${name}${t("<T extends object>")}(context${t(": T")}, resolve${t(": (result?: any) => void")}, reject${t(": (error: unknown) => void")})${t(": T & { succeed(result?: unknown): void; fail(error?: unknown): void; done(error?: unknown, result?: unknown): void }")} {`,
    "  return Object.create(context, {",
    `    succeed: { value: (result${t("?: unknown")}) => resolve(result) },`,
    `    fail: { value: (error${t("?: unknown")}) => reject(error ?? ${q}handled${q}) },`,
    `    done: { value: (error${t("?: unknown")}, result${t("?: unknown")}) => (error != null ? reject(error) : resolve(result)) },`,
    `  })${semi}`,
    "}",
    "",
  ];
  ctx.insertAfter(text.length, lead + lines.join(eol));
}

interface Claim {
  kind: "adapter" | "problem";
  /** `handler.js:12`: the handler whose context reaches the site. */
  handler: string;
  /** That handler. */
  fn: FunctionLike;
}

interface Claims {
  sites: Map<string, Claim>;
  /** Helpers a handler hands its context to (with an adapter), and that handler. */
  helpers: Map<FunctionLike, string>;
}

const claimsByScope = new WeakMap<object, Claims>();
const siteKey = (node: Node) => `${node.getSourceFile().getFilePath()}:${node.getStart()}`;

/** The helper sites every Lambda handler's context reaches through handoffs, once per run's invocation scope. */
function claimsOf(ctx: TransformContext): Claims {
  const cached = claimsByScope.get(ctx.invocation);
  if (cached) return cached;
  const claims = new Map<string, Claim>();
  const helpers = new Map<FunctionLike, string>();
  for (const entry of ctx.invocation.entryPoints) {
    if (entry.platform !== "lambda" || entry.libraryOverride) continue;
    const context = entry.fn.getParameters()[1];
    if (!context) continue;
    const handler = `${entry.fn.getSourceFile().getBaseName()}:${entry.fn.getStartLineNumber()}`;
    const refs: Node[] = referencesTo(entry.fn, context);
    // After a run, the helper gets `legacyContext(context, resolve, reject)` instead: still this handler's context.
    const adapted = refs.map((r) => r.getParent()).filter((c): c is CallExpression => !!c && Node.isCallExpression(c) && isAdapterCall(c));
    // `theContext = context;` followed to its answers (stored-context.ts): the helpers it is handed to are this handler's too.
    for (const ref of [...refs, ...adapted]) {
      const stored = followStoredContext(ref, entry.fn);
      for (const { helper, sites } of stored?.handoffs ?? []) {
        if (helper !== entry.fn) helpers.set(helper, handler);
        for (const site of sites) if (claims.get(siteKey(site))?.kind !== "problem") claims.set(siteKey(site), { kind: "adapter", handler, fn: entry.fn });
      }
    }
    for (const ref of [...refs, ...adapted]) {
      const call = ref.getParent();
      if (!call || !Node.isCallExpression(call) || !call.getArguments().includes(ref)) continue;
      const handoff = classifyContextHandoff(ref, call);
      if (handoff.kind === "none") continue;
      if (handoff.kind === "adapter" && handoff.helper !== entry.fn) helpers.set(handoff.helper, handler);
      for (const site of handoff.sites) {
        const key = siteKey(site);
        // One handler settle cannot convert is enough for the site to need a hand.
        if (claims.get(key)?.kind !== "problem") claims.set(key, { kind: handoff.kind, handler, fn: entry.fn });
      }
    }
  }
  const result = { sites: claims, helpers };
  claimsByScope.set(ctx.invocation, result);
  return result;
}

/**
 * A handler that another handler hands its context to (`processEvent(event, context)` where
 * processEvent is exported too): converting it would leave the caller's adapter uncalled.
 */
export function contextCallerOf(fn: FunctionLike, ctx: TransformContext): string | undefined {
  return claimsOf(ctx).helpers.get(fn);
}

/**
 * The handler whose context reaches `access` (`context.done` in a helper) through a handoff that settle reports
 * (a helper bound with the context, `helper.bind(undefined, context)`), as `handler.js:12`; undefined otherwise.
 */
export function reportedHandoffOf(access: Node, ctx: TransformContext): string | undefined {
  const claim = claimsOf(ctx).sites.get(siteKey(access));
  return claim?.kind === "problem" ? claim.handler : undefined;
}

/** The handler whose adapter answers at `access` (`this._context.succeed` in a prototype's method), when settle converts it. */
export function adaptedHandoffOf(access: Node, ctx: TransformContext, kept: (handler: FunctionLike) => boolean): FunctionLike | undefined {
  const claim = claimsOf(ctx).sites.get(siteKey(access));
  return claim?.kind === "adapter" && !kept(claim.fn) ? claim.fn : undefined;
}

/** The names a Lambda context goes by. */
export const CONTEXT_NAME = /^(context|ctx|_?context\w*|lambdaContext|awsContext)$/i;

/**
 * Nothing stays silent: `context.succeed/fail/done` in a function that runs inside a Lambda invocation,
 * on a context parameter that no handler's conversion covers, is a blocking finding at the call.
 */
export function reportUnfollowedContextSites(file: SourceFile, ctx: TransformContext, kept: (handler: FunctionLike) => boolean = () => false): void {
  const scoped = ctx.invocation.functionsIn(file);
  if (scoped.length === 0 || !/\.(succeed|fail|done)\b/.test(file.getFullText())) return;
  // Lambda's context only: an Azure v3 context.done is callback-handlers' azure.ts (answersThroughDone) to follow.
  if (!ctx.invocation.entryPoints.some((e) => e.platform === "lambda")) return;
  // A function taken for a handler by its shape alone that a handler hands its context to is that
  // handler's helper (callback-handlers leaves it to the caller's adapter): its sites are followed here.
  const helpers = claimsOf(ctx).helpers;
  const entries = new Set(ctx.invocation.entryPoints.filter((e) => !(e.evidence === "convention" && e.exportName !== "handler" && helpers.has(e.fn))).map((e) => e.fn));
  const seen = new Set<Node>();
  for (const fn of scoped) {
    if (entries.has(fn) || fn.getFirstAncestor((a) => isFunctionLike(a) && entries.has(a as FunctionLike))) continue;
    for (const access of fn.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
      if (!CONTEXT_METHODS.has(access.getName()) || seen.has(access)) continue;
      const call = access.getParent();
      if (!Node.isCallExpression(call) || call.getExpression() !== access) continue;
      const receiver = access.getExpression();
      if (!Node.isIdentifier(receiver)) continue;
      const param = declarationNodes(receiver).find((d) => d !== undefined && Node.isParameterDeclaration(d));
      if (!param) continue;
      const owner = param.getParent();
      if (!owner || !isFunctionLike(owner) || entries.has(owner) || owner.getFirstAncestor((a) => isFunctionLike(a) && entries.has(a as FunctionLike))) continue;
      const index = owner.getParameters().indexOf(param as never);
      if (!CONTEXT_NAME.test(receiver.getText()) && index !== 1) continue;
      seen.add(access);
      if (ctx.isIgnored(call)) continue;
      const claim = claimsOf(ctx).sites.get(siteKey(access));
      // The adapter answers for a handler settle converts; for one it leaves as it is (its own finding), nothing does.
      if (claim?.kind === "adapter" && !kept(claim.fn)) continue;
      const name = nameOf(owner);
      const method = `${receiver.getText()}.${access.getName()}`;
      const reason = claim
        ? `${method} answers for the handler at ${claim.handler}, which settle leaves as it is (see the finding there); Node.js 24 has no ${method}: make ${name} return a promise (resolve where it calls succeed, reject where it calls fail) and return it from the handler`
        : `${method} runs inside a Lambda invocation, but settle cannot follow this context back to a handler's parameter; Node.js 24 has no ${method}: make ${name} return a promise (resolve where it calls succeed, reject where it calls fail) and return it from the handler`;
      ctx.report(call, reason, { blocking: true });
    }
  }
}

/**
 * A type name for `new Promise<T>` that is in scope at `at`: the name itself when the file declares or
 * imports it or it is global, else an edit that adds it to the file's named import from a module that
 * exports it (`import type { Handler, Result }`, or `type Result` inside a value import). Undefined when
 * neither works (the caller then leaves the type to inference).
 */
export function typeNameInScope(type: ResultType, at: Node): { text: string; importEdit?: { at: number; text: string; key: string } } | undefined {
  const name = type.name;
  if (name === undefined || !/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
  const file = at.getSourceFile();
  const refs = type.declarations;
  if (refs.length > 0 && refs.every((d) => d.path === file.getFilePath() || d.inCompilerLib)) return { text: name };
  const declarations = refs.map((d) => d.node()).filter((d) => d !== undefined);
  for (const imp of file.getImportDeclarations()) {
    const named = imp.getNamedImports();
    if (named.some((n) => (n.getAliasNode()?.getText() ?? n.getName()) === name)) return { text: name };
  }
  for (const imp of file.getImportDeclarations()) {
    const named = imp.getNamedImports();
    if (named.length === 0 || imp.getNamespaceImport()) continue;
    const exported = imp.getModuleSpecifierSourceFile()?.getExportedDeclarations().get(name);
    if (!exported || !exported.some((d) => declarations.includes(d))) continue;
    const last = named[named.length - 1];
    const text = imp.isTypeOnly() ? `, ${name}` : `, type ${name}`;
    return { text: name, importEdit: { at: last.getEnd(), text, key: `${imp.getStart()} ${name}` } };
  }
  return undefined;
}
