import pc from "picocolors";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/define-transform.js";
import { classifyReport, countOf, ruleById, RULES } from "../../src/findings.js";
import { countLevels, formatSummary } from "../../src/report.js";
import type { RunResult } from "../../src/run.js";

const plain = pc.createColors(false);

/** A reason each transform really reports (from the fixtures), and the rule it must fall under. */
const EXAMPLES: [transform: string, reason: string, rule: string][] = [
  ["callback-handlers", "a timer is started here (setTimeout); the handler stays callback-style, which fails on Node.js 24", "callback-handler-kept"],
  ["callback-handlers", "@middy/core ^1.5.2 hands the inner handler a callback and exports an (event, context, callback) function, which Node.js 24 refuses at init: upgrade", "middy-callback"],
  ["callback-handlers", "aws-serverless-express answers through context.succeed unless given a resolution mode, and Node.js 24 has no context.succeed: return x", "context-succeed-proxy"],
  ["callback-handlers", "@vendia/serverless-express exports an (event, context, callback) handler, which Node.js 24 refuses at init: export x instead", "three-parameter-export"],
  ["callback-handlers", "wrap(...) returns a function of 3 parameters (a.js:3), which Node.js 24 refuses at init: make it return an async (event, context) function", "three-parameter-export"],
  ["callback-handlers", "the handler inside wrap(...) is callback-style, and the library decides what Lambda calls: convert", "wrapped-callback-handler"],
  ["callback-handlers", "ask-sdk-core's .lambda() returns a function of 3 parameters (event, context, callback), which Node.js 24 refuses at init: build the skill with .create() instead", "three-parameter-export"],
  ["callback-handlers", "this.context.succeed(...) answers through the Lambda context that alexa-sdk v1 hands its intent handlers, which Node.js 24 does not have: answer through v1 instead; the handler stays callback-style, which fails on Node.js 24", "callback-handler-kept"],
  ["callback-handlers", "context goes into Alexa.handler(...) of the package alexa-sdk, which settle cannot see, and this handler answers nothing itself, so alexa-sdk answers the invocation through context.succeed/fail/done, which Node.js 24 does not have: move the skill; the handler stays callback-style, which fails on Node.js 24", "context-to-package"],
  ["callback-handlers", "the alexa-sdk v1 intent handler 'Repeat' (callback-quiet.js:7) does not answer on every path (callback-quiet.js:7: this path ends without calling back): where none of its answers runs, the old runtime answered null; the handler stays callback-style, which fails on Node.js 24", "alexa-intent-unanswered"],
  ["callback-handlers", "Alexa.handler(...) of alexa-sdk v1 answers only once its `execute()` runs, and this handler has a path that ends before it: x; the handler stays callback-style, which fails on Node.js 24", "alexa-intent-unanswered"],
  ["callback-handlers", "settle cannot see the alexa-sdk v1 intent handlers registered here (playback): it converts only when every intent handler answers on every path; the handler stays callback-style, which fails on Node.js 24", "alexa-intent-unanswered"],
  ["floating-promises", "result type is unknown (any): cannot tell whether this call returns a promise", "unknown-type"],
  ["floating-promises", "`void` of a value of unknown type (any): cannot tell whether it is a promise", "unknown-type"],
  ["floating-promises", "forEach with an async callback on a value of unknown type (any): cannot tell whether it is an array", "unknown-type"],
  ["floating-promises", "this promise never settles: awaiting it would hang; await the work inside it instead", "never-settles"],
  ["floating-promises", "un-awaited promise left alone: it writes into `pass`, which the handler returns as the response body; awaiting this work would hang the response", "feeds-response"],
  ["floating-promises", "un-awaited promise left alone: it writes into the response stream `s`; the body streams after the return, so awaiting this work (or deferring it) would hang the response", "feeds-response"],
  ["floating-promises", "un-awaited promise not rewritten: it writes into the stream `writable`, which settle cannot follow to the response: awaiting it could wait forever for a reader", "stream-unfollowed"],
  ["floating-promises", "forEach with an async callback on an optional chain: rewrite it by hand", "foreach-async"],
  ["floating-promises", "un-awaited promise not deferred: it awaits inside, which an after() callback cannot; awaited instead", "not-deferred"],
  ["floating-promises", "AWS Lambda has no primitive to run work after the response; awaited instead", "no-defer-primitive"],
  ["floating-promises", "the type checker failed on this expression", "checker-failed"],
  ["floating-promises", "un-awaited promise not rewritten: it starts after the response is sent (`res.send(\"ok\")` on line 30), and the invocation ends with the response: move the work before the response, or hand it to a background function (a Pub/Sub or Firestore trigger, Cloud Tasks)", "after-response"],
  ["callback-handlers", "context goes into answer(...), which answers through context.done: make answer return a promise of its result (and stop calling context.done), then return that promise's result from this function; the function keeps answering through context.done, and the work it starts is not awaited", "azure-done-kept"],
  ["floating-promises", "un-awaited promise not rewritten: it is in an Azure Functions v3 function that answers through context.done: convert it with the callback-handlers transform first", "azure-done-first"],
  ["floating-promises", "un-awaited promise not rewritten: it is in an override of a library method that does not return a promise, so the library does not wait for it: move the work into a method the library awaits (one whose base returns a promise) or into the handler", "sync-library-override"],
  ["floating-promises", 'EdgeRuntime is not declared in this file (add import "jsr:@supabase/functions-js/edge-runtime.d.ts" to defer with EdgeRuntime.waitUntil); awaited instead', "no-defer-primitive"],
  ["floating-promises", 'adding the `context` parameter needs the type import("@netlify/functions").Context, and @netlify/functions is not installed (install it, or add the parameter yourself); awaited instead', "no-defer-primitive"],
  ["floating-promises", "un-awaited promise not rewritten: the handler is also called at a.ts:10: making it async would change what that call receives", "cannot-make-async"],
  ["emitters", "emit(...) not rewritten to await emitAsync(...): it is in a synchronous function that is not a handler: making it async would change what its callers receive", "cannot-make-async"],
  ["callback-apis", "callback work not rewritten: it is in a callback-style handler (event, context, callback): convert it with the callback-handlers transform first", "cannot-make-async"],
  ["callback-apis", "a node-style callback API starts work here that the invocation does not wait for; settle knows no promise form of it: await its promise form; not rewritten", "unknown-callback-api"],
  ["callback-apis", "a file stream's listener runs after the invocation answered; settle cannot tell where out is ended: await; not rewritten", "file-stream-listener"],
  ["callback-apis", "setInterval repeats until cleared: it has no single promise form to await; not rewritten", "callback-api-not-rewritten"],
  ["emitters", "the value of emit(...) (whether the event had listeners) is used: emitAsync would return a promise of the listeners' results instead; await emitAsync(...) by hand", "emit-value-used"],
  ["emitters", "Node.js EventEmitter emit(...) does not wait for its async listeners (a.ts:3), which then run after the invocation or never", "node-emitter-async-listeners"],
  ["emitters", "dispatchEvent(...) runs its listeners and returns without waiting for the async listener (index.ts:19), whose work then runs after the invocation or never", "event-target-async-listeners"],
  ["emitters", "@OnEvent with { nextTick: true } runs the listener on process.nextTick and emitAsync (a.ts:12) does not wait for it: remove nextTick by hand", "listener-options"],
  ["callback-handlers", "the handler at api.js:4 hands its context to this function, which answers it through context.succeed/fail/done: converting it would leave that call unanswered; the handler stays callback-style, which fails on Node.js 24 when deployed on its own: give the shared part a promise-returning function of its own and call it from both", "context-shared-with-caller"],
  ["callback-handlers", "context.succeed answers for the handler at others.js:16, which settle leaves as it is (see the finding there); Node.js 24 has no context.succeed: make tally return a promise", "context-answers-for-kept-handler"],
  ["callback-handlers", "ctx.fail runs inside a Lambda invocation, but settle cannot follow this context back to a handler's parameter; Node.js 24 has no ctx.fail: make report return a promise", "context-unfollowed"],
  ["callback-handlers", "context.fail answers a Lambda invocation here, but makeResolver gets context inside an object, which settle does not follow back to a handler's context; Node.js 24 has no context.fail", "context-unreached"],
  ["callback-handlers", "apiReq.lambdaContext.callbackWaitsForEmptyEventLoop is set here, outside every handler settle found (a library builds the handler, or it gets the context some other way), and Node.js 24 ignores it", "wait-flag-outside-handler"],
  ["floating-promises", "un-awaited promise left alone: it writes into the response stream `s` from a function the streamSSE() callback does not wait for, and streamSSE() closes the body once that callback settles: make the callback await this work", "stream-helper-closes"],
  ["floating-promises", "un-awaited promise left alone: it updates `ui`, whose value the handler returns; the value streams after the return, so awaiting this work would hold the return until the stream is done", "feeds-response"],
  ["callback-apis", "callback work not rewritten: it writes into `writable`, which the handler returns as (or pipes into) its response; the body streams after the return, so awaiting this work (or deferring it) would hang the response", "feeds-response"],
  ["emitters", "emit(...) not rewritten to await emitAsync(...): its listeners get a stream: it writes into `writable`, which the handler returns as (or pipes into) its response; the body streams after the return, so awaiting this work (or deferring it) would hang the response", "feeds-response"],
  ["callback-apis", "callback work not rewritten: it writes into the stream `out`, which settle cannot follow to the response: awaiting it could wait forever for a reader", "stream-unfollowed"],
  ["floating-promises", "awaiting it would hang: it settles only on `res` emitting \"finish\", which the response emits after the handler returns; leave it un-awaited, or end the response before awaiting it", "response-event-promise"],
  ["floating-promises", "awaiting it could hang: only code elsewhere settles it, through `release` kept for later (a lock or gate released after the return never is before it); await it where it is released", "released-later"],
  ["floating-promises", "the value this yield receives is a promise nothing waits for, and a generator that is not async cannot await it: await it where it is sent (`next(…)`), or make the generator async", "yield-promise"],
  ["callback-handlers", "callback(…) on the error branch now ends its path (`return` added after it): the old runtime had sent this answer, then threw at line 118 (`const body = data.Body.toString();` reads data, null or undefined on an error) and ended the process, so nothing after that ran; the rewrite answers the same and skips that throw", "error-answer-ends-path"],
];

