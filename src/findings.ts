/**
 * Every reason settle reports, as data: one row per rule. A finding's level, stable `rule` id and
 * suggested `fix` come from here; the README's docs/findings.md table, SARIF's rule metadata and
 * the meta-tests derive from this list. A new reason is one row: give the report `{ rule: "<id>" }`,
 * or a `match` that recognises its text (first matching row wins, scoped by transform); then add an
 * example reason to EXAMPLES in test/unit/findings.test.ts and run `npm run docs` (docs/findings.md).
 * A report no row recognises is `unclassified`, and the fixture suite fails naming its text.
 * Levels: a `{ blocking: true }` report is blocking whatever its row says; work that escapes and
 * settle could not rewrite is a warning; what settle could not tell or left alone on purpose, a note.
 */

/**
 * `blocking`: the code fails on its runtime as it is; `warning`: work that escapes and settle could
 * not rewrite; `note`: settle could not tell, or left the code alone on purpose.
 */
export type Level = "blocking" | "warning" | "note";
export const LEVELS: readonly Level[] = ["blocking", "warning", "note"];

export interface Rule {
  /** Stable kebab-case id users look up and tools key on. */
  id: string;
  level: Level;
  /** What it means, short: a noun phrase that reads after a count of two or more ("12 calls of unknown type"). */
  title: string;
  /** The same phrase for a count of one ("1 call of unknown type"). */
  one: string;
  /** What to do by hand. */
  fix: string;
  /** Transforms whose reports `match` is tried on (absent: engine-level, never matched). */
  transforms?: readonly string[];
  /** Recognises the reason text of reports that do not name their rule. */
  match?: RegExp;
}

const FP = ["floating-promises"];
const CH = ["callback-handlers"];
const CA = ["callback-apis"];
const EM = ["emitters"];
const ANY = ["floating-promises", "callback-apis", "emitters", "callback-handlers"];

