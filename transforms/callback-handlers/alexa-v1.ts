import { Node, SyntaxKind, type CallExpression, type ObjectLiteralExpression, type ParameterDeclaration } from "ts-morph";
import type { FunctionLike } from "../../src/handlers/entry-point.js";
import { ownReturns } from "../../src/function-body.js";
import { declarationNodes, declarationsOf } from "../../src/types/index.js";
import { projectFunctionOf, unsettledPath } from "./context-handoff.js";
import { uncalledPathOf } from "./handed-function.js";
import { findFloatingWork } from "./floating.js";
import type { TransformContext } from "../../src/define-transform.js";
import { firstQuietListenerOf } from "./quiet-error-listener.js";
import { within } from "../../src/layout.js";
import { alexaSdkCall } from "./library-handoff.js";
import { fileLine, ownerOf, referencesTo, settlersOf, type Usage } from "./sites.js";

/**
 * alexa-sdk v1 (1.0.25, lib/alexa.js and lib/response.js) answers the invocation from the response emits of its
 * intent handlers (`:tell`, `:ask`, … → `:responseReady` → `:saveState`): through the callback when
 * `Alexa.handler(event, context, callback)` was given one, else through `context.succeed(response)`; its errors
 * (an unknown application id, no handler for the request and no `Unhandled`, an intent handler that throws while
 * v1 runs it, a failed DynamoDB read or save) go to `callback(err)` or `context.fail(err)`. Intent handlers run
 * bound to an object whose `context` is the context v1 was given and whose `callback` is its callback.
 *
 * So `Alexa.handler(event, context)` in a handler that answers nothing itself converts to
 * `Alexa.handler(event, legacyContext(context, resolve, reject))` inside the handler's promise: every answer v1
 * makes, and every `this.context.succeed/fail/done(...)` of an intent handler, settles it (the first one wins, as
 * in the old runtime). With the callback given, the callback becomes `(err, result) => …` as before, and the context
 * the adapter only when an intent handler answers through `this.context`.
 *
 * Never a hang: the old runtime answered null once the event loop was empty when no intent handler answered; a
 * promise never settles. Each function of each object handed to `registerHandlers` (an object literal of the file,
 * or `Alexa.CreateStateHandler(state, {...})`) must answer on every path, as context-handoff.ts's unsettledPath
 * reads a helper's paths: a response emit, `this.emit("Other")` of a function registered without a state,
 * `this.emitWithState(...)` (v1 answers through `Unhandled` or throws), `this.context.succeed/fail/done(...)`,
 * `this.callback(...)` when v1 has the callback, or a throw. Otherwise the handler stays as it is, reported at the
 * intent handler's path. The default no-op handlers of v1 for `AlexaSkillEvent.*` requests are not the skill's:
 * a skill subscribed to those events answers them only if it registers its own.
 */

/** The emits of v1's response handlers that end in an answer (lib/response.js). */
const ANSWERING_EMITS = new Set([
  ":tell",
  ":ask",
  ":askWithCard",
  ":tellWithCard",
  ":tellWithLinkAccountCard",
  ":askWithLinkAccountCard",
  ":askWithPermissionCard",
  ":tellWithPermissionCard",
  ":delegate",
  ":elicitSlot",
  ":elicitSlotWithCard",
  ":confirmSlot",
  ":confirmSlotWithCard",
  ":confirmIntent",
  ":confirmIntentWithCard",
  ":responseReady",
  ":saveState",
  ":saveStateError",
]);

interface Registered {
  object: ObjectLiteralExpression;
  /** Registered with `Alexa.CreateStateHandler(state, …)`: its names get the state appended. */
  state: boolean;
}

/**
 * Called once the handler's uses are collected: adds the context handoff that the conversion turns into the
 * context adapter, or the problems that keep the handler as it is (a registered intent handler with a path that
 * never answers, handlers settle cannot see). Does nothing for a handler that does not hand alexa-sdk its context.
 */
