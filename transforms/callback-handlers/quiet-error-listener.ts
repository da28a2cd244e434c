import { Node, SyntaxKind, type CallExpression } from "ts-morph";
import { type FunctionLike } from "../../src/handlers/entry-point.js";
import { within } from "../../src/layout.js";
import { ownerOf, settlersOf } from "./sites.js";
import { LISTEN_METHODS } from "./flow.js";


/** An "error" listener of an emitter the answer comes through, that does not answer. */
export interface QuietErrorListener {
  /** The listener as written (`function (e) { console.log(…) }`). */
  listener: Node;
  /** The emitter's text (`req`), or the call it is chained on (`https.request(…)`). */
  emitter: string;
}

/**
 * unseen7 (issue 11): `const req = https.request(options, (res) => { res.on("end", () => callback(null, body)); });
 * req.on("error", (e) => console.log(e.message));` — the answer comes through the request (its response
 * callback, or a listener of the response), and the request's "error" listener only logs. When the request
 * fails, the old runtime ran that listener, found the event loop empty and answered null; in the promise
 * settle would write nothing settles on that path, so the invocation hangs until its timeout.
 * The emitters are found by syntax from the functions that answer (`settlers`, the nested functions that hold
 * an answer): the receiver of the listener call a settler is given to (`res.on("data", settler)`), and the
 * variable (or the chain) holding the call a settler is handed to (`const req = https.request(o, settler)`).
 * Their "error" listeners in the handler (`req.on("error", L)`, `https.request(…).on("error", L)`) that
 * hold no answer (`mentions`) are returned.
 */
export function quietErrorListenersOf(fn: FunctionLike, settlers: Iterable<FunctionLike>, mentions: (n: Node) => boolean): QuietErrorListener[] {
  const names = new Set<string>();
  const chained: CallExpression[] = [];
  for (const settler of settlers) {
    for (let g: FunctionLike | undefined = settler; g && g !== fn; g = ownerOf(g)) {
      const call = g.getParent();
      if (!call || !Node.isCallExpression(call) || !call.getArguments().includes(g as never)) continue;
      const callee = call.getExpression();
      if (Node.isPropertyAccessExpression(callee) && LISTEN_METHODS.has(callee.getName())) {
        const receiver = callee.getExpression();
        if (Node.isIdentifier(receiver)) names.add(receiver.getText());
        continue;
      }
      const holder = call.getParent();
      if (holder && Node.isVariableDeclaration(holder) && holder.getInitializer() === call && Node.isIdentifier(holder.getNameNode())) names.add(holder.getName());
      else if (holder && Node.isBinaryExpression(holder) && holder.getOperatorToken().getKind() === SyntaxKind.EqualsToken && holder.getRight() === call && Node.isIdentifier(holder.getLeft())) names.add(holder.getLeft().getText());
      chained.push(call);
    }
  }
  const found: QuietErrorListener[] = [];
  const consider = (call: CallExpression, emitter: string) => {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !LISTEN_METHODS.has(callee.getName())) return;
    const [event, listener] = call.getArguments();
    if (!event || !listener || !Node.isStringLiteral(event) || event.getLiteralText() !== "error") return;
    if (mentions(listener) || found.some((f) => f.listener === listener)) return;
    found.push({ listener, emitter });
  };
  for (const call of fn.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const receiver = callee.getExpression();
    if (Node.isIdentifier(receiver) && names.has(receiver.getText())) consider(call, receiver.getText());
  }
  // `https.request(o, settler).on("timeout", …).on("error", L)`: each link of the chain.
  for (const start of chained) {
    let link: Node = start;
    for (;;) {
      const access = link.getParent();
      const next = access?.getParent();
      if (!access || !Node.isPropertyAccessExpression(access) || !next || !Node.isCallExpression(next) || next.getExpression() !== access) break;
      const text = start.getExpression().getText().replace(/\s+/g, "");
      consider(next, `${text}(…)`);
      link = next;
    }
  }
  return found.filter((f) => within(f.listener, fn));
}

/**
 * unseen7 (issue 11): `https.request(o, (res) => { res.on("data", () => context.done(null)); })` — an answering
 * function given as the "data" listener of a response (`res.on("data", settler)`, `res` a parameter of the function
 * handed to the request call) when no other listener of that
 * emitter in the handler answers ("end", "close", "error", …). A response without a body (a 204, an empty error
 * page) never emits "data": the old runtime then answered null once the event loop was empty, a promise never
 * settles. Returns the listeners with their emitter's text.
 */
export function dataOnlyAnswersOf(fn: FunctionLike, settlers: Iterable<FunctionLike>, mentions: (n: Node) => boolean): QuietErrorListener[] {
  const found: QuietErrorListener[] = [];
  const listenerCalls = fn.getDescendantsOfKind(SyntaxKind.CallExpression).filter((c) => {
    const callee = c.getExpression();
    return Node.isPropertyAccessExpression(callee) && LISTEN_METHODS.has(callee.getName()) && Node.isIdentifier(callee.getExpression());
  });
  const eventOf = (c: CallExpression) => {
    const first = c.getArguments()[0];
    return first && Node.isStringLiteral(first) ? first.getLiteralText() : undefined;
  };
  const emitterOf = (c: CallExpression) => (c.getExpression() as import("ts-morph").PropertyAccessExpression).getExpression().getText();
  for (const settler of settlers) {
    const call = settler.getParent();
    if (!call || !Node.isCallExpression(call) || call.getArguments()[1] !== settler || !listenerCalls.includes(call) || eventOf(call) !== "data") continue;
    const emitter = emitterOf(call);
    if (!isResponseParameter(call, emitter)) continue;
    const other = listenerCalls.some((c) => c !== call && emitterOf(c) === emitter && eventOf(c) !== "data" && c.getArguments().slice(1).some((a) => mentions(a)));
    if (!other) found.push({ listener: settler, emitter });
  }
  return found;
}

/**
 * Whether `name` (the receiver of `call`) is a parameter of a function around it that is handed to a call other than
 * a listener registration: the response of `https.request(o, function (res) { … })`, `https.get(url, (res) => …)`.
 */
function isResponseParameter(call: Node, name: string): boolean {
  for (let g: FunctionLike | undefined = ownerOf(call); g; g = ownerOf(g)) {
    if (!g.getParameters().some((p) => p.getName() === name)) continue;
    const outer = g.getParent();
    if (!outer || !Node.isCallExpression(outer) || !outer.getArguments().includes(g as never)) return false;
    const callee = outer.getExpression();
    return !(Node.isPropertyAccessExpression(callee) && LISTEN_METHODS.has(callee.getName()));
  }
  return false;
}

/**
 * The first listener that leaves a path of `fn` without an answer, `marks` being its answering calls: an "error"
 * listener that answers nothing (quietErrorListenersOf), then a "data" listener that answers alone (dataOnlyAnswersOf).
 */
export function firstQuietListenerOf(fn: FunctionLike, marks: Node[]): (QuietErrorListener & { event: "error" | "data" }) | undefined {
  const settlers = settlersOf(fn, marks);
  const mentions = (n: Node) => marks.some((m) => within(m, n));
  const quiet = quietErrorListenersOf(fn, settlers, mentions)[0];
  if (quiet) return { ...quiet, event: "error" };
  const data = dataOnlyAnswersOf(fn, settlers, mentions)[0];
  return data && { ...data, event: "data" };
}
