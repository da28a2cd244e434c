import path from "node:path";
import { Node, SyntaxKind, type CallExpression, type ElementAccessExpression, type Identifier, type ParameterDeclaration, type PropertyAccessExpression, type SourceFile, type Statement } from "ts-morph";
import type { TransformContext } from "../../src/define-transform.js";
import { asyncInsertionPoint, nameNodeOf, ownReturns, ownStatements } from "../../src/function-body.js";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { deeperIndent, endOfLineAfter, eolOf, indentOf, usesSemicolons, within } from "../../src/layout.js";
import { otherCaller } from "../../src/make-async.js";
import { isTestCaller } from "../../src/handlers/lambda.js";
import { oracleFor } from "../../src/types/oracle.js";
import { contextualPromiseResult, declarationNodes, declarationsOf, isAnyType, isArray, isPromiseLike, isUndefinedOrVoid, promiseKindOf, resolvedDeclaration } from "../../src/types/index.js";
import { alwaysEvaluated, cannotThrowAfter, checkEveryPathSettles, exitOf, isTail, runsAsPromiseJob, type PathOptions } from "./flow.js";
import { decidesEarlyWith, isAsyncLibraryCall, isAsyncLibraryFinalCallback, onSuccessPath, parallelFinalAt, parallelFinalOf, type ParallelFinal } from "./async-library.js";
import { memberAssignedAnswerReason, memberAssignmentOf } from "./member-assigned.js";
import { unwaitedListenerWorkOf } from "./emit-wait.js";
import { uncalledPathOf } from "./handed-function.js";
import { dataOnlyAnswersOf, quietErrorListenersOf } from "./quiet-error-listener.js";
import { adapterCall, analyseHelper, typeNameInScope } from "./context-handoff.js";
import { keepCallbackWork } from "./cooperate.js";
import { packageHandoffProblems } from "./library-handoff.js";
import { adoptAlexaV1 } from "./alexa-v1.js";
import { errorAnswerEndingPath, type EndedErrorPath } from "./error-branch.js";
import { ARRAY_CALLBACKS, findFloatingWork } from "./floating.js";
import { helperContinuesAfter } from "./helper-continues.js";
import { dataOnlyCallbackOf } from "./data-only.js";
import { findContinuations, findLocalSettlers, type Continuations, type LocalSettlers } from "./local-settlers.js";
import { planDirectExit, planPromiseCall } from "./outcome-text.js";
import { freshName, Plan, quoteOf, semicolonOf, statementRemoval } from "./plan.js";
import { LAMBDA_SHAPE, type HandlerShape } from "./shape.js";
import { collectUsage, identifiersReferringTo, ownerOf, referencesTo, settlersOf, type Handoff, type Problem, type Site, type Usage } from "./sites.js";

/** What `planHandler` decided: edits to apply, or the reasons the handler is left as it is. */
export type Verdict = { plan: Plan } | { problems: Problem[] } | undefined;

/**
 * Plan the conversion of a Lambda handler into an `async (event, context)` handler with the same
 * observable results; undefined when the handler needs nothing.
 */
export function planHandler(fn: FunctionLike, ctx: TransformContext, shape: HandlerShape = LAMBDA_SHAPE): Verdict {
  const params = fn.getParameters();
  const context = params[shape.context];
  const callback = shape.callback === undefined ? undefined : params[shape.callback];
  const usage = collectUsage(fn, context, callback, shape);
  // alexa-sdk v1 handed the context: its answers (and its intent handlers' this.context) go through the adapter (alexa-v1.ts).
  if (shape.contextAdapter) adoptAlexaV1(fn, context, callback, usage, ctx);
  const callbackStyle = (shape.callback !== undefined && params.length > shape.callback) || usage.sites.length > 0 || usage.handoffs.length > 0 || usage.stores.length > 0;
  // The context handed to a package's function by a handler that answers nothing itself (library-handoff.ts).
  const handedToPackage = shape.contextAdapter ? packageHandoffProblems(fn, context, callback, usage, ctx) : [];
  if (!callbackStyle && usage.waitFlags.length === 0 && usage.problems.length === 0 && handedToPackage.length === 0) return undefined;
  const problems = [...usage.problems, ...handedToPackage];
  const plan = new Plan();
  const removed: { start: number; end: number }[] = usage.waitFlags.map(statementRemoval);
  if (callbackStyle) new Conversion(fn, usage, plan, problems, ctx, removed, shape).run();
  // A handler left as it is leaves each answer through its stored context failing on Node.js 24, reported where it is.
  if (problems.length > 0) {
    for (const call of usage.stores.flatMap((s) => s.answers)) {
      problems.push({ node: call, reason: `${call.getExpression().getText().replace(/\s+/g, "")} answers the invocation of the handler at ${fn.getSourceFile().getBaseName()}:${fn.getStartLineNumber()} through a stored context, which Node.js 24 does not have: hand \`context\` to this function as an argument instead, and run settle again` });
    }
  }
  if (problems.length > 0) return { problems: problems.map((p) => ({ node: p.node, reason: shape.reword(p.reason) })) };
  for (const range of removed) plan.replace(range.start, range.end, "");
  return { plan };
}

class Conversion {
  private readonly quote: string;
  private readonly marks: Node[];
  private readonly local: LocalSettlers;
  private readonly continuations: Continuations;
  /** forEach loops at the end of the handler whose items answer at once (quietLoopOf), with the statements that start an answer. */
  private readonly quietLoops: { loop: Statement; starts: Statement[] }[] = [];
  /** The handoffs that answer: all but those to a function that only fails at once (failsOnlyAtOnce). */
  private readonly answeringHandoffs: Handoff[];

  constructor(
    private readonly fn: FunctionLike,
    private readonly usage: Usage,
    private readonly plan: Plan,
    private readonly problems: Problem[],
    private readonly ctx: TransformContext,
    private readonly removed: { start: number; end: number }[],
    private readonly shape: HandlerShape = LAMBDA_SHAPE,
  ) {
    this.quote = quoteOf(fn.getSourceFile());
    // `getImageType(key, callback)` calling back only with an error, synchronously: it answers at once (as
    // `reject`) or not at all, so it neither ends the path nor leaves work pending on it.
    this.answeringHandoffs = usage.handoffs.filter((h) => !failsOnlyAtOnce(h, ctx));
    // A stored context answers where the handler calls (or hands on) the module functions that answer through it.
    const marks = [
      ...usage.sites.map((s) => s.call),
      ...this.answeringHandoffs.map((h) => h.ref),
      ...usage.stores.flatMap((s) => s.settlerRefs),
    ];
    // Calls of named functions of the handler that answer (`finish(x)`) settle where they are made.
    this.local = findLocalSettlers(fn, marks);
    const settling = [...marks, ...this.local.refs];
    // Every answer is context.succeed/fail/done (at once in the old runtime, first call wins, as resolve/reject):
    // an iteratee's callback handed on to a named function that may answer is followed to the final callback.
    const atOnce = usage.sites.every((s) => isContextCall(s.call)) && usage.handoffs.every((h) => h.via !== "callback");
    const holds = (node: Node) => settling.some((m) => m.getStart() >= node.getStart() && m.getEnd() <= node.getEnd());
    this.continuations = atOnce ? findContinuations(fn, this.local, holds) : { iteratees: new Set(), refs: [] };
    this.marks = [...settling, ...this.continuations.refs];
    problems.push(...this.local.problems);
  }

  /**
   * Whether the old runtime's answer waited for the event loop: the handler calls back (or hands the callback
   * on), never answers at all, or has a path of its own flow that ends without answering (null once the loop
   * was empty), with no callbackWaitsForEmptyEventLoop set.
   * Then the work of the project functions it calls was waited for too (findFloatingWork's `followCalls`).
   */
  private get answerWaits(): boolean {
    if (this.waitsCache === undefined) {
      const { sites, handoffs, waitFlags } = this.usage;
      const body = this.fn.getBody();
      // A path of the handler's own flow that ends without answering: null once the loop was empty.
      const unanswered = () => {
        if (!body || !Node.isBlock(body)) return false;
        const scratch: Problem[] = [];
        checkEveryPathSettles(body.getStatements(), this.settlesIn(this.fn), this.mentions, this.fn, scratch);
        return scratch.length > 0;
      };
      this.waitsCache =
        this.shape.waitsForEventLoop &&
        waitFlags.length === 0 &&
        ((sites.length === 0 && handoffs.length === 0) || sites.some((s) => !isContextCall(s.call)) || handoffs.some((h) => h.via === "callback") || unanswered());
    }
    return this.waitsCache;
  }
  private waitsCache: boolean | undefined;

  /** Whether a node holds a settling call or a handoff of the callback (also in nested functions). */
  private readonly mentions = (node: Node): boolean =>
    this.marks.some((m) => m.getStart() >= node.getStart() && m.getEnd() <= node.getEnd());

  private problem(node: Node, reason: string): void {
    this.problems.push({ node, reason });
  }