export function adoptAlexaV1(fn: FunctionLike, context: ParameterDeclaration | undefined, callback: ParameterDeclaration | undefined, usage: Usage, ctx: TransformContext): void {
  if (!context || !Node.isIdentifier(context.getNameNode()) || fn.isAsync()) return;
  const call = alexaSdkCall(fn, context);
  if (!call) return;
  const args = call.getArguments();
  const contextRef = args[1];
  if (!contextRef || !Node.isIdentifier(contextRef) || !referencesTo(fn, context).includes(contextRef)) return;
  const callbackRef = args[2];
  let withCallback: boolean;
  if (args.length === 2) {
    withCallback = false;
    // The handler answers nothing itself: v1 is what answers.
    if (usage.sites.length > 0 || usage.handoffs.length > 0 || usage.stores.length > 0 || usage.problems.length > 0) return;
    if (callback && referencesTo(fn, callback).length > 0) return;
    const body = fn.getBody();
    if (!body || !Node.isBlock(body) || ownReturns(body).some((r) => Node.isReturnStatement(r) && r.getExpression() !== undefined)) return;
    // The context handed to anything else is left to the package-handoff report.
    if (referencesTo(fn, context).some((r) => r !== contextRef && Node.isCallExpression(r.getParent()) && (r.getParent() as CallExpression).getArguments().includes(r))) return;
  } else if (args.length === 3 && callback && Node.isIdentifier(callbackRef) && referencesTo(fn, callback).includes(callbackRef)) {
    withCallback = true;
    if (!usage.handoffs.some((h) => h.ref === callbackRef)) return;
  } else return;
  // v1 answers only from execute(): a path of the handler that does not reach it was answered null by the old runtime.
  const unexecuted = unexecutedPath(fn, call);
  if (unexecuted) {
    CHECKED.add(call);
    usage.problems.push({ node: unexecuted, reason: `${call.getExpression().getText().replace(/\s+/g, "")}(...) of alexa-sdk v1 answers only once its \`execute()\` runs, and this handler ${unexecuted === call ? "does not call it as a statement of its own body" : "has a path that ends before it"}: the old runtime then answered null once the event loop was empty, while the promise an async handler needs would never settle; call \`alexa.execute();\` as the handler's last statement on every path, and run settle again` });
    return;
  }
  const checked = checkIntents(fn, call, withCallback, ctx);
  CHECKED.add(call);
  if (checked.problems.length > 0) {
    usage.problems.push(...checked.problems);
    return;
  }
  if (!withCallback || checked.throughContext) usage.handoffs.push({ ref: contextRef, via: "context", call, owner: fn, rejectsOnly: false });
}

/** The `Alexa.handler(…)` calls whose intent handlers were checked (their problems name the intent handler, not the call). */
const CHECKED = new WeakSet<CallExpression>();
export const checkedAlexaCall = (call: Node): boolean => Node.isCallExpression(call) && CHECKED.has(call);

/** Whether alexa-sdk v1's `Alexa.handler(…)` call of this handler was adopted (its context becomes the adapter). */
export function adoptedAlexaCall(call: CallExpression, usage: Usage): boolean {
  return usage.handoffs.some((h) => h.via === "context" && h.call === call);
}