export const RULES: readonly Rule[] = [
  // callback-handlers: the handler stays (event, context, callback), which Node.js 24 refuses.
  { id: "context-shared-with-caller", level: "blocking", title: "functions answering the context of another handler", one: "function answering the context of another handler", transforms: CH, match: /^the handler at .* hands its context to this function/, fix: "give the shared part a promise-returning function of its own, call it from both handlers, and run settle again" },
  { id: "context-to-package", level: "blocking", title: "handlers whose context a package answers through", one: "handler whose context a package answers through", transforms: CH, match: /^\S+ goes into .*\(\.\.\.\) of the package \S+, which settle cannot see, and this handler answers nothing itself/, fix: "use the package's promise or async API and return its result from an async (event, context) handler (alexa-sdk v1: ask-sdk-core v2, `skill.invoke(event, context)` of `SkillBuilders.custom()…create()`), or hand it a context whose succeed/fail/done call resolve/reject inside `new Promise`; if the package only reads the context, add `// settle-ignore-next-line` before the call" },
  { id: "alexa-intent-unanswered", level: "blocking", title: "alexa-sdk v1 skills whose intent handlers settle cannot see answer on every path", one: "alexa-sdk v1 skill whose intent handlers settle cannot see answer on every path", transforms: CH, match: /^the alexa-sdk v1 intent handler '.*' \(\S+\) (does not answer on every path|answers only in the function|starts work it does not answer from|answers through \S+, whose "error" listener|answers only in the "data" listener|is not a plain function expression)|^settle cannot see the alexa-sdk v1 intent handlers registered here|of alexa-sdk v1 is handed the context, and this handler registers no intent handlers|of alexa-sdk v1 answers only once its `execute\(\)` runs/, fix: "end every path of each registered intent handler with an answer (`this.emit(':responseReady')` after `this.response.speak(…)`, `this.emit(':tell', …)`, `this.emit(':saveState', true)` in a SessionEndedRequest handler that only logs: the old runtime answered null there, a promise never settles), register object literals of the handler's file, and run settle again" },
  { id: "callback-handler-kept", level: "blocking", title: "callback-style handlers left as they are", one: "callback-style handler left as it is", transforms: CH, match: /the handler stays callback-style/, fix: "convert the handler to `async (event, context)` by hand: return the result, throw the error, await the work it starts" },
  { id: "alexa-intent-context", level: "blocking", title: "alexa-sdk v1 intent handlers answering through this.context", one: "alexa-sdk v1 intent handler answering through this.context", transforms: CH, fix: "answer through alexa-sdk v1 instead (`this.emit(':responseReady')` after setting `this.response`, `this.emit(':delegate')`), or move the skill to ask-sdk-core v2 and export `async (event, context) => skill.invoke(event, context)`; then run settle again" },
  { id: "context-answering-factory", level: "blocking", title: "handlers a package builds that answer through context.done", one: "handler a package builds that answers through context.done", transforms: CH, fix: "fix what the reason names (a resource function that does not call its reply on every path, or that settle cannot read) and run settle again; or build the package's handler once and export `(event, context) => new Promise((resolve, reject) => resource(event, Object.create(context, { done: { value: (err, data) => (err != null ? reject(err) : resolve(data)) }, succeed: { value: resolve }, fail: { value: reject } })))`" },
  { id: "middy-callback", level: "blocking", title: "middy versions that hand the handler a callback", one: "middy version that hands the handler a callback", transforms: CH, match: /hands the inner handler a callback/, fix: "upgrade to @middy/core 2 or later, then run settle again" },
  { id: "context-succeed-proxy", level: "blocking", title: "aws-serverless-express proxies answering through context.succeed", one: "aws-serverless-express proxy answering through context.succeed", transforms: CH, match: /answers through context\.succeed/, fix: "return `proxy(server, event, context, \"PROMISE\").promise`" },
  { id: "error-answer-ends-path", level: "note", title: "error answers that now end their path", one: "error answer that now ends its path", transforms: CH, match: /now ends its path/, fix: "none needed: the code after the answer only threw there in the old runtime (reading a result that the error left null); check the note's statement if that code was meant to run after an error" },
  { id: "callback-helper", level: "note", title: "exported functions of three parameters that only handlers call, with a callback", one: "exported function of three parameters that only handlers call, with a callback", fix: "nothing while no deployment names it as a handler; if one does, export a separate async (event, context) handler for it and keep this function for the handlers that call it" },
  { id: "test-calls-legacy-handler", level: "note", title: "converted handlers the project's tests still call with a callback or a context mock", one: "converted handler the project's tests still call with a callback or a context mock", fix: "in the tests, `const result = await handler(event, context)` instead of the callback or the context's succeed/fail/done, `await expect(handler(event, context)).rejects` for errors" },
  { id: "other-provider", level: "note", title: "callback-style functions deployed to a provider other than AWS Lambda, left as they are", one: "callback-style function deployed to a provider other than AWS Lambda, left as it is", fix: "nothing: that provider's runtime calls it with a callback; if the function is also deployed to AWS Lambda, convert it there by hand (async (event, context), return the result, throw the error)" },
  { id: "three-parameter-export", level: "blocking", title: "exported (event, context, callback) functions", one: "exported (event, context, callback) function", transforms: CH, match: /exports an \(event, context, callback\)|returns a function of \d+ parameters/, fix: "export an async `(event, context)` function that calls the instance and returns its promise" },
  { id: "wrapped-callback-handler", level: "blocking", title: "callback-style handlers inside a wrapper", one: "callback-style handler inside a wrapper", transforms: CH, match: /^the handler inside .* is callback-style/, fix: "make the inner function async (event, context) and check the exported function takes fewer than 3 parameters" },
  { id: "context-answers-for-kept-handler", level: "blocking", title: "context.succeed/fail/done answering for a handler left as it is", one: "context.succeed/fail/done answering for a handler left as it is", transforms: CH, match: /^\S+\.(succeed|fail|done) answers for the handler at .*which settle leaves as it is/, fix: "fix the handler's own finding first; then make this function return a promise (resolve where it calls succeed, reject where it calls fail) and return it from the handler" },
  { id: "context-unfollowed", level: "blocking", title: "context.succeed/fail/done on a context settle cannot follow to a handler", one: "context.succeed/fail/done on a context settle cannot follow to a handler", transforms: CH, match: /^\S+\.(succeed|fail|done) runs inside a Lambda invocation, but settle cannot follow this context back/, fix: "make the function return a promise (resolve where it calls succeed, reject where it calls fail) and return it from the handler" },
  { id: "context-unreached", level: "warning", title: "context.succeed/fail/done calls settle cannot tie to a handler", one: "context.succeed/fail/done call settle cannot tie to a handler", transforms: CH, match: /^\S+\.(succeed|fail|done) answers a Lambda invocation here, but /, fix: "make the function return a promise (resolve where it calls succeed, reject where it calls fail) or take a callback, and have the handler return that promise; in serverless-express, leave resolutionMode at PROMISE" },
  { id: "wait-flag-outside-handler", level: "warning", title: "callbackWaitsForEmptyEventLoop settings outside any handler", one: "callbackWaitsForEmptyEventLoop setting outside any handler", transforms: CH, match: /^\S+\.callbackWaitsForEmptyEventLoop is set here, outside every handler settle found/, fix: "remove the statement (Node.js 24 ignores it: an async handler never waits for the event loop); await before answering any work the wait was for, and make sure the function Lambda calls is an async (event, context) handler" },
  // streaming: work that writes into the response the handler returns (any transform's report)
  { id: "stream-helper-closes", level: "warning", title: "stream writes that a response helper may cut off", one: "stream write that a response helper may cut off", transforms: ANY, match: /from a function the \S+\(\) callback does not wait for, and \S+\(\) closes the body/, fix: "await the work inside the helper's callback (or return its promise there), so the body closes after it" },
  { id: "feeds-response", level: "note", title: "streaming work left alone on purpose", one: "streaming work left alone on purpose", transforms: ANY, match: /(left alone|not rewritten[^:]*(: its listeners get a stream)?): it (writes into|updates) .*(which the handler returns|whose value the handler returns|the body streams after the return)/, fix: "none needed: the work feeds the streamed response; make sure the stream is closed when it is done" },
  { id: "stream-unfollowed", level: "warning", title: "work writing into a stream settle cannot follow", one: "work writing into a stream settle cannot follow", transforms: ANY, match: /writes into the stream .* which settle cannot follow/, fix: "await the work once something reads the stream, or pipe the stream into the response" },
  // floating-promises
  { id: "unknown-type", level: "note", title: "calls of unknown type not checked", one: "call of unknown type not checked", transforms: FP, match: /unknown type \(any\)|^result type is unknown/, fix: "install dependencies (or add types) so settle can see promises; await it by hand if it returns one" },
  { id: "never-settles", level: "warning", title: "promises that never settle", one: "promise that never settles", transforms: FP, match: /this promise never settles/, fix: "call resolve/reject in the executor, or await the work inside it instead of the promise" },
  { id: "response-event-promise", level: "warning", title: "promises that settle only when the response has finished", one: "promise that settles only when the response has finished", transforms: FP, match: /^awaiting it would hang: it settles only on .*which the response emits after the handler returns/, fix: "end the response before awaiting it, or do the work it waits for where the response ends" },
  { id: "released-later", level: "warning", title: "promises only code elsewhere settles (locks, gates)", one: "promise only code elsewhere settles (a lock, a gate)", transforms: FP, match: /^awaiting it could hang: only code elsewhere settles it/, fix: "await it where it is released, or make sure the release comes before the handler returns" },
  { id: "yield-promise", level: "warning", title: "promises sent into a generator that cannot await them", one: "promise sent into a generator that cannot await it", transforms: FP, match: /^the value this yield receives is a promise nothing waits for/, fix: "await it where it is sent (`next(…)`), or make the generator async" },
  { id: "foreach-async", level: "warning", title: "forEach calls with an async callback not rewritten", one: "forEach call with an async callback not rewritten", transforms: FP, match: /^forEach with an async callback/, fix: "use `await Promise.all(items.map(async (x) => …))`" },
  { id: "not-deferred", level: "note", title: "work awaited instead of deferred", one: "work awaited instead of deferred", transforms: FP, match: /not deferred: .*awaited instead$/, fix: "none needed: the work is awaited; restructure it if it must run after the response" },
  { id: "no-defer-primitive", level: "note", title: "platforms without a way to defer: awaited instead", one: "platform without a way to defer: awaited instead", transforms: FP, match: /awaited instead$/, fix: "none needed; install the defer primitive the note names (e.g. @vercel/functions) to defer instead" },
  { id: "after-response", level: "warning", title: "work an HTTP function starts after sending its response", one: "work an HTTP function starts after sending its response", transforms: [...FP, ...CA, ...EM], match: /not rewritten: it starts after the response is sent/, fix: "move the work before the response is sent and await it there, or hand it to a background function (a Pub/Sub or Firestore trigger, Cloud Tasks)" },
  { id: "checker-failed", level: "note", title: "expressions the type checker failed on", one: "expression the type checker failed on", transforms: ANY, match: /^the type checker failed/, fix: "check the statement by hand: await the promise it starts" },
  // shared: the function holding the work cannot be made async
  { id: "sync-library-override", level: "warning", title: "escaping work in library overrides the library does not wait for", one: "escaping work in a library override the library does not wait for", transforms: ANY, match: /not rewritten: it is in an override of a library method that does not return a promise/, fix: "move the work into a method the library awaits (one whose base returns a promise), or into the handler" },
  { id: "azure-done-kept", level: "warning", title: "Azure v3 functions left answering through context.done", one: "Azure v3 function left answering through context.done", transforms: CH, match: /the function keeps answering through context\.done/, fix: "make the function async by hand: `return bag` for context.done(null, bag), `throw err` for context.done(err), set context.res and return for context.res = …; context.done(); then run settle again" },
  { id: "azure-done-first", level: "warning", title: "escaping work in Azure v3 functions that answer through context.done", one: "escaping work in an Azure v3 function that answers through context.done", transforms: ANY, match: /not rewritten: it is in an Azure Functions v3 function that answers through context\.done/, fix: "run callback-handlers in the same run (the default): it converts the function or says why it cannot; by hand: async, `return bag` for done(null, bag), `throw err` for done(err), then run settle again" },
  { id: "cannot-make-async", level: "warning", title: "escaping work in functions settle cannot make async", one: "escaping work in a function settle cannot make async", transforms: ANY, match: /not rewritten(?: to await emitAsync\(\.\.\.\))?: (it is in a synchronous function|it is in a generator|it is in a handler wrapped|it is in a callback-style handler|the handler is also called)/, fix: "make the function async and await the work by hand (its callers then receive a promise)" },
  // callback-apis
  { id: "unknown-callback-api", level: "warning", title: "node-style callback APIs with no known promise form", one: "node-style callback API with no known promise form", transforms: CA, match: /settle knows no promise form of it/, fix: "await its promise form, or wrap it with `util.promisify` and await that" },
  { id: "file-stream-listener", level: "warning", title: "file stream listeners running after the answer", one: "file stream listener running after the answer", transforms: CA, match: /^a file stream's listener runs after the invocation answered/, fix: "await `finished(stream)` from node:stream/promises where the stream is ended, then do what the listener does" },
  { id: "callback-api-not-rewritten", level: "warning", title: "callback APIs not rewritten", one: "callback API not rewritten", transforms: CA, match: /not rewritten$/, fix: "rewrite the call to its promise form and await it by hand" },
  // emitters
  { id: "emit-value-used", level: "warning", title: "emit(...) calls whose value is used", one: "emit(...) call whose value is used", transforms: EM, match: /value .*whether the event had listeners/, fix: "await emitAsync(...) by hand where nothing reads emit's boolean" },
  { id: "node-emitter-async-listeners", level: "warning", title: "Node.js EventEmitter emits with async listeners", one: "Node.js EventEmitter emit with async listeners", transforms: EM, match: /^Node\.js EventEmitter emit/, fix: "await the work the listeners start directly instead of emitting" },
  { id: "event-target-async-listeners", level: "warning", title: "dispatchEvent(...) calls with async listeners", one: "dispatchEvent(...) call with async listeners", transforms: EM, match: /^dispatchEvent\(\.\.\.\) runs its listeners/, fix: "await the work the listener starts in the handler, or hand its promise to the platform's waitUntil" },
  { id: "listener-options", level: "warning", title: "listener options emitAsync cannot wait through", one: "listener option emitAsync cannot wait through", transforms: EM, match: /options? .*(emitAsync|listener)|emitAsync .* does not wait/, fix: "remove the option the reason names (nextTick, promisify: false) by hand" },
  // engine: files and configs settle could not use
  { id: "file-failed", level: "warning", title: "files that could not be processed", one: "file that could not be processed", fix: "fix the problem the reason names (a syntax error, an encoding) and run settle again" },
  { id: "file-skipped", level: "note", title: "files skipped", one: "file skipped", fix: "none needed unless the file holds handlers: then fix what the reason names, or pass it explicitly" },
  { id: "config-error", level: "warning", title: "configs settle could not use", one: "config settle could not use", fix: "fix the config file the message names" },
  { id: "no-node-modules", level: "note", title: "packages analysed without their dependencies", one: "package analysed without its dependencies", fix: "install the dependencies (npm ci) before running settle, for type-aware results" },
  { id: "untyped-package", level: "note", title: "dependencies without types", one: "dependency without types", fix: "install the package's @types package, where one exists, for type-aware results" },
  // a report no row recognises: the meta-test fails until one does
  { id: "unclassified", level: "warning", title: "other findings", one: "other finding", fix: "read the reason: it names what to do by hand" },
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** The rule with this id (throws on an unknown id: a typo in a transform is a bug). */
export function ruleById(id: string): Rule {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`unknown finding rule '${id}' (add it to RULES in src/findings.ts)`);
  return rule;
}

/** A count and the rule's phrase, singular for one: "1 call of unknown type not checked", "3 calls of …". */
export function countOf(n: number, rule: Rule): string {
  return `${n} ${n === 1 ? rule.one : rule.title}`;
}

export interface ReportOptions {
  /** The rule id (see RULES); without it the reason's text picks one. */
  rule?: string;
  /** Alias kept for older callers: the finding is blocking whatever its rule says. */
  blocking?: boolean;
  /** A fix specific to this finding, in place of the rule's. */
  fix?: string;
}

/** The rule, level and fix of one report. */
export function classifyReport(transform: string, reason: string, options: ReportOptions = {}): { rule: string; level: Level; fix: string } {
  const rule =
    (options.rule ? ruleById(options.rule) : undefined) ??
    RULES.find((r) => r.match && r.transforms?.includes(transform) && r.match.test(reason)) ??
    ruleById("unclassified");
  const level = options.blocking ? "blocking" : rule.level;
  return { rule: rule.id, level, fix: options.fix ?? rule.fix };
}

export const FINDINGS_DOC_START = "<!-- findings:start (generated from src/findings.ts by npm run docs; test/registry.test.ts keeps it in sync) -->";
export const FINDINGS_DOC_END = "<!-- findings:end -->";

/** docs/findings.md: every rule, what it means and what to do. */
export function findingsDoc(rules: readonly Rule[] = RULES): string {
  const rows = rules.map((r) => `| \`${r.id}\` | ${r.level} | ${r.title} | ${escapeCell(r.fix)} |`);
  return [
    "# settle findings",
    "",
    "Every place settle reports instead of rewriting carries a level, a rule id and a suggested fix",
    "(`--format json`: `level`, `rule`, `fix`; text: the fix on a second, indented line).",
    "",
    "- **blocking**: the code fails on its runtime as it is (`--check` exits 1 while one remains).",
    "- **warning**: work that escapes the invocation and that settle could not rewrite.",
    "- **note**: settle could not tell (unknown types), or left the code alone on purpose; the text",
    "  summary folds notes into one line per rule (`--verbose` lists them).",
    "",
    "Opt a place out with `// settle-ignore-next-line <reason>` on the line before it (or",
    "`// settle-ignore` before the statement), a whole file with `/* settle-ignore-file */`.",
    "",
    FINDINGS_DOC_START,
    "| rule | level | what it means | what to do |",
    "|---|---|---|---|",
    ...rows,
    FINDINGS_DOC_END,
    "",
  ].join("\n");
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