  run(): void {
    const { fn, usage } = this;
    const params = fn.getParameters();
    if (!Node.isArrowFunction(fn) && fn.isGenerator()) return this.problem(fn, "the handler is a generator: rewrite it as an async (event, context) function that returns its result");
    // Calls from the project's tests do not keep a handler callback-style (they get the test-calls-legacy-handler note), as for exportedPropertyCaller.
    const caller = otherCaller(fn, undefined, { outsideTests: true });
    const viaExports = caller === undefined ? exportedPropertyCaller(fn) : undefined;
    if (viaExports) {
      // A module method the project calls (`sender.sendResponse(event, context, "FAILED", data)`) is a helper
      // taken for a handler by its shape: what it does with its other parameters says nothing about Lambda.
      this.problems.length = 0;
      if (this.planSplitExport()) return;
      return this.problem(fn, `the handler is also called at ${viaExports}: converting it would change what that call passes and receives: export a separate async (event, context) handler for Lambda and keep this function for that caller`);
    }
    if (this.shape.callback !== undefined) this.checkParameters(params);
    if (caller) this.problem(fn, `the handler is also called at ${caller}: converting it would change what that call passes and receives: export a separate async (event, context) handler for Lambda and keep this function for that caller`);

    const body = fn.getBody();
    if (!body) return;
    const direct = usage.sites.filter((s) => s.owner === fn);
    const handsOn = usage.sites.some((s) => s.owner !== fn) || usage.handoffs.length > 0 || usage.stores.length > 0;
    // Calls that cannot become a return or throw (part of an expression, code after them, a second
    // call on the path): inside the promise wrapper resolve/reject keep "first call wins, the code goes on".
    const awkward = fn.isAsync() ? [] : direct.filter((site) => this.needsWrapper(site, direct, handsOn));
    let region: Node | undefined;
    if (handsOn || awkward.length > 0) {
      if (fn.isAsync()) {
        return this.problem(
          fn,
          "an async handler that also hands its callback to other code: the old runtime answered with whichever came first, the returned promise or the callback; remove `async` (and any `await`) so settle can convert it, or drop the callback parameter and `return new Promise((resolve, reject) => …)` around the call, passing `(err, data) => (err != null ? reject(err) : resolve(data))` for the callback",
        );
      }
      const starts = (s: Statement) => this.startsPromise(s) || awkward.some((a) => within(a.call, s));
      region = Node.isBlock(body) ? body.getStatements().find(starts) : body;
    }
    const regionStart = region?.getStart() ?? Infinity;

    // The part of the handler that stays in its own (now async) flow.
    const trailing: Site[] = [];
    for (const site of direct) {
      if (site.call.getStart() >= regionStart) continue;
      const exit = exitOf(site.call, fn);
      if (exit.kind === "expression") {
        this.problem(site.call, "the call is part of a larger expression, which settle does not rewrite into a return or throw in an async handler: make it a statement (`if (ok) return callback(null, x); return callback(err);`) or remove `async`");
      } else if (exit.kind === "inside" || exit.kind === "trailing") {
        const why = exit.kind === "trailing" ? this.trailingProblem(site, direct) : undefined;
        if (exit.kind === "inside" || why) this.problem(site.call, why ?? "code after this call still ran in the old runtime (calling back does not end the function), and a return here in an async handler would skip it: move the call to the end of the handler, or remove `async`");
        else trailing.push(site);
      } else {
        planDirectExit(site, exit, fn, this.plan, this.quote);
      }
    }
    for (const site of trailing) this.planTrailing(site, direct);
    this.checkOwnReturns(regionStart);
    const early = ownStatements(fn).filter((s) => s.getStart() < regionStart);
    const work = findFloatingWork(early, this.mentions, true, this.ctx, this.shape.waitsForEventLoop, this.answerWaits);
    this.problems.push(...work.problems);
    // Without the wait (Azure v3), timers and callback work escaped before the conversion as after it: later passes take them.
    // Calls of the project's own callback-style functions that end their path: awaited there (all of a loop's at once).
    const callbackWork = region || work.floating.length > 0 || usage.waitFlags.length > 0 ? work.callbackWork : this.planCallbackWork(work.callbackWork, direct);
    if (this.shape.waitsForEventLoop) this.problems.push(...keepCallbackWork(callbackWork, { fn, sites: direct, others: work.floating.length, waitFlags: usage.waitFlags.length > 0 }, this.ctx));
    const recorder = this.plan.recorder(this.ctx);
    for (const f of work.floating) f.apply(recorder);
    if (region) {
      const unresolved = unresolvedHandlerType(fn);
      if (unresolved) this.problem(unresolved, `the handler's type ${unresolved.getText()} cannot be resolved here (no type information for it), so the result type of the promise it needs is unknown: install its type package (e.g. \`npm i -D ${this.shape.typePackage}\`) and run settle again`);
      this.planPromise(region);
    } else if (!this.shape.waitsForEventLoop && !fn.isAsync() && Node.isBlock(body)) {
      // Without the wait (Azure v3), a path of a synchronous function that never answers never ended the invocation.
      checkEveryPathSettles(body.getStatements(), this.settlesIn(fn), this.mentions, fn, this.problems);
    }
    this.planSignature(params);
  }

  /**
   * `exports.handler = function (event, context) { … }` that the file itself also calls (`exports.handler(ev, cx)`,
   * lambda-refarch-mapreduce's driver run as a local script with a fake context): the function stays as it is under a
   * name of its own, which those calls now use, and Lambda's export becomes an async handler that calls it with the
   * context adapter (succeed/fail/done settle its promise, the first call wins, as in the old runtime). The script
   * still gets every succeed/fail call, at the moment it got it, and Lambda the old answer. Only when the function
   * answers through context.succeed/fail/done on every path (the adapter's promise settles), takes no callback, and
   * nothing outside the file (tests aside) calls or reads the export.
   */
  private planSplitExport(): boolean {
    const { fn, usage } = this;
    const file = fn.getSourceFile();
    const params = fn.getParameters();
    if (isTypeScript(fn) || this.shape !== LAMBDA_SHAPE || params.length !== 2 || !Node.isIdentifier(params[1].getNameNode())) return false;
    if (usage.sites.some((s) => !isContextCall(s.call)) || usage.handoffs.some((h) => h.via === "callback") || usage.waitFlags.length > 0) return false;
    const assignment = fn.getParent();
    if (!assignment || !Node.isBinaryExpression(assignment) || assignment.getRight() !== fn) return false;
    const statement = assignment.getParent();
    const left = assignment.getLeft();
    if (!statement || !Node.isExpressionStatement(statement) || statement.getParent() !== file || !Node.isPropertyAccessExpression(left)) return false;
    if (!/^(module\.)?exports\.[\w$]+$/.test(left.getText().replace(/\s+/g, ""))) return false;
    const calls = sameFileExportCalls(fn, left);
    if (!calls || calls.length === 0) return false;
    if (analyseHelper(fn, 1, 0, new Set()).kind !== "settles") return false;
    const name = left.getName();
    const kept = freshName(file, `legacy${name[0].toUpperCase()}${name.slice(1)}`);
    const semi = semicolonOf(file);
    const eol = eolOf(file);
    this.plan.replace(left.getStart(), fn.getStart(), `const ${kept} = `);
    for (const call of calls) this.plan.replace(call.getExpression().getStart(), call.getExpression().getEnd(), kept);
    const lambda = `${left.getText()} = async (event, context) => new Promise((resolve, reject) => ${kept}(event, ${adapterCall(file, "context", "resolve", "reject")}))${semi}`;
    this.plan.insert(statement.getEnd(), `${eol}${eol}// The handler Lambda calls; ${kept} stays as it was for this file's own calls of it.${eol}${lambda}`);
    this.plan.contextAdapter = true;
    return true;
  }

  private checkParameters(params: ParameterDeclaration[]): void {
    const [, , callback, ...extra] = params;
    if (callback && !Node.isIdentifier(callback.getNameNode())) this.problem(callback, "the callback parameter is destructured: name it (`callback`) and run settle again");
    if (callback?.isRestParameter()) this.problem(callback, "the callback comes from a rest parameter: declare it as the third parameter and run settle again");
    for (const param of extra) {
      if (!Node.isIdentifier(param.getNameNode()) || referencesTo(this.fn, param).length > 0) {
        this.problem(param, "the handler uses a parameter after the callback, which Lambda never passed: remove it (it was always undefined) and run settle again");
      }
    }
    const args = this.fn.getDescendantsOfKind(SyntaxKind.Identifier).find((id) => id.getText() === "arguments" && ownsArguments(id) === this.fn);
    if (args) this.problem(args, "the handler reads `arguments`, which would no longer hold the callback: use the named parameters instead and run settle again");
  }

  /**
   * `reprocessMessage(message, function (err) { … })` in the handler's own flow, a call of a function of the
   * project that calls its last parameter back, where nothing of the handler runs after it (or after the loop
   * it is in): the old runtime answered once the event loop was empty, so after every such callback had run.
   * Each call becomes a promise that resolves once its callback has run (`resolve()` at the end of the
   * callback), awaited where the path ends: `await new Promise(…)` in place, or for a loop every round's
   * promise collected into an array and `await Promise.all(…)` after the loop (the calls still run side by
   * side, as they did; each round's call is made outside its promise's executor, so that a synchronous throw
   * still ends the loop). A throw in the callback fails the invocation as before (an uncaught error from I/O,
   * or the promise's rejection when it is called back at once). Returns the work it does not take.
   */
  private planCallbackWork(work: Problem[], direct: Site[]): Problem[] {
    const { fn } = this;
    const planned = new Map<Node, Node[]>();
    const rest = work.filter((p) => {
      const anchor = this.callbackWorkAnchor(p.node, direct);
      if (!anchor) return true;
      // In a loop the call stays outside the promise's executor (see below), after a declaration: it needs a block.
      if (anchor !== p.node && !Node.isBlock(p.node.getParent())) return true;
      planned.set(anchor, [...(planned.get(anchor) ?? []), p.node]);
      return false;
    });
    const typescript = isTypeScript(fn);
    const promise = `new Promise${typescript ? "<void>" : ""}`;
    for (const [anchor, statements] of planned) {
      const semi = semicolonOf(fn);
      const indent = indentOf(anchor);
      const resolve = freshName(fn, "resolve");
      const loop = anchor !== statements[0];
      const pending = loop ? freshName(fn, "pending") : "";
      for (const statement of statements) {
        const call = (statement as import("ts-morph").ExpressionStatement).getExpression() as import("ts-morph").CallExpression;
        const callback = call.getArguments().at(-1) as FunctionLike;
        const body = callback.getBody() as import("ts-morph").Block;
        const last = body.getStatements().at(-1);
        const inner = last ? indentOf(last) : deeperIndent(statement, indentOf(statement));
        const closing = body.getEnd() - 1;
        const lineStart = body.getSourceFile().getFullText().lastIndexOf("\n", closing) + 1;
        const onOwnLine = /^[ \t]*$/.test(body.getSourceFile().getFullText().slice(lineStart, closing));
        this.plan.insert(onOwnLine ? lineStart : closing, onOwnLine ? `${inner}${resolve}()${semi}\n` : ` ${resolve}()${semi} `);
        if (loop) {
          // The call is made outside the executor, so that a synchronous throw (in the call or its arguments)
          // still ends the loop and the handler as it did, instead of becoming this round's rejection while
          // the loop starts the later rounds' work.
          const at = indentOf(statement);
          this.plan.insert(
            call.getStart(),
            `let ${resolve}${typescript ? "!: () => void" : ""}${semi}\n${at}${pending}.push(${promise}((settle) => { ${resolve} = settle; }))${semi}\n${at}`,
          );
        } else {
          this.plan.insert(call.getStart(), `await ${promise}((${resolve}) => `);
          this.plan.insert(call.getEnd(), ")");
        }
      }
      if (loop) {
        const type = typescript ? ": Promise<void>[]" : "";
        this.plan.insert(anchor.getStart(), `const ${pending}${type} = []${semi}\n${indent}`);
        this.plan.insert(anchor.getEnd(), `\n${indent}await Promise.all(${pending})${semi}`);
      }
    }
    return rest;
  }

  /** The statement after which `statement`'s callback work is awaited (itself, or the outermost loop around it); undefined when it is not taken. */
  private callbackWorkAnchor(statement: Node, direct: Site[]): Node | undefined {
    const { fn } = this;
    if (!Node.isExpressionStatement(statement)) return undefined;
    const call = statement.getExpression();
    if (!Node.isCallExpression(call) || call.getArguments().some((a) => Node.isSpreadElement(a))) return undefined;
    const callback = call.getArguments().at(-1);
    if (!callback || !(Node.isFunctionExpression(callback) || Node.isArrowFunction(callback)) || callback.isAsync()) return undefined;
    const body = callback.getBody();
    // A return in the callback would skip the resolve() at its end.
    if (!Node.isBlock(body) || ownReturns(body).length > 0) return undefined;
    if (!callsBackLast(call)) return undefined;
    let anchor: Node = statement;
    for (let up: Node | undefined = statement.getParent(); up && up !== fn; up = up.getParent()) if (Node.isIterationStatement(up)) anchor = up;
    if (!Node.isBlock(anchor.getParent()) || !isTail(anchor, fn) || this.mentions(anchor)) return undefined;
    // Nothing answers before it (a path that answered first went on to start it).
    const ends = (site: Site) => ["return", "then-exit", "tail", "body"].includes(exitOf(site.call, fn).kind);
    if (direct.some((site) => site.call.getStart() < anchor.getStart() && !ends(site))) return undefined;
    return anchor;
  }