function checkIntents(fn: FunctionLike, call: CallExpression, withCallback: boolean, ctx: TransformContext): { problems: { node: Node; reason: string }[]; throughContext: boolean } {
  const problems: { node: Node; reason: string }[] = [];
  const alexa = call.getExpression().getText().replace(/\s+/g, "");
  const registrations = fn.getDescendantsOfKind(SyntaxKind.CallExpression).filter((c) => {
    const callee = c.getExpression();
    return Node.isPropertyAccessExpression(callee) && callee.getName() === "registerHandlers";
  });
  if (registrations.length === 0) {
    problems.push({ node: call, reason: `${alexa}(...) of alexa-sdk v1 is handed the context, and this handler registers no intent handlers (\`registerHandlers\`) that settle could check: register them here, and run settle again` });
    return { problems, throughContext: false };
  }
  const registered: Registered[] = [];
  for (const registration of registrations) {
    for (const arg of registration.getArguments()) {
      const found = registeredObject(arg);
      if (found) registered.push(found);
      else problems.push({ node: arg, reason: `settle cannot see the alexa-sdk v1 intent handlers registered here (${arg.getText().replace(/\s+/g, " ").slice(0, 60)}): it converts only when every intent handler answers on every path (the old runtime answered null once the event loop was empty when none did, a promise would never settle); register an object literal of this file (or \`Alexa.CreateStateHandler(state, { … })\`), or convert the handler by hand: \`return new Promise((resolve, reject) => { const alexa = Alexa.handler(event, context, (err, result) => (err != null ? reject(err) : resolve(result))); … })\` once each intent handler answers on every path` });
    }
  }
  if (problems.length > 0) return { problems, throughContext: false };
  const stateless = new Set<string>();
  for (const { object, state } of registered) if (!state) for (const p of object.getProperties()) if (nameOf(p)) stateless.add(nameOf(p)!);
  // The file's intent handlers (or the functions they call with their `this`) answering through this.context: the
  // context v1 gets becomes the adapter (another file's are reported there, reportIntentAnswersElsewhere).
  const throughContext = /this\s*\.\s*context\s*\.\s*(succeed|fail|done)\b/.test(fn.getSourceFile().getFullText());
  for (const { object } of registered) {
    for (const property of object.getProperties()) {
      const name = nameOf(property) ?? property.getText().slice(0, 30);
      const intent = Node.isMethodDeclaration(property) ? property : Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
      // An async one: v1 ignores its promise, so a throw after an await is an unhandled rejection, not v1's error answer.
      if (!intent || !(Node.isMethodDeclaration(intent) || Node.isFunctionExpression(intent)) || !intent.getBody() || intent.isAsync() || intent.isGenerator()) {
        problems.push({ node: call, reason: `the alexa-sdk v1 intent handler '${name}' (${fileLine(property)}) is not a plain function expression or method settle can read (v1 binds \`this\` for those only, and ignores what an async one returns): write it as \`'${name}': function () { … }\`, and run settle again` });
        continue;
      }
      const why = unansweredPath(intent, { stateless, withCallback, seen: new Set() });
      const work = !why && withCallback ? unwaitedWork(intent, stateless, ctx) : undefined;
      if (work) {
        problems.push({
          node: call,
          reason: `the alexa-sdk v1 intent handler '${name}' (${fileLine(intent)}) starts work it does not answer from (${fileLine(work)}): with the callback, the old runtime sent v1's answer only once the event loop was empty, after that work had ended, while the promise ${alexa}(...) would settle in an async handler answers at once and Node.js 24 freezes the work; answer from inside that work (emit in its callback) or await it before answering, and run settle again`,
        });
        continue;
      }
      if (!why) continue;
      // At the call, in the handler's statement: the handler is what stays as it is.
      problems.push({
        node: call,
        reason: `the alexa-sdk v1 intent handler '${name}' (${fileLine(intent)}) ${why}: where none of its answers runs, the old runtime answered null once the event loop was empty, while the promise that ${alexa}(...) would settle in an async handler never settles (the invocation times out); end that path with an answer (\`this.emit(':responseReady')\` after \`this.response.speak(…)\`, \`this.emit(':tell', …)\`, or \`this.emit(':saveState', true)\` for a SessionEndedRequest), and run settle again`,
      });
    }
  }
  return { problems, throughContext };
}

interface Reading {
  stateless: Set<string>;
  withCallback: boolean;
  /** The functions called with the intent's `this` being read (recursion: not an answer). */
  seen: Set<FunctionLike>;
}

/** Why `intent` (bound by v1, or called with its `this`) can end a path without answering; undefined when it always answers. */
function unansweredPath(intent: FunctionLike, reading: Reading): string | undefined {
  reading.seen.add(intent);
  const marks = intent.getDescendantsOfKind(SyntaxKind.CallExpression).filter((c) => answers(c, intent, reading));
  reading.seen.delete(intent);
  const unsettled = unsettledPath(intent, marks);
  if (unsettled) return `does not answer on every path ${unsettled.replace(/^not on every path /, "")}`;
  // The answer through a request whose "error" listener only logs, or only in its "data" listener (quiet-error-listener.ts).
  const quiet = firstQuietListenerOf(intent, marks);
  if (quiet?.event === "error") return `answers through ${quiet.emitter}, whose "error" listener (${fileLine(quiet.listener)}) does not answer`;
  if (quiet) return `answers only in the "data" listener on ${quiet.emitter} (${fileLine(quiet.listener)}), which a response without a body never emits`;
  return handedUncalled(intent, marks);
}