describe("finding rules (src/findings.ts)", () => {
  it("each rule that recognises reason texts has an example here (add one beside a new row of RULES)", () => {
    const covered = new Set(EXAMPLES.map(([, , rule]) => rule));
    expect(RULES.filter((r) => r.match && !covered.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it.each(EXAMPLES)("%s: %s → %s", (transform, reason, rule) => {
    expect(classifyReport(transform, reason).rule).toBe(rule);
  });

  it("have unique kebab-case ids, a title and a fix each", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.title.length).toBeGreaterThan(0);
      expect(r.one.length).toBeGreaterThan(0);
      expect(r.fix.length).toBeGreaterThan(0);
    }
  });

  it("read after a count: singular for one, plural otherwise", () => {
    expect(countOf(1, ruleById("unknown-type"))).toBe("1 call of unknown type not checked");
    expect(countOf(2, ruleById("unknown-type"))).toBe("2 calls of unknown type not checked");
    expect(countOf(1, ruleById("never-settles"))).toBe("1 promise that never settles");
    expect(countOf(0, ruleById("never-settles"))).toBe("0 promises that never settle");
  });

  it("derive the level from the rule; `blocking` and `fix` options override it; an explicit rule wins over the text", () => {
    expect(classifyReport("floating-promises", "result type is unknown (any): x").level).toBe("note");
    expect(classifyReport("floating-promises", "result type is unknown (any): x", { blocking: true }).level).toBe("blocking");
    expect(classifyReport("callback-apis", "anything at all", { rule: "unknown-callback-api" })).toMatchObject({ rule: "unknown-callback-api", level: "warning" });
    expect(classifyReport("emitters", "x", { fix: "do y" }).fix).toBe("do y");
    expect(classifyReport("emitters", "a reason nobody recognises").rule).toBe("unclassified");
    expect(() => classifyReport("emitters", "x", { rule: "no-such-rule" })).toThrow(/unknown finding rule 'no-such-rule'/);
  });

  it("match only their own transforms' reports", () => {
    expect(classifyReport("emitters", "result type is unknown (any): cannot tell whether this call returns a promise").rule).toBe("unclassified");
  });
});

describe("levels and grouping in the text summary", () => {
  const at = (file: string, line: number, rule: string, level: Finding["level"], reason = `reason ${line}`): Finding => ({
    file, line, column: 1, transform: "floating-promises", reason, rule, level, fix: `fix for ${rule}`, ...(level === "blocking" ? { blocking: true } : {}),
  });
  const findings = [
    at("b.js", 9, "callback-handler-kept", "blocking"),
    at("b.js", 3, "callback-handler-kept", "blocking"),
    at("a.js", 5, "cannot-make-async", "warning"),
    ...[1, 2, 3].map((n) => at("c.js", n, "unknown-type", "note")),
    ...[1, 2].map((n) => at("d.js", n, "unknown-type", "note")),
    at("e.js", 1, "unknown-type", "note"),
    at("f.js", 1, "unknown-type", "note"),
    at("a.js", 7, "feeds-response", "note"),
  ];
  const result: RunResult = {
    mode: "dry-run", transforms: ["floating-promises"], files: [], findings, errors: [],
    typeGaps: [{ rule: "no-node-modules", dir: "d.js", message: "no node_modules under pkg", fix: "npm ci" }],
    counts: { changed: 0, unchanged: 6, skipped: 0, failed: 0, findings: findings.length }, interrupted: false, entryNotes: [], checker: "ts7", notes: [], exitCode: 0,
  };

  it("counts each level", () => {
    expect(countLevels(findings)).toEqual({ blocking: 2, warning: 1, note: 8 });
  });

  it("lists blocking findings and warnings by file (fix once per rule and file), folds notes per rule, most first", () => {
    expect(formatSummary(result, plain)).toBe([
      "settle: 0 files would change, 6 unchanged, 0 skipped, 0 failed, 11 findings: 2 blocking, 1 warning, 8 notes (dry run: nothing written)",
      "",
      "types unknown:",
      "  no node_modules under pkg",
      "    fix: npm ci",
      "",
      "reported, not rewritten:",
      "  a.js",
      "    5:1  warning  reason 5  cannot-make-async",
      "         fix: fix for cannot-make-async",
      "  b.js",
      "    3:1  blocking  reason 3  callback-handler-kept",
      "         fix: fix for callback-handler-kept",
      "    9:1  blocking  reason 9  callback-handler-kept",
      "",
      "notes (settle could not tell, or left alone on purpose; --verbose lists them):",
      "  7 calls of unknown type not checked in 4 files: c.js (3), d.js (2), e.js (1), …; 2 of them in packages without node_modules (see above)  unknown-type",
      "  1 streaming work left alone on purpose in 1 file: a.js (1)  feeds-response",
    ].join("\n"));
  });

  it("--verbose lists the notes with the rest instead of folding them", () => {
    const text = formatSummary(result, plain, { verbose: true });
    expect(text).toContain("  c.js\n    1:1  note  reason 1  unknown-type\n         fix: fix for unknown-type\n    2:1  note  reason 2  unknown-type\n");
    expect(text).not.toContain("--verbose lists them");
  });
});