  /** Whether a call in the handler's own flow can only be kept as it is by the promise wrapper. */
  private needsWrapper(site: Site, direct: Site[], handsOn: boolean): boolean {
    const exit = exitOf(site.call, this.fn);
    if (exit.kind === "expression" || exit.kind === "inside") return true;
    return exit.kind === "trailing" && (handsOn || this.trailingProblem(site, direct) !== undefined);
  }

  /** Why `callback(null, r);` with more statements after it cannot keep its value and return it at the end. */
  private trailingProblem(site: Site, direct: Site[]): string | undefined {
    const statement = site.call.getParentOrThrow();
    const body = this.fn.getBody();
    if (!Node.isBlock(body)) return undefined;
    const after = (n: Node) => n.getStart() > statement.getEnd();
    if (direct.some((s) => s !== site && after(s.call))) return "the callback may be called more than once on this path: remove the later call, or remove `async` so settle can keep both in a promise";
    if (ownReturns(body).some(after)) return "a return follows this callback call that did not end the function, and would replace its result: remove that return's value, or remove `async`";
    if (site.outcome.type === "either") return "code after this call still ran in the old runtime, and whether it succeeds depends on a value only known at run time: move the call to the end of the handler, or remove `async`";
    return undefined;
  }

  /** A statement that calls back from a nested function or hands the callback on: the promise starts there. */
  private startsPromise(statement: Statement): boolean {
    const nested = this.usage.sites.some((s) => s.owner !== this.fn && within(s.call, statement));
    const stores = this.usage.stores.some((s) => s.statement === statement || s.settlerRefs.some((r) => within(r, statement)));
    return nested || stores || this.local.refs.some((r) => within(r, statement)) || this.usage.handoffs.some((h) => within(h.ref, statement));
  }

  /**
   * `callback(null, r);` followed by more statements at the end of the handler: the old runtime
   * ran them (and waited for their work) before answering. Keep the value and return it at the end.
   */
  private planTrailing(site: Site, direct: Site[]): void {
    const statement = site.call.getParentOrThrow();
    const body = this.fn.getBody();
    if (!Node.isBlock(body)) return;
    const { outcome } = site;
    if (outcome.type === "either") return;
    const semi = usesSemicolons(statement) ? ";" : "";
    const indent = indentOf(statement);
    const last = body.getStatements().at(-1)!;
    const keyword = outcome.type === "success" ? "return" : "throw";
    const kept = outcome.type === "success" ? outcome.value : outcome.error;
    const removal = statementRemoval(statement);
    let finalText: string;
    if (outcome.type === "failure" && outcome.evaluated && outcome.error) {
      // The value is evaluated where the call was; the error (never reassigned) is thrown at the end.
      this.plan.replace(statement.getStart(), statement.getEnd(), `${outcome.evaluated.getText()}${semi}`);
      finalText = `throw ${outcome.error.getText()}${semi}`;
    } else if (outcome.type === "failure" && (!outcome.error || outcome.orHandled)) {
      const handled = `${this.quote}handled${this.quote}`;
      if (!outcome.error) {
        this.plan.replace(removal.start, removal.end, "");
        finalText = `throw ${handled}${semi}`;
      } else {
        const name = freshName(this.fn, "error");
        this.plan.replace(statement.getStart(), outcome.error.getStart(), `const ${name} = `);
        this.plan.replace(outcome.error.getEnd(), statement.getEnd(), semi);
        finalText = `throw ${name} ?? ${handled}${semi}`;
      }
    } else if (!kept) {
      this.plan.replace(removal.start, removal.end, "");
      finalText = "";
    } else if (isConstant(kept)) {
      this.plan.replace(removal.start, removal.end, "");
      finalText = `${keyword} ${kept.getText()}${semi}`;
    } else {
      const name = freshName(this.fn, outcome.type === "success" ? "result" : "error");
      this.plan.replace(statement.getStart(), kept.getStart(), `const ${name} = `);
      this.plan.replace(kept.getEnd(), statement.getEnd(), semi);
      finalText = `${keyword} ${name}${semi}`;
    }
    if (finalText) this.plan.insert(endOfLineAfter(last), `\n${indent}${finalText}`);
  }

  /** Returns without a callback call: the old runtime ignored a synchronous handler's return value. */
  private checkOwnReturns(regionStart: number): void {
    const body = this.fn.getBody();
    if (!body || !Node.isBlock(body)) return;
    for (const ret of ownReturns(body)) {
      if (!Node.isReturnStatement(ret)) continue;
      const expr = ret.getExpression();
      if (!expr || this.mentions(expr) || isUndefinedValue(expr)) continue;
      const promise = isPromiseLike(expr);
      if (ret.getStart() < regionStart) {
        if (!this.fn.isAsync() && !promise) {
          this.problem(ret, "the handler returns a value here that the old runtime ignored (it answered with what was passed to the callback): replace it with `return;` (the old answer) or with `return callback(null, value)` if it is the answer");
        }
      } else if (promise || promiseKindOf(expr) === "unknown") {
        this.problem(ret, "the handler returns a promise (or a value of unknown type) here, which the old runtime waited for; inside the promise wrapper it would be ignored: call back with its result instead (`return p.then((r) => callback(null, r), callback)`)");
      }
    }
  }

  /**
   * From the first statement that calls back from nested code (or hands the callback on) to the
   * end of the handler, the code goes into `return new Promise((resolve, reject) => { ... })`,
   * one level deeper, with every settling call mapped to resolve/reject.
   */
  private planPromise(region: Node): void {
    const { fn, usage, plan } = this;
    const names = { resolve: freshName(fn, "resolve"), reject: freshName(fn, "reject") };
    const regionStart = region.getStart();
    const inRegion = (n: Node) => n.getStart() >= regionStart;

    const settlers = settlersOf(fn, this.marks);
    const handoffCalls = this.answeringHandoffs.map((h) => h.call);
    // A named function's declaration starts nothing: its calls do.
    const works = [...[...settlers].filter((s) => !this.local.named.has(s)), ...handoffCalls, ...this.local.refs, ...usage.stores.flatMap((s) => s.settlerRefs)];
    // With `context.callbackWaitsForEmptyEventLoop = false;` first, callback(null, x) answered at once too.
    const callbackMarks = this.answersAtOnce(regionStart)
      ? []
      : [
          ...usage.sites.filter((s) => !isContextCall(s.call)).map((s) => s.call),
          ...this.answeringHandoffs.filter((h) => h.via === "callback").map((h) => h.ref),
        ];
    const loopAround = (n: Node, top: Node) => n.getFirstAncestor((a) => a === top || Node.isIterationStatement(a)) !== top;
    // Nothing else may be pending where this path ends: the old runtime answered null only once
    // the event loop was empty, and work started beside this function would have answered first.
    const alone = (owner: FunctionLike) => works.every((w) => w === owner || within(owner, w) || within(w, owner));
    const quiet = `${names.resolve}(${isTypeScript(fn) ? "undefined" : ""})`;
    const paths = (owner: FunctionLike): PathOptions => ({
      startsWork: (n) => works.some((w) => within(w, n)),
      waits: (n) => callbackMarks.some((m) => within(m, n)),
      failsOnly: (n) =>
        !this.local.refs.some((r) => within(r, n)) &&
        callbackMarks.every((m) => !within(m, n) || usage.sites.some((site) => site.call === m && site.outcome.type === "failure")),
      endsQuietly: (ret) => {
        // Without the wait (Azure v3), a path that never answered never ended the invocation either.
        if (!this.shape.waitsForEventLoop) return false;
        const inLoop = loopAround(ret, owner) || (owner !== fn && loopAround(owner, fn));
        if (!alone(owner) || inLoop) return false;
        plan.replace(ret.getStart(), ret.getStart() + "return".length, `return ${quiet}`);
        return true;
      },
      elseQuietly: (ifStatement) => {
        // Only the path of the missing else ends the function here (the then branch answers): the old
        // runtime answered null there once the loop was empty, so it gets `else { resolve(); }`.
        if (!isTail(ifStatement, owner) || loopAround(ifStatement, owner) || !alone(owner)) return false;
        if (owner !== fn && (loopAround(owner, fn) || !isErrorFirstCallback(owner))) return false;
        const indent = indentOf(ifStatement);
        const unit = deeperIndent(region, indentOf(region)).slice(indentOf(region).length);
        const then = ifStatement.getThenStatement();
        const first = Node.isBlock(then) ? then.getStatements()[0] : undefined;
        const inner = first && first.getStartLineNumber() > then.getStartLineNumber() ? indentOf(first) : deeperIndent(ifStatement, indent);
        plan.insert(then.getEnd(), ` else {\n${inner}${unit}${quiet}${semicolonOf(fn)}\n${indent}${unit}}`);
        return true;
      },
      fallsQuietly: () => {
        if (!this.shape.waitsForEventLoop) return false;
        // A nested function (not the handler) whose every answer is a direct call of its own flow: a path
        // that falls off its end has nothing of the invocation pending, so the old runtime answered null
        // there. `resolve()` at its end answers that; after an earlier answer it is ignored (the first call wins).
        const body = owner.getBody();
        if (owner === fn || !body || !Node.isBlock(body) || !alone(owner) || loopAround(owner, fn) || !isErrorFirstCallback(owner)) return false;
        const direct = this.marks.filter((m) => within(m, owner)).every((m) => usage.sites.some((s) => s.call === m && s.owner === owner));
        const last = body.getStatements().at(-1);
        if (!direct || !last) return false;
        const indent = indentOf(last);
        const unit = deeperIndent(region, indentOf(region)).slice(indentOf(region).length);
        plan.insert(endOfLineAfter(last), `\n${indent}${unit}${quiet}${semicolonOf(fn)}`);
        return true;
      },
    });
    for (const settler of settlers) this.checkSettler(settler, paths(settler));
    // `queue.drain = function () { … callback(…) }`: nothing proves the function runs (with nothing pushed, a drain never does).
    if (this.shape.waitsForEventLoop) {
      for (const settler of settlers) {
        const member = memberAssignmentOf(settler);
        if (member) this.problem(settler, memberAssignedAnswerReason(member));
      }
    }
    this.checkParallelFinals(callbackMarks, inRegion);
    // `api.post(params, callback(null, "posted"))`: the callback runs first, and what it returns is handed to the call.
    for (const site of usage.sites) {
      if (!inRegion(site.call) || site.outcome.type === "failure" || !callbackMarks.includes(site.call)) continue;
      const outer = callTakingResultOf(site.call);
      if (outer) {
        this.problem(
          site.call,
          `the callback's result (undefined) is passed to ${outer}(…), which runs after the callback: the old runtime waited for the work that call starts before answering, a promise answers at once and lets it escape; pass ${outer} a function that calls back when its work is done (\`(err) => callback(err, …)\`), or call back in a statement after it, and run settle again`,
        );
      }
    }
    for (const handoff of usage.handoffs) {
      const unused = handoff.via === "context" ? undefined : unusedParameterOf(handoff);
      if (unused) {
        this.problem(
          handoff.ref,
          `${unused.name}() (${unused.where}) never uses the ${handoff.via === "callback" ? "callback" : `context.${handoff.via}`} handed to it here: the old runtime then answered null once the event loop was empty, while the promise would never settle; make ${unused.name}() call it where its work ends (\`callback(null)\`, what the old runtime answered), and run settle again`,
        );
      }
      const given = !unused && handoff.via !== "context" && this.shape.waitsForEventLoop ? memberAssignedUseOf(handoff) : undefined;
      if (given) {
        this.problem(
          handoff.ref,
          `${given.name}() (${given.where}) calls the ${handoff.via === "callback" ? "callback" : `context.${handoff.via}`} handed to it here inside the function it gives to ${given.member}, which runs only if something calls it later (an async queue's drain, for one, never runs with nothing pushed): the old runtime then answered null once the event loop was empty, while the promise would never settle; make ${given.name}() call back on every path where that function may not run (for a queue: \`if (!records.length) return callback(null);\` before the pushes), and run settle again`,
        );
      }
      // lambci's runBuild (issue 11): it emits to listeners that start work it does not wait for, then calls back.
      const emitted = !unused && !given && handoff.via === "callback" && this.answerWaits ? unwaitedListenerWorkOf(handoff) : undefined;
      if (emitted) {
        this.problem(
          handoff.ref,
          `${emitted.name}() (${emitted.where}), handed the callback here, emits "${emitted.event}" (${emitted.emitAt}) to listeners that start work it does not wait for before calling back (${emitted.workAt}: \`${emitted.work}\`): the old runtime answered only once that work had ended (the event loop was empty), a promise answers at the callback and Node.js 24 freezes the work; make ${emitted.name}() call back only once the listeners' work has ended (have them hand it a callback or a promise it waits for), and run settle again`,
        );
      }
    }
    // teslakinesis (issue 11, unseen6): the function that answers is handed to a project function with a path that never calls it.
    if (this.shape.waitsForEventLoop) {
      const handed = new Set<FunctionLike>();
      for (const site of usage.sites) {
        if (!inRegion(site.call)) continue;
        for (let owner = site.owner; owner && owner !== fn && !handed.has(owner); owner = ownerOf(owner)) {
          handed.add(owner);
          const uncalled = uncalledPathOf(owner);
          if (!uncalled) continue;
          this.problem(
            owner,
            `${uncalled.name}() (${uncalled.where}), handed the function that answers here, ${uncalled.handedOn ? `hands it on to ${uncalled.handedOn}, which has` : "has"} a path that never calls it (${uncalled.pathAt}: the path ends without calling back): the old runtime then answered null once the event loop was empty, while the promise would never settle; make ${uncalled.handedOn ?? `${uncalled.name}()`} call it on that path (\`${uncalled.param}(null)\`, which is what the old runtime answered), and run settle again`,
          );
        }
      }
    }
    // unseen7 (issue 11): the answer comes through a request whose "error" listener only logs.
    if (this.shape.waitsForEventLoop) {
      for (const quiet of quietErrorListenersOf(fn, settlers, this.mentions)) {
        this.problem(
          quiet.listener,
          `the "error" listener on ${quiet.emitter} does not answer, while the answer comes through ${quiet.emitter}: when it fails, the old runtime ran this listener, found the event loop empty and answered null, while the promise would never settle (the invocation times out); answer in it (fail with the error it receives, or answer null as the old runtime did: \`callback(null)\`, \`context.succeed(null)\`), and run settle again`,
        );
      }
      for (const data of dataOnlyAnswersOf(fn, settlers, this.mentions)) {
        this.problem(
          data.listener,
          `the invocation is answered only in the "data" listener on ${data.emitter}: a response without a body (a 204, an empty error page) never emits "data", and the old runtime then answered null once the event loop was empty, while the promise would never settle (the invocation times out); collect the chunks in "data" and answer in ${data.emitter}'s "end" listener, and run settle again`,
        );
      }
    }
    this.checkCodeAfterAnswers(region);

    if (Node.isBlock(fn.getBody())) {
      const statements = (fn.getBody() as Node & { getStatements(): Statement[] }).getStatements().filter(inRegion);
      checkEveryPathSettles(statements, this.settlesIn(fn), this.mentions, fn, this.problems, paths(fn));
      const own = ownStatements(fn).filter(inRegion);
      const work = findFloatingWork(own, this.mentions, false, this.ctx, this.shape.waitsForEventLoop, this.answerWaits);
      this.problems.push(...work.problems, ...work.callbackWork);
    } else if (!this.settlesIn(fn)(region)) {
      this.problem(region, "the handler can end without calling back: make its body call back on every branch (`callback(null)` where it ends)");
    }
    // After the path checks: a later statement they already report as work started after an answer is not reported twice.
    this.checkWorkAfterWaitingAnswers(region);

    const empty = this.shape.explicitUndefined && isTypeScript(fn) ? "undefined" : "";
    for (const site of usage.sites) if (inRegion(site.call)) planPromiseCall(site, plan, names, this.quote, empty);
    for (const handoff of usage.handoffs) this.planHandoff(handoff, names);
    const flags = this.quietLoops.map((q) => ({ ...q, flag: freshName(fn, "answering") }));
    const semi = semicolonOf(fn);
    // Before the wrapper's closing line at the same place.
    for (const { loop, flag } of flags) plan.insert(endOfLineAfter(loop), `\n${indentOf(loop)}${this.unitOf(region)}if (!${flag}) ${quiet}${semi}`);
    for (const store of usage.stores) {
      this.plan.contextAdapter = true;
      plan.replace(store.ref.getStart(), store.ref.getEnd(), adapterCall(fn.getSourceFile(), store.ref.getText(), names.resolve, names.reject));
    }
    this.wrapInPromise(region, names);
    // After the wrapper's opening text at the same place.
    for (const { loop, starts, flag } of flags) {
      const unit = this.unitOf(region);
      plan.insert(loop.getStart(), `let ${flag} = false${semi}\n${indentOf(loop)}${unit}`);
      for (const start of starts) plan.insert(start.getStart(), `${flag} = true${semi}\n${indentOf(start)}${unit}`);
    }
  }