/**
 * With the callback, the old runtime sent v1's `callback(null, response)` only once the event loop was empty: work
 * an intent handler starts and does not answer from (a timer, a node-style call, a promise it drops) had ended by
 * then, while resolve answers at once. Its own statements are read as a handler's are (floating.ts); without the
 * callback, v1 answered through context.succeed, at once, as resolve does.
 */
function unwaitedWork(intent: FunctionLike, stateless: Set<string>, ctx: TransformContext): Node | undefined {
  const body = intent.getBody();
  if (!body || !Node.isBlock(body)) return undefined;
  const marks = intent.getDescendantsOfKind(SyntaxKind.CallExpression).filter((c) => answers(c, intent, { stateless, withCallback: true, seen: new Set() }));
  const mentions = (n: Node) => marks.some((m) => within(m, n));
  const work = findFloatingWork(body.getStatements(), mentions, false, ctx, true, true);
  const first = [...work.floating.map((f) => f.node), ...work.problems.map((p) => p.node), ...work.callbackWork.map((p) => p.node)][0];
  return first;
}

/** The handler's `return` before v1's execute(), or the Alexa.handler call when execute() is not a statement of the handler's body. */
function unexecutedPath(fn: FunctionLike, call: CallExpression): Node | undefined {
  const body = fn.getBody();
  if (!body || !Node.isBlock(body)) return call;
  const statements = body.getStatements();
  const index = statements.findIndex((st) => {
    const expr = Node.isExpressionStatement(st) ? st.getExpression() : undefined;
    if (!expr || !Node.isCallExpression(expr) || expr.getArguments().length > 0) return false;
    const callee = expr.getExpression();
    return Node.isPropertyAccessExpression(callee) && callee.getName() === "execute";
  });
  if (index === -1) return call;
  return ownReturns(body).find((r) => r.getStart() < statements[index].getStart());
}

/** `helper(x, () => { this.emit(":tell", …) })` where the project function `helper` has a path that never calls it. */
function handedUncalled(intent: FunctionLike, marks: Node[]): string | undefined {
  for (const owner of settlersOf(intent, marks)) {
    const uncalled = uncalledPathOf(owner);
    if (uncalled) return `answers only in the function it hands to ${uncalled.name}() (${uncalled.where}), which has a path that never calls it (${uncalled.pathAt})`;
  }
  return undefined;
}

/** Whether a call answers the invocation when the intent handler (bound by v1) makes it. */
function answers(call: CallExpression, intent: FunctionLike, reading: Reading): boolean {
  const { stateless, withCallback } = reading;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const receiver = callee.getExpression();
  const method = callee.getName();
  // `handleUserGuess.call(this, false)`: a function of the project run with the intent's `this`, answering on every path.
  const self = call.getArguments()[0];
  if (method === "call" && self && Node.isThisExpression(self) && boundToIntent(self, intent)) {
    const helper = projectFunctionOf(receiver);
    if (!helper || Node.isArrowFunction(helper) || reading.seen.has(helper) || reading.seen.size > 4) return false;
    return unansweredPath(helper, reading) === undefined;
  }
  // `this.context.succeed(…)`: through the adapter (or the real context, with a callback and no adapter: then reported elsewhere).
  if (Node.isPropertyAccessExpression(receiver) && receiver.getName() === "context" && Node.isThisExpression(receiver.getExpression())) {
    return ["succeed", "fail", "done"].includes(method) && boundToIntent(receiver.getExpression(), intent);
  }
  if (!Node.isThisExpression(receiver) || !boundToIntent(receiver, intent)) return false;
  if (method === "callback") return withCallback;
  const first = call.getArguments()[0];
  const event = first && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)) ? first.getLiteralValue() : undefined;
  if (event === undefined) return false;
  if (method === "emitWithState") return true;
  return method === "emit" && (ANSWERING_EMITS.has(event) || stateless.has(event));
}

/** `this` is the intent handler's own: only arrow functions between them. */
function boundToIntent(self: Node, intent: FunctionLike): boolean {
  for (let owner: Node | undefined = ownerOf(self); owner; owner = ownerOf(owner)) {
    if (owner === intent) return true;
    if (!Node.isArrowFunction(owner)) return false;
  }
  return false;
}

function nameOf(property: Node): string | undefined {
  if (!(Node.isPropertyAssignment(property) || Node.isMethodDeclaration(property))) return undefined;
  const name = property.getNameNode();
  if (Node.isIdentifier(name)) return name.getText();
  if (Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name)) return name.getLiteralValue();
  return undefined;
}