  /**
   * `async.map(batch, invoke, (err, r) => { if (err) { callback(null, "invocation error"); return; } … })`
   * (lambda-refarch-mapreduce's reducerCoordinator): the final callback of a parallel `async` function runs at
   * the first error while the other items' work is still running (for detect/some/every/race, also as soon as
   * one item decides the result). A waiting answer there (`callback(null, x)`, not `callback(err)` nor
   * context.succeed/fail/done, which answered at once) was sent by the old runtime only once that work was
   * done; resolve answers at once and freezes it. Reported unless the answer is on the success path of the
   * final callback (all items done), or is `callback(err, x)` with the final callback's own error (a failure
   * at once, or a success once all are done). A callback handed on as the final callback of a function that
   * decides early (`async.detect(items, test, callback)`) is reported too.
   */
  private checkParallelFinals(callbackMarks: Node[], inRegion: (n: Node) => boolean): void {
    const { fn, usage } = this;
    /** The named function of the handler a reference refers to (`finish` for `function finish(…) { … }` or `const finish = …`). */
    const namedOf = (ref: Node) =>
      [...this.local.named].find((named) => declarationNodes(ref).some((d) => d === named || (!!d && Node.isVariableDeclaration(d) && d.getInitializer() === named)));
    // `async.map(items, work, finish)` with `function finish(err, r) { … }` of the handler: finish is that final callback.
    const namedFinals = new Map<FunctionLike, ParallelFinal>();
    for (const ref of this.local.refs) {
      const call = ref.getParent();
      const parallel = call && Node.isCallExpression(call) ? parallelFinalAt(call, ref) : undefined;
      const named = parallel ? namedOf(ref) : undefined;
      if (parallel && named) namedFinals.set(named, parallel);
    }
    const finalsAround = (node: Node) => {
      const finals: { final: FunctionLike; parallel: ParallelFinal }[] = [];
      for (let owner = ownerOf(node); owner && owner !== fn; owner = ownerOf(owner)) {
        const parallel = parallelFinalOf(owner) ?? namedFinals.get(owner);
        if (parallel) finals.push({ final: owner, parallel });
      }
      return finals;
    };
    const ownError = (site: Site, final: FunctionLike) => {
      if (site.outcome.type !== "either" || !Node.isIdentifier(site.outcome.error)) return false;
      const param = final.getParameters()[0];
      return !!param && declarationNodes(site.outcome.error).includes(param);
    };
    // A waiting answer of a named function of the handler (`function finish(m) { callback(null, m); }`) is made where it is called or handed on.
    const waits = (m: Node) => callbackMarks.includes(m) && usage.sites.find((s) => s.call === m)?.outcome.type !== "failure";
    const waitingLocal = this.local.refs.filter((ref) => {
      const named = namedOf(ref);
      return !!named && !namedFinals.has(named) && this.marks.some((m) => within(m, named) && waits(m));
    });
    for (const mark of [...callbackMarks, ...waitingLocal]) {
      if (!inRegion(mark)) continue;
      const site = usage.sites.find((s) => s.call === mark);
      if (site?.outcome.type === "failure") continue;
      const handoff = site ? undefined : usage.handoffs.find((h) => h.ref === mark);
      if (handoff?.rejectsOnly) continue;
      const unsafe = finalsAround(mark).find(({ final, parallel }) => parallel.decidedEarly || !(onSuccessPath(mark, final) || (site && ownError(site, final))));
      const handed = handoff && decidesEarlyWith(handoff.ref, handoff.call);
      if (!unsafe && !handed) continue;
      const text = site?.call.getText().replace(/\s+/g, " ");
      const shown = site
        ? text && text.length <= 60 ? text : `${(site.call as CallExpression).getExpression().getText()}(…)`
        : handoff
          ? `the callback handed to ${handoff.call.getExpression().getText().replace(/\s+/g, "")}()`
          : `${mark.getText()}(), which calls back,`;
      const parallel = unsafe?.parallel ?? handed!;
      const where = handed ? `the callback is handed to ${parallel.method}() as its final callback` : `${shown} answers in the final callback of ${parallel.method}()`;
      this.problem(
        mark,
        parallel.decidedEarly
          ? `${where}, which runs as soon as one item decides the result (or fails) while the other items' work is still running: the old runtime waited for that work before sending this answer, a promise answers at once and lets it escape (it freezes); run the items one at a time (the Series form) or let every item finish (\`async.map(items, async.reflect(test), …)\`, then decide from the results) and answer there, and run settle again`
          : `${shown} answers here on a path where ${parallel.method}() may have failed: its final callback runs at the first error while the other items' work is still running; the old runtime waited for that work before sending this answer, a promise answers at once and lets it escape (it freezes); let every item finish first (wrap the iteratee in \`async.reflect(…)\`, or the tasks in \`async.reflectAll(…)\`, and find the errors in the results) and answer once there, and run settle again`,
      );
    }
  }

  /** The indentation unit the promise wrapper adds to the lines of `region`. */
  private unitOf(region: Node): string {
    return deeperIndent(region, indentOf(region)).slice(indentOf(region).length);
  }

  /**
   * Whether the handler turns the wait off before anything can call back: a statement
   * `context.callbackWaitsForEmptyEventLoop = false;` of its body, before the promise region, and
   * no other assignment of the flag.
   */
  private answersAtOnce(regionStart: number): boolean {
    const { waitFlags } = this.usage;
    const body = this.fn.getBody();
    if (waitFlags.length !== 1 || !body || !Node.isBlock(body)) return false;
    const [flag] = waitFlags;
    const assigned = Node.isExpressionStatement(flag) ? flag.getExpression() : undefined;
    return (
      flag.getParent() === body &&
      flag.getStart() < regionStart &&
      !!assigned &&
      Node.isBinaryExpression(assigned) &&
      Node.isFalseLiteral(assigned.getRight())
    );
  }

  /** Whether every answer inside `fn` is a context.succeed/fail/done call or hands the context (or one of those) on. */
  private answersThroughContextOnly(fn: FunctionLike): boolean {
    const inside = (n: Node) => within(n, fn);
    const sites = this.usage.sites.filter((s) => inside(s.call));
    const handoffs = this.usage.handoffs.filter((h) => inside(h.ref));
    return sites.length + handoffs.length > 0 && sites.every((s) => isContextCall(s.call)) && handoffs.every((h) => h.via !== "callback");
  }

  /**
   * An answer that went out at once in the old runtime (context.succeed/fail/done, callback(err)), made in a
   * function that work calls back later, with code after it on its path (`if (err) { context.fail(err); }`
   * then `results.length`, lambda-refarch-mapreduce's mapper). That code ran after the answer was sent, so a
   * throw there (reading the result a failure left undefined) only ended the process. resolve/reject answer
   * once the current callback has returned and its promise jobs run, and an uncaught throw in an I/O
   * callback fails the invocation before that: the throw would answer instead.
   */
  private checkCodeAfterAnswers(region: Node): void {
    const { fn, usage } = this;
    const regionStart = region.getStart();
    const waitsOff = this.answersAtOnce(regionStart);
    for (const site of usage.sites) {
      if (site.owner === fn || site.call.getStart() < regionStart || runsAsPromiseJob(site.owner)) continue;
      if (!isContextCall(site.call) && site.outcome.type === "success" && !waitsOff) continue;
      const exit = exitOf(site.call, site.owner);
      if (exit.kind !== "inside" && exit.kind !== "trailing") continue;
      const answers = (n: Node) => usage.sites.some((other) => other.call === n);
      if (cannotThrowAfter(site.call.getParentOrThrow(), site.owner, answers)) continue;
      const call = site.call as import("ts-morph").CallExpression;
      const shown = `${call.getExpression().getText()}(${call.getArguments().length > 0 ? "…" : ""})`;
      const ended = errorAnswerEndingPath(site.call, site.owner);
      if (ended) {
        this.endPathAt(ended, shown, region);
        continue;
      }
      this.problem(
        site.call,
        `${shown} answers at once here and code after it on this path still runs: the old runtime had sent the answer when that code ran, so a throw there (reading a result that a failure left undefined) did not change it, while reject/resolve answer only after this callback returns, so the throw would answer instead: end the path at the answer (\`return ${call.getText().length <= 60 ? call.getText() : shown};\`, or move the code after it into an \`else\`) and run settle again`,
      );
    }
  }

  /**
   * `if (!valid) { callback(null, {}); }` without a `return`, then `db.put(item, (err, r) => callback(null, r))` on the
   * same path (alexa-cookbook's FactService api): a waiting answer (`callback(null, x)`, not context.succeed/fail/done
   * nor an error, which went out at once), and work started after it on its path that calls back later. The old
   * runtime sent the first answer only once the event loop was empty, after that work had run (its own answer
   * ignored); resolve answers at once and the work escapes (it freezes). Work that does not call back is found by
   * findFloatingWork; this is the work whose callback answers, which that skips.
   */
  private checkWorkAfterWaitingAnswers(region: Node): void {
    const { usage } = this;
    if (!this.shape.waitsForEventLoop || this.answersAtOnce(region.getStart())) return;
    for (const site of usage.sites) {
      if (isContextCall(site.call) || site.outcome.type === "failure") continue;
      const statement = site.call.getParent();
      if (!statement || !Node.isExpressionStatement(statement)) continue;
      const after = statementsAfterOnPath(statement, site.owner);
      const inAfter = (n: Node) => after.some((s) => within(n, s));
      const work =
        usage.sites.find((o) => o !== site && inAfter(o.call) && answersFromWork(o.call, site.owner))?.call ??
        usage.handoffs.find((h) => h.via !== "context" && inAfter(h.ref) && Node.isPropertyAccessExpression(h.call.getExpression()) && !isArrayIteration(h.call))?.call;
      if (!work) continue;
      const holder = after.find((s) => within(work, s));
      if (holder && this.problems.some((p) => p.node === holder || within(p.node, holder))) continue;
      const call = site.call as CallExpression;
      const text = call.getText().replace(/\s+/g, " ");
      const shown = text.length <= 60 ? text : `${call.getExpression().getText()}(…)`;
      const started = work.getFirstAncestor((a) => Node.isCallExpression(a) && a.getArguments().some((arg) => within(work, arg))) as CallExpression | undefined;
      const what = (Node.isCallExpression(work) && usage.handoffs.some((h) => h.call === work) ? work : started ?? work) as CallExpression;
      this.problem(
        site.call,
        `${shown} answers here, but its path goes on and starts work that calls back (${what.getExpression().getText().replace(/\s+/g, "")}(…) at line ${what.getStartLineNumber()}): the old runtime sent this answer only once the event loop was empty, after that work had run, while a promise answers at once and lets the work escape (it freezes); end the path at the answer (\`return ${shown};\`, or move the code after it into an \`else\`) if the work should not run, or answer once where it calls back, and run settle again`,
      );
    }
  }

  /**
   * `if (err) { …; context.fail(err); }` then logs and `data.Item` (error-branch.ts): the path ends at the answer, with
   * the logs that ran after it in the old runtime copied before the `return`, and a note naming the code that no longer runs.
   */
  private endPathAt(ended: EndedErrorPath, shown: string, region: Node): void {
    const { statement, logs, throwing, result } = ended;
    const indent = `${indentOf(statement)}${this.unitOf(region)}`;
    const semi = semicolonOf(this.fn);
    const copied = logs.map((log) => `\n${indent}${log.getText()}`).join("");
    this.plan.insert(endOfLineAfter(statement), `${copied}\n${indent}return${semi}`);
    const where = `line ${throwing.getStartLineNumber()}`;
    const text = throwing.getText().split("\n")[0];
    this.plan.notes.push({
      node: statement,
      reason: `${shown} on the error branch now ends its path (\`return\` added after it${logs.length > 0 ? `, with the ${logs.length === 1 ? "log" : `${logs.length} logs`} after the branch copied before it` : ""}): the old runtime had sent this answer, then threw at ${where} (\`${text.length <= 60 ? text : `${text.slice(0, 57)}…`}\` reads ${result}, null or undefined on an error) and ended the process, so nothing after that ran; the rewrite answers the same and skips that throw`,
    });
  }

  /** A nested function that calls back: every path must call back (or hand on), exactly as the promise needs. */
  private checkSettler(settler: FunctionLike, paths: PathOptions): void {
    const call = settler.getParent();
    const callee = call && Node.isCallExpression(call) ? call.getExpression() : undefined;
    const followed = this.continuations.iteratees.has(settler);
    if (callee && Node.isPropertyAccessExpression(callee) && ARRAY_CALLBACKS.has(callee.getName()) && !followed && !isAsyncLibraryFinalCallback(settler, call as import("ts-morph").CallExpression)) {
      const iteratee = isAsyncLibraryCall(call as import("ts-morph").CallExpression);
      const quiet = iteratee ? undefined : this.quietLoopOf(settler, call as import("ts-morph").CallExpression);
      if (quiet) {
        this.quietLoops.push(quiet);
        // An item that starts no answer ends quietly: `if (!answering) resolve();` after the loop answers for all of them.
        // Its answers are the work it starts: no path of it waits for that work (startsWork off), and a second one on a path is reported.
        return this.checkSettlerPaths(settler, { ...paths, startsWork: undefined, endsQuietly: () => true, fallsQuietly: () => true, elseQuietly: () => true });
      }
      this.problem(
        settler,
        iteratee
          ? `the invocation is answered inside the iteratee of ${callee.getText()}(), which runs once per item: make the iteratee call only its own callback (pass it the error: \`return callback(err)\`), answer once in the final callback, and run settle again`
          : this.answersThroughContextOnly(settler)
            ? `the invocation is answered through its context inside a ${callee.getName()}() callback, once per item: the old runtime took the first answer, at once, and let the other items' work escape, and with no item it answered null once the event loop was empty, while a promise would never settle; make the work of one item a promise and answer once after the loop (\`return Promise.all(${callee.getExpression().getText().replace(/\s+/g, " ").slice(0, 60)}.map(…))\` waits for every item), and run settle again`
            : `the callback is called inside a ${callee.getName()}() callback, which may run any number of times: collect the results in the loop and call back once after it`,
      );
      return;
    }
    // The answer waits for the loop, and the project function it is handed to goes on after it (issue 11, review-ex).
    const continues = paths.waits?.(settler) ? helperContinuesAfter(settler) : undefined;
    if (continues) return this.problem(settler, continues);
    // The Splunk blueprints' flushAsync (issue 11, unseen5 N2): the project function calls back only on "data".
    const dataOnly = paths.waits?.(settler) ? dataOnlyCallbackOf(settler) : undefined;
    if (dataOnly) {
      return this.problem(
        settler.getParentOrThrow(),
        `${dataOnly.name}() (${dataOnly.where}) runs the function given to it here only from a "data" listener on ${dataOnly.emitter} (${dataOnly.at}), so not for a response without a body (a 204, an empty 502 from a proxy): the old runtime then answered null once the event loop was empty, while the promise would never settle and the invocation would hang until its timeout; make ${dataOnly.name}() call back on the response's 'end' (collect the 'data' chunks), then run settle again`,
      );
    }
    this.checkSettlerPaths(settler, paths);
  }

  private checkSettlerPaths(settler: FunctionLike, paths: PathOptions): void {
    const body = settler.getBody();
    if (!body) return;
    if (Node.isBlock(body)) {
      checkEveryPathSettles(body.getStatements(), this.settlesIn(settler), this.mentions, settler, this.problems, paths);
    } else if (!this.settlesIn(settler)(body)) {
      this.problem(settler, "this function can end without calling back: call back where it ends (`callback(null)`, what the old runtime answered) and run settle again");
    }
    const work = findFloatingWork(ownStatements(settler), this.mentions, false, this.ctx, this.shape.waitsForEventLoop, this.answerWaits);
    this.problems.push(...work.problems, ...work.callbackWork);
    if (paths.waits) this.checkListenersBeforeAnswer(settler, paths.waits);
  }

  /**
   * `res.on("data", (d) => …); callback(null, res.statusCode);` in a response callback: the body still streams
   * after the answer. After callback(null, x) the old runtime waited for it (and its listener's effects);
   * a promise answers at once and lets them escape.
   */
  private checkListenersBeforeAnswer(settler: FunctionLike, waits: (n: Node) => boolean): void {
    const statements = ownStatements(settler);
    statements.forEach((s, i) => {
      const listened = streamListenerOf(s);
      if (!listened || this.mentions(s)) return;
      for (const later of statements.slice(i + 1)) {
        if (later.getParent() !== s.getParent()) continue;
        const site = this.usage.sites.find((x) => x.owner === settler && within(x.call, later) && x.outcome.type !== "failure" && waits(x.call));
        if (!site) continue;
        this.problem(
          site.call,
          `the callback is called here while the "${listened.event}" listener registered on ${listened.emitter} before it may still run: the old runtime waited for ${listened.emitter} to finish (and for what that listener does) before answering, a promise answers at once and lets it escape; call back in ${listened.emitter}'s "end" listener instead, and run settle again`,
        );
        return;
      }
    });
  }