/**
 * The object of intent handlers an argument of `registerHandlers` is: an object literal, a variable of the file
 * that one initialises (and that nothing else writes to), or `Alexa.CreateStateHandler(state, …)` of one.
 */
function registeredObject(arg: Node, depth = 0, state = false): Registered | undefined {
  if (depth > 3) return undefined;
  if (Node.isParenthesizedExpression(arg)) return registeredObject(arg.getExpression(), depth + 1, state);
  if (Node.isObjectLiteralExpression(arg)) {
    if (arg.getProperties().some((p) => !(Node.isPropertyAssignment(p) || Node.isMethodDeclaration(p)))) return undefined;
    return { object: arg, state };
  }
  if (Node.isCallExpression(arg)) {
    const callee = arg.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== "CreateStateHandler" || arg.getArguments().length !== 2) return undefined;
    return registeredObject(arg.getArguments()[1], depth + 1, true);
  }
  // `stateHandlers.startModeIntentHandlers`: a property of an object literal (`{ startModeIntentHandlers: Alexa.CreateStateHandler(…) }`).
  if (Node.isPropertyAccessExpression(arg) && Node.isIdentifier(arg.getExpression())) {
    const properties = declarationsOf(arg.getNameNode(), true).map((d) => (d.inDeclarationFile ? undefined : d.node()));
    if (properties.length !== 1 || !properties[0] || !Node.isPropertyAssignment(properties[0]) || properties[0].getSourceFile().isInNodeModules()) return undefined;
    const value = properties[0].getInitializer();
    return value ? registeredObject(value, depth + 1, state) : undefined;
  }
  if (!Node.isIdentifier(arg)) return undefined;
  // `require("./playback")` or an import of it: the object its module exports (`module.exports = …`, `exports.x = …`).
  for (const ref of declarationsOf(arg, true)) {
    const node = ref.inDeclarationFile ? undefined : ref.node();
    if (!node || node.getSourceFile() === arg.getSourceFile() || node.getSourceFile().isInNodeModules()) continue;
    const assignment = Node.isBinaryExpression(node) ? node : node.getParent();
    if (assignment && Node.isBinaryExpression(assignment) && assignment.getOperatorToken().getKind() === SyntaxKind.EqualsToken && /^(module\.)?exports(\.[\w$]+)?$/.test(assignment.getLeft().getText().replace(/\s+/g, ""))) {
      return registeredObject(assignment.getRight(), depth + 1, state);
    }
  }
  const declarations = declarationNodes(arg).filter((d) => d !== undefined);
  if (declarations.length !== 1) return undefined;
  const declaration = declarations[0]!;
  if (!Node.isVariableDeclaration(declaration) || declaration.getSourceFile() !== arg.getSourceFile()) return undefined;
  const init = declaration.getInitializer();
  const nameNode = declaration.getNameNode();
  if (!init || !Node.isIdentifier(nameNode)) return undefined;
  // Written to after its declaration (`handlers.X = …`, `Object.assign(handlers, …)`, reassigned): not what settle reads.
  const uses = arg.getSourceFile().getDescendantsOfKind(SyntaxKind.Identifier).filter((id) => id !== nameNode && id.getText() === nameNode.getText() && declarationNodes(id).includes(declaration));
  for (const use of uses) {
    const parent = use.getParent();
    if (Node.isCallExpression(parent) && parent.getArguments().includes(use)) {
      const callee = parent.getExpression();
      const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : "";
      if (name !== "registerHandlers" && name !== "CreateStateHandler") return undefined;
      continue;
    }
    if (Node.isPropertyAccessExpression(parent) || Node.isElementAccessExpression(parent)) {
      const grand = parent.getParent();
      if (Node.isBinaryExpression(grand) && grand.getLeft() === parent) return undefined;
      if (Node.isDeleteExpression(grand)) return undefined;
      continue;
    }
    if (Node.isBinaryExpression(parent) && parent.getLeft() === use) return undefined;
    if (Node.isShorthandPropertyAssignment(parent) || Node.isSpreadAssignment(parent)) continue;
    return undefined;
  }
  return registeredObject(init, depth + 1, state);
}