  /**
   * `event.Records.forEach(function (record) { … postToES(doc, context); … })` as the last statement of the handler:
   * each item may start an answer that comes at once when it comes (context.succeed/fail/done, or a helper given the
   * context adapter), and the first one wins, in the old runtime as with resolve/reject. An item that starts none
   * ends quietly; when no item started one, nothing of the invocation was pending (the loop's function starts no
   * other work, which checkSettlerPaths reports), so the old runtime answered null once the event loop was empty:
   * `let answering = false;` before the loop, `answering = true;` before each statement that starts an answer, and
   * `if (!answering) resolve();` after it. Only for an array (by its type, or the handler's `event.Records`, which
   * every event source that has them sends as one) and a loop function whose every answer starts in its own flow,
   * in a statement of a block.
   */
  private quietLoopOf(settler: FunctionLike, call: import("ts-morph").CallExpression): { loop: Statement; starts: Statement[] } | undefined {
    const { fn, usage } = this;
    const callee = call.getExpression();
    if (!this.shape.waitsForEventLoop || !Node.isPropertyAccessExpression(callee) || callee.getName() !== "forEach") return undefined;
    if (call.getArguments().length !== 1 || call.getArguments()[0] !== settler) return undefined;
    const loop = call.getParent();
    if (!loop || !Node.isExpressionStatement(loop) || loop.getParent() !== fn.getBody() || !isTail(loop, fn)) return undefined;
    const receiver = callee.getExpression();
    const event = fn.getParameters()[0];
    const eventRecords =
      !!event && Node.isPropertyAccessExpression(receiver) && receiver.getName() === "Records" && referencesTo(fn, event).some((ref) => ref === receiver.getExpression());
    if (!eventRecords && !isArray(receiver)) return undefined;
    const marks = this.marks.filter((m) => within(m, settler));
    const atOnce = (m: Node) =>
      ownerOf(m) === settler &&
      (usage.sites.some((s) => s.call === m && isContextCall(s.call)) || usage.handoffs.some((h) => h.ref === m && h.via === "context"));
    if (marks.length === 0 || !marks.every(atOnce)) return undefined;
    const starts: Statement[] = [];
    for (const mark of marks) {
      // The statement that holds it, in a statement list, and always reaching it (`if (x) postToES(doc, context);`
      // or `ok && postToES(doc, context);` would set the flag where no answer starts).
      const statement = mark.getFirstAncestor((a) => Node.isStatement(a)) as Statement | undefined;
      const list = statement?.getParent();
      if (!statement || !list || !(Node.isBlock(list) || Node.isCaseClause(list) || Node.isDefaultClause(list))) return undefined;
      if (ownerOf(statement) !== settler || !alwaysEvaluated(mark, statement)) return undefined;
      if (!starts.includes(statement)) starts.push(statement);
    }
    return { loop, starts };
  }

  /** Whether a statement or expression of `owner`'s own flow always calls back or hands the callback on. */
  private settlesIn(owner: FunctionLike): (node: Node) => boolean {
    const settles = (node: Node): boolean => {
      // `ok ? callback(null, x) : callback(err)`: both branches call back.
      const expr = Node.isExpressionStatement(node) || Node.isParenthesizedExpression(node) ? node.getExpression() : node;
      if (expr !== node) return settles(expr);
      if (Node.isConditionalExpression(node) && settles(node.getWhenTrue()) && settles(node.getWhenFalse())) return true;
      return this.marks.some((mark) => {
        if (!within(mark, node)) return false;
        // A nested function counts where it is passed: the code it is handed to calls it.
        let anchor: Node = mark;
        for (let f = ownerOf(mark); f !== owner && within(f, node); f = ownerOf(f)) {
          // A named function settles where it is called (its calls are marks of their own), not where it is declared.
          if (this.local.named.has(f)) return false;
          anchor = f;
        }
        return ownerOf(anchor) === owner && alwaysEvaluated(anchor, node);
      });
    };
    return settles;
  }

  /**
   * `helper(event, context)` gets a context adapter; `helper(x, callback)` and `s3.getObject(params, context.done)` get an adapter read as the RIC
   * read `callback(err, value)`; `.catch(callback)` and `.catch(context.fail)` get `reject`,
   * `context.succeed` `resolve`, and `context.fail` elsewhere an adapter keeping its "handled" error.
   */
  private planHandoff(handoff: Handoff, names: { resolve: string; reject: string }): void {
    const { resolve, reject } = names;
    if (handoff.via === "context") {
      this.plan.contextAdapter = true;
      this.plan.replace(handoff.ref.getStart(), handoff.ref.getEnd(), adapterCall(this.fn.getSourceFile(), handoff.ref.getText(), resolve, reject));
      return;
    }
    const handled = `${this.quote}handled${this.quote}`;
    // TypeScript: the parameters are typed, as the callback they replace was (no implicit any).
    const typed = isTypeScript(this.fn);
    const err = typed ? "err: unknown" : "err";
    const result = typed ? `result: ${this.promiseTypeArgument().slice(1, -1) || "unknown"}` : "result";
    const text =
      handoff.via === "succeed"
        ? resolve
        : handoff.rejectsOnly
          ? reject
          : handoff.via === "fail"
            ? `(${err}) => ${reject}(err ?? ${handled})`
            : `(${err}, ${result}) => (err != null ? ${reject}(err) : ${resolve}(result))`;
    this.plan.replace(handoff.ref.getStart(), handoff.ref.getEnd(), text);
  }

  private wrapInPromise(region: Node, names: { resolve: string; reject: string }): void {
    const { fn, plan } = this;
    const file = fn.getSourceFile();
    const text = file.getFullText();
    const head = `new Promise${this.promiseTypeArgument()}((${names.resolve}, ${names.reject}) =>`;
    const body = fn.getBody()!;
    if (!Node.isBlock(body)) {
      plan.insert(region.getStart(), `${head} `);
      plan.insert(region.getEnd(), ")");
      return;
    }
    const statements = body.getStatements();
    const last = statements[statements.length - 1];
    const start = region.getNonWhitespaceStart();
    const end = endOfLineAfter(last);
    const indent = indentOf(region);
    const unit = deeperIndent(region, indent).slice(indent.length);
    const replaced = plan.edits.filter((e) => e.end > e.start);
    // Only the body's lines are re-indented, so only its literals matter (a whole-file scan per handler was quadratic).
    const literals = body
      .getDescendants()
      .filter((n) => Node.isNoSubstitutionTemplateLiteral(n) || Node.isTemplateExpression(n) || Node.isStringLiteral(n))
      .map((n) => ({ start: n.getStart(), end: n.getEnd() }));
    const skip = [...literals, ...replaced, ...this.removed];
    plan.insert(start, `return ${head} {\n${indent}${unit}`);
    for (let nl = text.indexOf("\n", start); nl !== -1 && nl + 1 < end; nl = text.indexOf("\n", nl + 1)) {
      const lineStart = nl + 1;
      const lineEnd = text.indexOf("\n", lineStart);
      if (text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).trim() === "") continue;
      if (skip.some((r) => r.start < lineStart && lineStart < r.end)) continue;
      if (this.removed.some((r) => r.start === lineStart)) continue;
      plan.insert(lineStart, unit);
    }
    plan.insert(end, `\n${indent}})${semicolonOf(fn)}`);
  }

  /**
   * `<R>` for a TypeScript handler typed from outside (`const h: Handler<E, R> = ...`): its
   * contextual return type `void | Promise<R>` would make `new Promise` infer `void | R`.
   */
  private promiseTypeArgument(): string {
    const { fn } = this;
    if (!/\.[cm]?tsx?$/.test(fn.getSourceFile().getFilePath()) || fn.getReturnTypeNode()) return "";
    if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return "";
    const result = contextualPromiseResult(fn);
    if (!result) return "";
    // The type must be named by something in scope (issue 11, point 9): imported type-only when the file imports from its module.
    const named = typeNameInScope(result, fn);
    if (named) {
      if (named.importEdit) this.plan.typeImports.push(named.importEdit);
      return `<${named.text}>`;
    }
    const text = result.text;
    return /\bimport\(/.test(text) ? "" : `<${text}>`;
  }

  /** `async`, the callback parameter removed, and a `: void` return type made a promise. */
  private planSignature(params: ParameterDeclaration[]): void {
    const { fn, plan } = this;
    if (!fn.isAsync()) plan.insert(asyncInsertionPoint(fn), "async ");
    const at = this.shape.callback;
    if (at !== undefined && params.length > at) plan.replace(params[at - 1].getEnd(), params[params.length - 1].getEnd(), "");
    const returnType = fn.getReturnTypeNode();
    if (!returnType || fn.isAsync()) return;
    if (returnType.getText() === "void") {
      // Without a callback (Azure v3): `void` when no answer carries a value (a `Promise<unknown>` function must return one before TypeScript 5.1).
      const answers = this.usage.handoffs.length > 0 || this.usage.sites.some((site) => site.outcome.type !== "failure" && site.outcome.value);
      plan.replace(returnType.getStart(), returnType.getEnd(), `Promise<${at === undefined ? (answers ? "unknown" : "void") : resultTypeOf(params[at])}>`);
    } else if (!/^(Promise|PromiseLike)\s*</.test(returnType.getText())) {
      this.problem(returnType, `the declared return type ${returnType.getText()} is not void or a promise: change it to void and run settle again`);
    }
  }
}

/** The callee text (at most 60 characters) of a call that takes the value of `call` as (part of) an argument, in the same function. */
function callTakingResultOf(call: Node): string | undefined {
  let current = call;
  for (let parent = call.getParent(); parent && !isFunctionLike(parent) && !Node.isStatement(parent); current = parent, parent = parent.getParent()) {
    if ((Node.isCallExpression(parent) || Node.isNewExpression(parent)) && (parent.getArguments() as Node[]).includes(current)) {
      const text = parent.getExpression().getText().replace(/\s+/g, "");
      return text.length > 60 ? `${text.slice(0, 57)}...` : text;
    }
  }
  return undefined;
}

/**
 * The project function a handoff hands the callback (or context.succeed/fail/done) to, when that function never
 * reads the parameter it arrives in (nor `arguments`): nothing can ever call it.
 */
function unusedParameterOf(handoff: Handoff): { name: string; where: string } | undefined {
  const index = (handoff.call.getArguments() as Node[]).indexOf(handoff.ref);
  if (index === -1) return undefined;
  const declaration = resolvedDeclaration(handoff.call);
  if (!declaration || !isFunctionLike(declaration)) return undefined;
  const target = declaration;
  const file = target.getSourceFile();
  if (file.isDeclarationFile() || file.isInNodeModules() || !target.getBody()) return undefined;
  const params = target.getParameters();
  if (params.slice(0, index + 1).some((p) => p.isRestParameter() || !Node.isIdentifier(p.getNameNode()))) return undefined;
  if (target.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => id.getText() === "arguments")) return undefined;
  const param = params[index];
  if (param && referencesTo(target, param).length > 0) return undefined;
  const name = nameNodeOf(target)?.getText() ?? handoff.call.getExpression().getText();
  return { name, where: `${file.getBaseName()}:${target.getStartLineNumber()}` };
}

/**
 * `fanOut(targets, callback)` where the project function fanOut uses that parameter inside a function it gives to a
 * member (`queue.drain = function () { callback(null); }`, memberAssignmentOf), which nothing proves runs.
 */
function memberAssignedUseOf(handoff: Handoff): { name: string; where: string; member: string } | undefined {
  const index = (handoff.call.getArguments() as Node[]).indexOf(handoff.ref);
  if (index === -1) return undefined;
  const target = resolvedDeclaration(handoff.call);
  if (!target || !isFunctionLike(target)) return undefined;
  const file = target.getSourceFile();
  if (file.isDeclarationFile() || file.isInNodeModules() || !target.getBody()) return undefined;
  const params = target.getParameters();
  if (params.slice(0, index + 1).some((p) => p.isRestParameter() || !Node.isIdentifier(p.getNameNode()))) return undefined;
  const param = params[index];
  if (!param) return undefined;
  for (const ref of referencesTo(target, param)) {
    for (let owner = ownerOf(ref); owner && owner !== target; owner = ownerOf(owner)) {
      const member = memberAssignmentOf(owner);
      if (member) return { name: nameNodeOf(target)?.getText() ?? handoff.call.getExpression().getText(), where: `${file.getBaseName()}:${target.getStartLineNumber()}`, member };
    }
  }
  return undefined;
}

/**
 * A handoff of the callback to a synchronous project function that only ever calls it with an error that is
 * surely one (a string or a `new …Error(…)`), in its own flow (no nested function, so never later), and starts
 * no work of its own: `function getImageType(key, callback) { if (!m) { callback("unknown type"); return; } … }`.
 * The old runtime answered such an error at once, as `reject` does; when it does not call back, nothing of it is pending.
 */
function failsOnlyAtOnce(handoff: Handoff, ctx: TransformContext): boolean {
  if (handoff.via !== "callback" && handoff.via !== "done" && handoff.via !== "fail") return false;
  const index = (handoff.call.getArguments() as Node[]).indexOf(handoff.ref);
  if (index === -1) return false;
  const declaration = resolvedDeclaration(handoff.call);
  if (!declaration || !isFunctionLike(declaration)) return false;
  const target = declaration;
  const file = target.getSourceFile();
  const body = target.getBody();
  if (file.isDeclarationFile() || file.isInNodeModules() || !body || !Node.isBlock(body) || target.isAsync() || (!Node.isArrowFunction(target) && target.isGenerator())) return false;
  if (target === handoff.owner || body.getFirstDescendant((n) => isFunctionLike(n) || Node.isClassDeclaration(n) || Node.isClassExpression(n))) return false;
  if (body.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => id.getText() === "arguments")) return false;
  const param = target.getParameters()[index];
  if (!param || param.isRestParameter() || !Node.isIdentifier(param.getNameNode())) return false;
  const refs = referencesTo(target, param);
  const surelyError = (arg: Node | undefined) =>
    !!arg && (Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg) || Node.isTemplateExpression(arg) || (Node.isNewExpression(arg) && /Error$/.test(arg.getExpression().getText())));
  const calledWithError = (ref: Node) => {
    const call = ref.getParent();
    return !!call && Node.isCallExpression(call) && call.getExpression() === ref && surelyError(call.getArguments()[0]) && Node.isExpressionStatement(call.getParent());
  };
  if (refs.length === 0 || !refs.every(calledWithError)) return false;
  const work = findFloatingWork(ownStatements(target), () => false, false, ctx, true, true);
  return work.floating.length === 0 && work.problems.length === 0 && work.callbackWork.length === 0;
}

/** `res.on("data", fn);` (also once/addListener, "readable"): the emitter's text and the event. */
function streamListenerOf(statement: Node): { emitter: string; event: string } | undefined {
  if (!Node.isExpressionStatement(statement)) return undefined;
  const call = statement.getExpression();
  if (!Node.isCallExpression(call)) return undefined;
  const callee = call.getExpression();
  const [event, listener] = call.getArguments();
  if (!Node.isPropertyAccessExpression(callee) || !/^(on|once|addListener)$/.test(callee.getName()) || !event || !listener) return undefined;
  if (!Node.isStringLiteral(event) || !/^(data|readable)$/.test(event.getLiteralText())) return undefined;
  const emitter = callee.getExpression();
  return Node.isIdentifier(emitter) ? { emitter: emitter.getText(), event: event.getLiteralText() } : undefined;
}

const LISTENER_METHODS = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener", "subscribe", "setInterval"]);

/**
 * `api.get(params, function (err, data) { … })`: a function passed last to a call, whose first parameter
 * is the error, called once by the error-first convention (not an event listener, which may run again).
 */
function isErrorFirstCallback(f: FunctionLike): boolean {
  const call = f.getParent();
  if (!call || !Node.isCallExpression(call) || call.getArguments().at(-1) !== f) return false;
  const callee = call.getExpression();
  const method = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
  const first = f.getParameters()[0]?.getNameNode();
  return !LISTENER_METHODS.has(method) && !!first && Node.isIdentifier(first) && /^(err|error|e|er|ex)$/i.test(first.getText());
}

function isTypeScript(fn: FunctionLike): boolean {
  return /\.[cm]?tsx?$/.test(fn.getSourceFile().getFilePath());
}

/** `context.succeed/fail/done(...)`, not `callback(...)`. */
/**
 * The statements that run after `statement` (a whole statement of `owner`) on its path: the rest of each block
 * around it, up to a `return` or `throw` (included) or the end of `owner`. A loop around it (its next rounds), a
 * case clause it falls out of and a `break`/`continue` are not followed (what they lead to is left out).
 */
function statementsAfterOnPath(statement: Node, owner: FunctionLike): Statement[] {
  const after: Statement[] = [];
  const body = owner.getBody();
  for (let current: Node = statement; current !== body; ) {
    const parent = current.getParent();
    if (!parent || parent === owner || Node.isIterationStatement(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent)) break;
    if (Node.isBlock(parent)) {
      const statements = parent.getStatements();
      for (const next of statements.slice(statements.indexOf(current as Statement) + 1)) {
        if (Node.isBreakStatement(next) || Node.isContinueStatement(next)) return after;
        after.push(next);
        if (Node.isReturnStatement(next) || Node.isThrowStatement(next)) return after;
      }
    }
    current = parent;
  }
  return after;
}

/** Whether an answer inside `owner` is made in a function handed to a call (not an array iteration): work that calls back later. */
function answersFromWork(call: Node, owner: FunctionLike): boolean {
  for (let f = ownerOf(call); f && f !== owner; f = ownerOf(f)) {
    const parent = f.getParent();
    if (parent && Node.isCallExpression(parent) && parent.getArguments().includes(f as Node as never) && !isArrayIteration(parent)) return true;
  }
  return false;
}

/** `items.forEach(f)`, `list.map(f)`: the callback runs before the call returns. */
function isArrayIteration(call: CallExpression): boolean {
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) && ARRAY_CALLBACKS.has(callee.getName());
}

function isContextCall(call: Node): boolean {
  return Node.isCallExpression(call) && Node.isPropertyAccessExpression(call.getExpression());
}

/** The result type a `Callback<T>` parameter promised (`any` for a bare `Callback`, `unknown` otherwise). */
function resultTypeOf(callback: ParameterDeclaration | undefined): string {
  const typeNode = callback?.getTypeNode();
  if (!typeNode) return "unknown";
  if (Node.isTypeReference(typeNode) && /(^|\.)Callback$/.test(typeNode.getTypeName().getText())) {
    const [arg] = typeNode.getTypeArguments();
    return arg ? arg.getText() : "any";
  }
  if (Node.isFunctionTypeNode(typeNode)) {
    const result = typeNode.getParameters()[1]?.getTypeNode();
    if (result) return result.getText();
  }
  return "unknown";
}

/** The type annotation of a TypeScript handler variable that the checker cannot resolve (single-file mode, no node_modules). */
function unresolvedHandlerType(fn: FunctionLike): Node | undefined {
  if (!/\.[cm]?tsx?$/.test(fn.getSourceFile().getFilePath())) return undefined;
  let declaration = fn.getParent();
  while (declaration && (Node.isParenthesizedExpression(declaration) || Node.isAsExpression(declaration) || Node.isSatisfiesExpression(declaration))) {
    declaration = declaration.getParent();
  }
  if (!declaration || !Node.isVariableDeclaration(declaration)) return undefined;
  const typeNode = declaration.getTypeNode();
  if (!typeNode || typeNode.getText() === "any") return undefined;
  return isAnyType(typeNode) ? typeNode : undefined;
}

/** The function whose `arguments` an identifier reads (arrows have none of their own). */
function ownsArguments(id: Node): Node | undefined {
  return id.getFirstAncestor((a) => isFunctionLike(a) && !Node.isArrowFunction(a));
}

function isUndefinedValue(expr: Node): boolean {
  if (Node.isIdentifier(expr) && expr.getText() === "undefined") return true;
  if (Node.isVoidExpression(expr)) return true;
  return isUndefinedOrVoid(expr);
}

/** Literals and `const` bindings: their value cannot change between the call and the end of the handler. */
export function isConstant(expr: Node): boolean {
  if (Node.isStringLiteral(expr) || Node.isNumericLiteral(expr) || Node.isNoSubstitutionTemplateLiteral(expr)) return true;
  if (Node.isTrueLiteral(expr) || Node.isFalseLiteral(expr) || Node.isNullLiteral(expr)) return true;
  if (!Node.isIdentifier(expr)) return false;
  const declaration = declarationsOf(expr)[0]?.node();
  return !!declaration && Node.isVariableDeclaration(declaration) && declaration.getVariableStatement()?.getDeclarationKind() === "const";
}

/**
 * A call of the handler through the module's exports (`gateway.deleteGateway(event, context, done)` for
 * `module.exports = { deleteGateway: function (event, context, callback) { … } }` or
 * `exports.deleteGateway = function …`), outside test files, as `file:line`. otherCaller follows names
 * (declarations, variables); a function in an export property has none, and converting it would leave
 * that caller's callback uncalled.
 */
function exportedPropertyCaller(fn: FunctionLike): string | undefined {
  const name = exportedPropertyName(fn);
  if (!name) return undefined;
  for (const ref of oracleFor(name.getProject()).referencesOf(name)) {
    if (ref === name || ref.getSourceFile().isDeclarationFile() || isTestCaller(ref.getSourceFile().getFilePath(), fn.getSourceFile().getFilePath())) continue;
    const access = ref.getParent();
    const call = access?.getParent();
    if (!access || !Node.isPropertyAccessExpression(access) || access.getNameNode() !== ref || !call || !Node.isCallExpression(call) || call.getExpression() !== access) continue;
    return `${ref.getSourceFile().getBaseName()}:${ref.getStartLineNumber()}`;
  }
  const [first] = textualPropertyCalls(fn, name.getText());
  if (first) return `${first.getSourceFile().getBaseName()}:${first.getStartLineNumber()}`;
  const [computed] = computedPropertyUses(fn, name.getText());
  return computed ? `${computed.getSourceFile().getBaseName()}:${computed.getStartLineNumber()}` : undefined;
}

/**
 * Every use of an exported module property's function from the project (outside test files): the calls
 * `mod.name(…)`, and whether anything else names it (a reference that is not such a call, in any file, or
 * the name as a word in another file's text outside such calls). Undefined when `fn` is no such property.
 */
export function exportedPropertyUses(fn: FunctionLike): { calls: CallExpression[]; other: boolean } | undefined {
  const name = exportedPropertyName(fn);
  if (!name) return undefined;
  const calls: CallExpression[] = [];
  let other = false;
  for (const ref of oracleFor(name.getProject()).referencesOf(name)) {
    if (ref === name || ref.getSourceFile().isDeclarationFile() || isTestCaller(ref.getSourceFile().getFilePath(), fn.getSourceFile().getFilePath())) continue;
    const access = ref.getParent();
    const call = access?.getParent();
    if (access && Node.isPropertyAccessExpression(access) && access.getNameNode() === ref && call && Node.isCallExpression(call) && call.getExpression() === access) calls.push(call);
    else other = true;
  }
  for (const call of textualPropertyCalls(fn, name.getText())) if (!calls.includes(call)) calls.push(call);
  for (const access of computedPropertyUses(fn, name.getText())) {
    const call = access.getParent();
    if (Node.isCallExpression(call) && call.getExpression() === access) calls.push(call);
    else other = true;
  }
  // The name as a word anywhere else (`const { createIAM } = require("./create")`, `exports.handler = iam.createIAM`).
  const word = new RegExp(`(?<![\\w$])${name.getText().replace(/\$/g, "\\$")}(?![\\w$])`, "g");
  for (const file of fn.getProject().getSourceFiles()) {
    if (file.isDeclarationFile() || file.isInNodeModules() || isTestCaller(file.getFilePath(), fn.getSourceFile().getFilePath())) continue;
    const text = file.getFullText();
    const seen = [...text.matchAll(word)].length;
    const known = calls.filter((c) => c.getSourceFile() === file).length + (file === fn.getSourceFile() ? 1 : 0);
    if (seen > known) other = true;
  }
  return { calls, other };
}

/** The property name `fn` is exported under: `module.exports = { name: function … }` or `exports.name = function …`. */
export function exportedPropertyName(fn: FunctionLike): Identifier | undefined {
  let holder = fn.getParent();
  while (holder && Node.isParenthesizedExpression(holder)) holder = holder.getParent();
  let name: Node | undefined;
  if (holder && Node.isPropertyAssignment(holder)) {
    const assignment = holder.getParent()?.getParent();
    if (assignment && Node.isBinaryExpression(assignment) && /^(module\.)?exports$/.test(assignment.getLeft().getText().replace(/\s+/g, ""))) name = holder.getNameNode();
  } else if (holder && Node.isBinaryExpression(holder) && holder.getRight() === fn) {
    const left = holder.getLeft();
    if (Node.isPropertyAccessExpression(left) && /^(module\.)?exports\.[\w$]+$/.test(left.getText().replace(/\s+/g, ""))) name = left.getNameNode();
  }
  return name && Node.isIdentifier(name) ? name : undefined;
}

/** TypeScript 7 does not find the uses of an `exports.x = …` property: the calls through a require or import of the file. */
function textualPropertyCalls(fn: FunctionLike, exportName: string): CallExpression[] {
  const quick = new RegExp(`\\.\\s*${exportName.replace(/\$/g, "\\$")}\\s*\\(`);
  const calls: CallExpression[] = [];
  for (const access of modulePropertyAccesses(fn, exportName, quick, false)) {
    const call = access.getParent();
    if (Node.isCallExpression(call) && call.getExpression() === access) calls.push(call);
  }
  return calls;
}

/**
 * The reads `mod.exportName` of `fn`'s module (through a require or import of its file) in the other files
 * of the project whose text `quick` matches: outside test files, or (`inTests`) only in test files.
 */
export function modulePropertyAccesses(fn: FunctionLike, exportName: string, quick: RegExp, inTests: boolean): PropertyAccessExpression[] {
  const file = fn.getSourceFile();
  const accesses: PropertyAccessExpression[] = [];
  for (const other of fn.getProject().getSourceFiles()) {
    if (other === file || other.isDeclarationFile() || other.isInNodeModules() || isTestCaller(other.getFilePath(), file.getFilePath()) !== inTests || !quick.test(other.getFullText())) continue;
    for (const access of other.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
      // A test suite may run on a case-insensitive file system (`require("../functions/LambdaTest.js")` for lambdaTest.js).
      if (access.getName() === exportName && namesModule(access.getExpression(), file, inTests)) accesses.push(access);
    }
  }
  return accesses;
}

/**
 * The module's properties read by a computed key from another file (`actions[event.action](event, context, cb)`,
 * lambci's dispatch of its actions): any export may be the one read, this one too, unless the key is a literal
 * naming another. `typeof actions[name]` reads no function out. Neither the checker nor the name finds these.
 * Outside test files, or (`inTests`) only in test files (`lambda[functionHandler](event, context, callback)` in
 * a local runner).
 */
export function computedPropertyUses(fn: FunctionLike, exportName: string, inTests = false): ElementAccessExpression[] {
  const file = fn.getSourceFile();
  const uses: ElementAccessExpression[] = [];
  // Only files that name the module (`require("./actions")` for actions/index.js) are walked.
  const base = path.basename(file.getFilePath()).replace(/\.[cm]?[jt]sx?$/, "");
  const stem = base === "index" ? path.basename(path.dirname(file.getFilePath())) : base;
  for (const other of fn.getProject().getSourceFiles()) {
    if (other === file || other.isDeclarationFile() || other.isInNodeModules() || isTestCaller(other.getFilePath(), file.getFilePath()) !== inTests) continue;
    const text = other.getFullText();
    if (!text.includes("[") || !text.includes(stem)) continue;
    for (const access of other.getDescendantsOfKind(SyntaxKind.ElementAccessExpression)) {
      const key = access.getArgumentExpression();
      if (!key || ((Node.isStringLiteral(key) || Node.isNoSubstitutionTemplateLiteral(key) || Node.isNumericLiteral(key)) && key.getLiteralText() !== exportName)) continue;
      let parent = access.getParent();
      while (parent && Node.isParenthesizedExpression(parent)) parent = parent.getParent();
      if (parent && Node.isTypeOfExpression(parent)) continue;
      if (namesModule(access.getExpression(), file, inTests)) uses.push(access);
    }
  }
  return uses;
}

/** `gateway` bound by `require("./gateway")` / `import * as gateway` / `import gateway from`, or `require("./gateway")` itself, naming `file`. */
export function namesModule(receiver: Node, file: SourceFile, foldCase = false): boolean {
  let spec: string | undefined;
  const requireOf = (n: Node | undefined) => {
    if (!n || !Node.isCallExpression(n) || n.getExpression().getText() !== "require") return undefined;
    const [arg] = n.getArguments();
    return arg && Node.isStringLiteral(arg) ? arg.getLiteralText() : undefined;
  };
  if (Node.isCallExpression(receiver)) spec = requireOf(receiver);
  else if (Node.isIdentifier(receiver)) {
    for (const d of declarationNodes(receiver)) {
      if (!d) continue;
      if (Node.isVariableDeclaration(d)) spec = requireOf(d.getInitializer());
      else if (Node.isNamespaceImport(d) || Node.isImportClause(d)) spec = d.getFirstAncestorByKind(SyntaxKind.ImportDeclaration)?.getModuleSpecifierValue();
      if (spec) break;
    }
  }
  return !!spec && specifierNames(spec, receiver.getSourceFile(), file, foldCase);
}

/** Whether the relative module specifier `spec`, written in `from`, names `file` (`./gateway`, `./gateway.js`, `./actions` for actions/index.js); `foldCase`: as on a case-insensitive file system. */
export function specifierNames(spec: string, from: SourceFile, file: SourceFile, foldCase = false): boolean {
  if (!spec.startsWith(".")) return false;
  const fold = (p: string) => (foldCase ? p.toLowerCase() : p);
  const target = fold(path.resolve(path.dirname(from.getFilePath()), spec));
  const own = fold(file.getFilePath());
  return own === target || own.replace(/\.[cm]?[jt]sx?$/, "") === target.replace(/\.[cm]?[jt]sx?$/, "") || own.replace(/\/index\.[cm]?[jt]sx?$/, "") === target;
}

/**
 * Whether `call` calls a function of the project (not a declaration file or a package) whose last parameter
 * takes the last argument, a callback, and is called or handed on in its body: the promise form resolves
 * when it calls back. (As for a callback handed on elsewhere, that it does so once its work is done is taken
 * on trust.)
 */
function callsBackLast(call: import("ts-morph").CallExpression): boolean {
  const declaration = resolvedDeclaration(call);
  if (!declaration || !isFunctionLike(declaration)) return false;
  const file = declaration.getSourceFile();
  if (file.isDeclarationFile() || file.isInNodeModules()) return false;
  const params = declaration.getParameters();
  const last = params.at(-1);
  if (!last || last.isRestParameter() || params.length !== call.getArguments().length || !Node.isIdentifier(last.getNameNode())) return false;
  const body = declaration.getBody();
  if (!body) return false;
  return identifiersReferringTo(body, last, last.getNameNode() as import("ts-morph").Identifier).some((ref) => {
    const parent = ref.getParent();
    return Node.isCallExpression(parent) && (parent.getExpression() === ref || parent.getArguments().includes(ref));
  });
}

/**
 * The calls `exports.x(…)` / `module.exports.x(…)` of the export `left` names, all in its own file; undefined when
 * the export is read otherwise there, or used from another file of the project (test files aside).
 */
function sameFileExportCalls(fn: FunctionLike, left: import("ts-morph").PropertyAccessExpression): import("ts-morph").CallExpression[] | undefined {
  const file = fn.getSourceFile();
  const name = left.getName();
  for (const ref of oracleFor(file.getProject()).referencesOf(left.getNameNode())) {
    const other = ref.getSourceFile();
    if (other !== file && !other.isDeclarationFile() && !isTestCaller(other.getFilePath(), file.getFilePath())) return undefined;
  }
  const quick = new RegExp(`\\.\\s*${name.replace(/\$/g, "\\$")}\\b`);
  for (const other of file.getProject().getSourceFiles()) {
    if (other === file || other.isDeclarationFile() || other.isInNodeModules() || isTestCaller(other.getFilePath(), file.getFilePath()) || !quick.test(other.getFullText())) continue;
    if (other.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression).some((a) => a.getName() === name && namesModule(a.getExpression(), file))) return undefined;
  }
  const calls: import("ts-morph").CallExpression[] = [];
  for (const access of file.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    if (access === left || access.getName() !== name || !/^(module\.)?exports$/.test(access.getExpression().getText().replace(/\s+/g, ""))) continue;
    const call = access.getParent();
    if (!Node.isCallExpression(call) || call.getExpression() !== access) return undefined;
    calls.push(call);
  }
  return calls;
}
