import { Node, SyntaxKind, type CallExpression, type Identifier, type ParameterDeclaration, type Statement } from "ts-morph";
import { ownReturns, ownStatements } from "../../src/function-body.js";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { deeperIndent, eolOf, indentOf, usesSemicolons, within } from "../../src/layout.js";
import { declarationNodes, symbolKeys, typeText } from "../../src/types/index.js";
import { matchCallbackApi, type Callback, type CallbackApi } from "./match.js";
import { afterComments, movedLines, type TextEdit } from "./text.js";

/** Where the call stands in the function that will await it. */
export interface Place {
  /** Nothing of the function runs after it: a `return;` in the inlined callback skips nothing more. */
  last: boolean;
  /** Inside a try block of the function, which would start catching the callback's errors. */
  inTry: boolean;
  /** Labels of the blocks the rewrite puts around it (nested labels must differ). */
  labels?: string[];
  /** Another rewrite in the same function declares one of the names the inlined code declares: put it in a block of its own. */
  isolate?: boolean;
}

export interface RenderOptions {
  /** The function the rewritten code runs in (made async if needed). */
  host: FunctionLike;
  typescript: boolean;
  /** `await <promise form of the timer>`, e.g. `await setTimeout(10)`. */
  awaitTimer(name: "setTimeout" | "setImmediate", delay: string): string;
  /** Timer callees that were rewritten (to decide whether importing the promise form may shadow the global). */
  timers: Node[];
  /** The name to call `util.promisify` by (imported when needed), or undefined when none can be had. */
  promisify(): string | undefined;
}

export type Rendered = { text: string } | { reason: string };

/** The text that replaces `statement`: the awaited promise form, then the callback's body. */
export function renderCallbackApi(api: CallbackApi, statement: Statement, place: Place, opts: RenderOptions): Rendered {
  if (api.kind === "unsupported") return { reason: api.reason };
  const parent = statement.getParent();
  if (!parent || !(Node.isBlock(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent) || Node.isSourceFile(parent))) {
    return { reason: "the call is the body of an `if` or a loop without braces: add braces first" };
  }
  const why = whyNotInline(api.callback, place, opts);
  if (why) return { reason: why };
  return api.kind === "timer" ? renderTimer(api, statement, place, opts) : renderFs(api, statement, place, opts);
}

/** Where a statement stands in `host`. */
export function placeOf(statement: Statement, host: FunctionLike): Place {
  const body = host.getBody();
  const last = Node.isBlock(body) && statement.getParent() === body && body.getStatements().at(-1) === statement;
  return { last, inTry: inTryBlock(statement, host) };
}

/** Inside the try block (not the catch or finally) of a try statement below `until`: a throw there would be caught. */
export function inTryBlock(node: Node, until: Node): boolean {
  for (let child = node, parent = node.getParent(); parent && parent !== until; child = parent, parent = parent.getParent()) {
    if (Node.isTryStatement(parent) && parent.getTryBlock() === child) return true;
  }
  return false;
}

/** Why the callback's body cannot move into the host after the await, if it cannot. */
export function whyNotInline(callback: Callback, place: Place, opts: RenderOptions, returnsSettle = false): string | undefined {
  if (place.inTry) return "the call is inside a try block, which would start catching errors of the callback that it did not catch before";
  if (Node.isFunctionExpression(callback)) {
    if (callback.isGenerator()) return "the callback is a generator";
    if (callback.getNameNode()) return "the callback is a named function expression";
    const own = callback.getDescendants().some(
      (d) => (d.getKind() === SyntaxKind.ThisKeyword || (Node.isIdentifier(d) && d.getText() === "arguments")) && nearestNonArrow(d) === callback,
    );
    if (own) return "the callback uses its own `this` or `arguments`";
  }
  const body = callback.getBody();
  const returns = Node.isBlock(body) ? ownReturns(body) : [];
  if (!returnsSettle && returns.some((r) => Node.isReturnStatement(r) && r.getExpression())) return "the callback returns a value, which inlined would become the function's result";
  const names = declaredNames(callback);
  const clash = opts.host
    .getDescendantsOfKind(SyntaxKind.Identifier)
    .find((id) => names.has(id.getText()) && !within(id, callback) && !isPropertyName(id) && !isLocalToOtherFunction(id, callback, opts.host));
  if (clash) return `the callback declares \`${clash.getText()}\`, which the surrounding code also uses`;
  return undefined;
}

/**
 * The callback's own `return;` ended only the callback. Where nothing of the host runs after the
 * call it may stay a `return;`; elsewhere the inlined code goes into a labelled block and each
 * return becomes `break <label>;`, which skips exactly what the return skipped.
 */
function labelFor(returns: Node[], place: Place, statement: Statement, name: string): { label?: string; edits: TextEdit[] } {
  // "": a plain block, which scopes what the inlined code declares as the callback did.
  if (returns.length === 0 || place.last) return { label: place.isolate ? "" : undefined, edits: [] };
  const taken = new Set([
    ...(place.labels ?? []),
    ...statement.getAncestors().flatMap((a) => (Node.isLabeledStatement(a) ? [a.getLabel().getText()] : [])),
  ]);
  let label = name;
  for (let i = 2; taken.has(label); i++) label = `${name}${i}`;
  return { label, edits: returns.map((r) => ({ start: r.getStart(), end: r.getEnd(), text: `break ${label};` })) };
}

/** The lines at `indent`, or inside `label: { … }` (a plain block for "") one level deeper. */
function wrapInLabel(lines: string[], label: string | undefined, indent: string, eol: string): string {
  if (label === undefined) return lines.join(eol);
  return [label ? `${label}: {` : "{", ...lines, `${indent}}`].join(eol);
}

function renderTimer(api: Extract<CallbackApi, { kind: "timer" }>, statement: Statement, place: Place, opts: RenderOptions): Rendered {
  const semi = usesSemicolons(statement) ? ";" : "";
  const outer = indentOf(statement);
  const eol = eolOf(statement);
  const body = api.callback.getBody();
  const { label, edits } = labelFor(Node.isBlock(body) ? ownReturns(body) : [], place, statement, api.name === "setTimeout" ? "timeout" : "immediate");
  const indent = label !== undefined ? deeperIndent(statement, outer) : outer;
  let lines: string[];
  if (Node.isBlock(body)) {
    const inner = renderNested(api.callback, body.getStart() + 1, body.getEnd() - 1, withLabel(place, label), opts);
    if ("reason" in inner) return inner;
    lines = movedLines(body, body.getStart() + 1, body.getEnd() - 1, [...inner.edits, ...edits], indent);
  } else {
    const text = body.getText();
    lines = `${!semi && /^[([`]/.test(text) ? ";" : ""}${text}${semi}`.split(/\r?\n/);
    lines[0] = indent + lines[0];
  }
  opts.timers.push(api.call.getExpression());
  const head = `${opts.awaitTimer(api.name, api.delay?.getText() ?? "")}${semi}`;
  return { text: wrapInLabel([label !== undefined ? indent + head : head, ...lines], label, outer, eol) };
}

function renderFs(api: Extract<CallbackApi, { kind: "fs" | "aws-sdk-v2" | "node-style" | "module" }>, statement: Statement, place: Place, opts: RenderOptions): Rendered {
  const { callback } = api;
  const [errParam, ...results] = callback.getParameters();
  if ([errParam, ...results].some((p) => p && (!Node.isIdentifier(p.getNameNode()) || p.isRestParameter()))) {
    return { reason: "the callback's parameters are destructured" };
  }
  const body = callback.getBody();
  if (!Node.isBlock(body)) return { reason: "the callback has an expression body; settle rewrites `(err, data) => { if (err) { …; return; } … }`" };
  const errRefs = referencesTo(errParam, body);
  const used = results.map((r) => referencesTo(r, body).length > 0);
  const dataRefs = results.flatMap((r) => referencesTo(r, body));
  const statements = body.getStatements();
  const first = statements[0];
  let errorBranch: Node | undefined;
  let restStart = body.getStart() + 1;
  // The error branch ends the callback: it exits, or it is all the callback does (`if (err) console.error(err);`).
  const endsCallback = (branch: Node) => exits(branch) || statements.length === 1;
  if (first && Node.isIfStatement(first) && !first.getElseStatement() && isErrorTest(first.getExpression(), errParam) && endsCallback(first.getThenStatement())) {
    errorBranch = first.getThenStatement();
    restStart = first.getEnd();
  } else if (errRefs.length > 0 || dataRefs.length > 0) {
    return { reason: "the callback does not begin with `if (err) { …; return; }`, so settle cannot tell what runs only on failure" };
  }
  const branchRefs = errorBranch ? errRefs.filter((r) => within(r, errorBranch)) : [];
  if (errorBranch && errRefs.some((r) => !within(r, first!))) return { reason: "the error is used after the error branch" };
  if (opts.typescript && branchRefs.some((r) => !isPassedOn(r))) {
    return { reason: "the error branch reads properties of the error, which a TypeScript catch clause types as `unknown`" };
  }
  if (opts.typescript && dataRefs.some((r) => r.getFirstAncestor((a) => isFunctionLike(a)) !== callback)) {
    return { reason: "the result is used in a nested function, where TypeScript cannot type it once it is declared before the try" };
  }
  if (errorBranch && ownStatements(callback).some((s) => within(s, errorBranch) && matchCallbackApi(s))) {
    return { reason: "the error branch starts callback work of its own" };
  }
  const rest = statements.slice(errorBranch ? 1 : 0);
  // `if (err) { log(err); return; }` with nothing after it: the `return;` only ended the callback, so it goes.
  const dropReturn = errorBranch && rest.length === 0 ? finalBareReturn(errorBranch) : undefined;
  const returns = ownReturns(body).filter((r) => r !== dropReturn);

  const args = api.args.length > 0 ? statement.getSourceFile().getFullText().slice(api.args[0].getStart(), api.args.at(-1)!.getEnd()) : "";
  // The wrapper rejects where the callback's own test took the error branch (`err != null` lets `cb(0)` / `cb(false)` fail too).
  const nonNull = !!errorBranch && Node.isIfStatement(first) && isNonNullTest(first.getExpression());
  const form = promiseFormOf(api, args, results, used, branchRefs.length > 0, opts, nonNull);
  if ("reason" in form) return form;
  const { label, edits } = labelFor(returns, place, statement, labelOf(api));

  const semi = usesSemicolons(statement) ? ";" : "";
  const outer = indentOf(statement);
  const indent = label !== undefined ? deeperIndent(statement, outer) : outer;
  const deeper = deeperIndent(statement, indent);
  const eol = eolOf(statement);
  const reassigned = dataRefs.some((r) => isAssigned(r));

  const inner = renderNested(callback, restStart, body.getEnd() - 1, withLabel(place, label), opts);
  if ("reason" in inner) return inner;
  const restLines = movedLines(body, restStart, body.getEnd() - 1, [...inner.edits, ...edits], indent);
  const out: string[] = [];
  if (errorBranch && isRethrow(errorBranch, errParam)) {
    // `if (err) throw err;` is what an awaited rejection does anyway.
    out.push(`${declaration(form, reassigned)}${semi}`);
  } else {
    if (form.pattern) out.push(`let ${form.names.join(", ")}${semi}`, `${indent}try {`);
    else out.push("try {");
    out.push(`${deeper}${assignment(form)}${semi}`);
    if (!errorBranch) {
      out.push(`${indent}} catch {}`);
    } else {
      const catchLines = errorLines(errorBranch, dropReturn, edits, deeper);
      out.push(`${indent}} catch${branchRefs.length > 0 ? ` (${errParam!.getName()})` : ""} {`, ...catchLines, `${indent}}`);
    }
  }
  if (label !== undefined) out[0] = indent + out[0];
  const comments = errorBranch ? movedLines(body, body.getStart() + 1, first!.getStart(), [], outer) : [];
  return { text: afterComments(comments, wrapInLabel([...out, ...restLines], label, outer, eol), outer, eol) };
}

/** What is awaited and the names its value is bound to. */
export interface PromiseForm {
  /** The promise to await, e.g. `fs.promises.readFile(file)`. */
  promise: string;
  /** What its value is bound to: `data`, `{ address, family: fam }`, `[, family]`; none when no result is used. */
  pattern?: string;
  /** The names the pattern declares. */
  names: string[];
}

/** `const <pattern> = await <promise>`, or the bare await when no result is used. */
export function declaration(form: PromiseForm, reassigned: boolean): string {
  return form.pattern ? `${reassigned ? "let" : "const"} ${form.pattern} = await ${form.promise}` : `await ${form.promise}`;
}

/** `<pattern> = await <promise>` for names declared before a try (an object pattern needs parentheses). */
function assignment(form: PromiseForm): string {
  if (!form.pattern) return `await ${form.promise}`;
  const assign = `${form.pattern} = await ${form.promise}`;
  return form.pattern.startsWith("{") ? `(${assign})` : assign;
}

/**
 * The promise form of a callback call and the binding of its results (`results` are the callback's
 * parameters after the error; `used`: which of them the body reads). Known APIs get their own form
 * (`fs.promises`, `.promise()`, `dns.promises`, `promisify(zlib.gzip)`), everything else `new Promise`
 * around the call as it is written, which keeps a method's `this` and every result.
 */
export function promiseFormOf(
  api: Extract<CallbackApi, { kind: "fs" | "aws-sdk-v2" | "node-style" | "module" }>,
  args: string,
  results: ParameterDeclaration[],
  used: boolean[],
  errorRead: boolean,
  opts: RenderOptions,
  nonNull = false,
): PromiseForm | { reason: string } {
  const names = results.filter((_, i) => used[i]).map((r) => r.getName());
  if (api.kind === "fs" || api.kind === "aws-sdk-v2") {
    if (results.length > 1) return { reason: "the callback takes more than one result, which its promise form does not resolve to" };
    const promise = api.kind === "fs" ? `${api.receiver}.promises.${api.method}(${args})` : `${api.receiver}.${api.method}(${args}).promise()`;
    return { promise, pattern: names[0], names };
  }
  if (api.kind === "module") {
    const known = api.api;
    const fits =
      (!known.accepts || known.accepts(api.args)) &&
      !(known.untyped && opts.typescript) &&
      !(known.richerError && errorRead) &&
      results.length <= (known.results?.length ?? 1);
    const promisify = fits && known.form === "promisify" ? opts.promisify() : undefined;
    const callee = !fits ? undefined : known.form === "promises" ? `${api.receiver}.promises.${known.name}` : promisify && `${promisify}(${api.callee})`;
    if (callee) {
      const keys = known.results;
      const pattern = !keys ? names[0] : names.length > 0 ? `{ ${results.flatMap((r, i) => (used[i] ? [keys[i] === r.getName() ? keys[i] : `${keys[i]}: ${r.getName()}`] : [])).join(", ")} }` : undefined;
      return { promise: `${callee}(${args})`, pattern, names };
    }
  }
  // Core modules call back with an Error or null, where `err ?` and `err != null` agree; a project function or an SDK may call back `cb(0)` / `cb(false)`.
  return wrapInPromise(api.call, api.args, args, results, used, opts, api.kind === "node-style" && nonNull);
}

/**
 * `new Promise((resolve, reject) => api(args, (err, result) => ...))`: the call stays as it was
 * written, so a method keeps its `this`. Several results resolve to an array that is destructured;
 * in TypeScript the results' types must be printable.
 */
function wrapInPromise(call: CallExpression, apiArgs: Node[], args: string, results: ParameterDeclaration[], used: boolean[], opts: RenderOptions, nonNull: boolean): PromiseForm | { reason: string } {
  const callee = call.getExpression();
  const captured = [callee, ...apiArgs].some((n) =>
    [n, ...n.getDescendantsOfKind(SyntaxKind.Identifier)].some((id) => Node.isIdentifier(id) && (id.getText() === "resolve" || id.getText() === "reject")),
  );
  if (captured) return { reason: "the call mentions `resolve` or `reject`, which the promise around it would shadow" };
  const lastUsed = used.lastIndexOf(true);
  const kept = results.slice(0, lastUsed + 1);
  if (kept.some((r) => r.getName() === "resolve" || r.getName() === "reject")) return { reason: "a result of the callback is called `resolve` or `reject`, which the promise around the call needs" };
  const many = results.length > 1;
  let typeArg = "";
  if (opts.typescript) {
    const types: string[] = [];
    for (const [i, r] of kept.entries()) {
      const annotation = r.getTypeNode()?.getText() ?? typeText(r, r);
      if (used[i] && /import\(|=>|\bany\b/.test(annotation)) return { reason: "the callback's result type cannot be written here, so the promise around the call could not be typed" };
      types.push(used[i] ? annotation : "unknown");
    }
    typeArg = kept.length === 0 ? "<void>" : many ? `<[${types.join(", ")}]>` : `<${types[0]}>`;
  }
  const errName = (call.getArguments().at(-1) as Callback).getParameters()[0]?.getName() ?? "err";
  const params = [errName, ...kept.map((r) => r.getName())].join(", ");
  const value = kept.length === 0 ? "" : many ? `[${kept.map((r) => r.getName()).join(", ")}]` : kept[0].getName();
  const settle = `(${params}) => (${errName}${nonNull ? " != null" : ""} ? reject(${errName}) : resolve(${value}))`;
  const names = results.filter((_, i) => used[i]).map((r) => r.getName());
  const pattern = kept.length === 0 ? undefined : many ? `[${kept.map((r, i) => (used[i] ? r.getName() : "")).join(", ")}]` : names[0];
  return { promise: `new Promise${typeArg}((resolve, reject) => ${callee.getText()}(${args}${args ? ", " : ""}${settle}))`, pattern, names };
}

function labelOf(api: Extract<CallbackApi, { kind: "fs" | "aws-sdk-v2" | "node-style" | "module" }>): string {
  if (api.kind === "fs" || api.kind === "aws-sdk-v2") return api.method;
  if (api.kind === "module") return api.api.name;
  const callee = api.call.getExpression();
  if (Node.isPropertyAccessExpression(callee)) return callee.getName();
  return Node.isIdentifier(callee) ? callee.getText() : "callback";
}

/** The error branch's statements, one level deeper than the call, without the `return;` that goes. */
function errorLines(branch: Node, dropReturn: Node | undefined, breaks: TextEdit[], to: string): string[] {
  const drop: TextEdit[] = dropReturn ? [{ start: dropReturn.getStart(), end: dropReturn.getEnd(), text: "" }] : [];
  drop.push(...breaks.filter((b) => editWithin(b, branch)));
  const lines = Node.isBlock(branch)
    ? movedLines(branch, branch.getStart() + 1, branch.getEnd() - 1, drop, to)
    : movedLines(branch, branch.getStart(), branch.getEnd(), drop, to);
  return lines.filter((l) => l !== "");
}

/**
 * Callback work nested in the body being inlined becomes the host's own statement: it is
 * rewritten in the same pass (else a second run would change it), or the whole call is left alone.
 */
function renderNested(callback: Callback, start: number, end: number, place: Place, opts: RenderOptions): { edits: TextEdit[] } | { reason: string } {
  const edits: TextEdit[] = [];
  const body = callback.getBody();
  const declared = new Set<string>();
  for (const statement of ownStatements(callback)) {
    if (statement.getStart() < start || statement.getEnd() > end) continue;
    const api = matchCallbackApi(statement);
    if (!api) continue;
    const last = place.last && statement.getParent() === body && Node.isBlock(body) && body.getStatements().at(-1) === statement;
    const isolate = api.kind !== "unsupported" && declaresAgain(declared, api.callback);
    const rendered = renderCallbackApi(api, statement, { last, inTry: place.inTry || inTryBlock(statement, callback), labels: place.labels, isolate }, opts);
    if ("reason" in rendered) return { reason: `callback work nested in the callback cannot be rewritten (${rendered.reason})` };
    edits.push({ start: statement.getStart(), end: statement.getEnd(), text: rendered.text });
  }
  return { edits };
}

function withLabel(place: Place, label: string | undefined): Place {
  return label ? { ...place, labels: [...(place.labels ?? []), label] } : place;
}

export function referencesTo(param: ParameterDeclaration | undefined, body: Node): Identifier[] {
  if (!param) return [];
  const nameNode = param.getNameNode();
  const named = body.getDescendantsOfKind(SyntaxKind.Identifier).filter((id) => id.getText() === nameNode.getText() && (Node.isShorthandPropertyAssignment(id.getParent()) || !isPropertyName(id)));
  if (named.length === 0) return [];
  // `{ size }` reads the variable, but the identifier's own symbol is the property's. One batch for them all.
  const [symbol, ...keys] = symbolKeys([nameNode, ...named.map((id) => (Node.isShorthandPropertyAssignment(id.getParent()) ? id.getParentOrThrow() : id))]);
  return named.filter((_, i) => keys[i] === symbol);
}

function isErrorTest(test: Node, errParam: ParameterDeclaration | undefined): boolean {
  if (!errParam) return false;
  const text = test.getText().replace(/\s+/g, "");
  const name = errParam.getName();
  return text === name || text === `${name}!=null`;
}

/** `err != null`: the test that takes a falsy error (`0`, `false`, `""`) for an error too, as the old Lambda runtime's callback did. */
export function isNonNullTest(test: Node): boolean {
  return /!=null$/.test(test.getText().replace(/\s+/g, ""));
}

/** The branch ends the callback on every path: its last statement is a bare `return;` or a `throw`. */
function exits(branch: Node): boolean {
  const last = Node.isBlock(branch) ? branch.getStatements().at(-1) : branch;
  return !!last && ((Node.isReturnStatement(last) && !last.getExpression()) || Node.isThrowStatement(last));
}

function finalBareReturn(branch: Node): Node | undefined {
  const last = Node.isBlock(branch) ? branch.getStatements().at(-1) : undefined;
  const returns = ownReturns(branch);
  return last && Node.isReturnStatement(last) && returns.length === 1 && returns[0] === last ? last : undefined;
}

function isRethrow(branch: Node, errParam: ParameterDeclaration | undefined): boolean {
  const statements = Node.isBlock(branch) ? branch.getStatements() : [branch];
  const only = statements.length === 1 ? statements[0] : undefined;
  return !!only && Node.isThrowStatement(only) && only.getExpression()?.getText() === errParam?.getName();
}

/** `log(err)`, `throw err`, `${err}`: uses that type-check with an `unknown` error. */
export function isPassedOn(ref: Node): boolean {
  const parent = ref.getParent();
  return (
    (Node.isCallExpression(parent) && parent.getArguments().includes(ref)) ||
    Node.isThrowStatement(parent) ||
    Node.isTemplateSpan(parent)
  );
}

export function isAssigned(ref: Node): boolean {
  const parent = ref.getParent();
  if (Node.isBinaryExpression(parent)) return parent.getLeft() === ref && /=$/.test(parent.getOperatorToken().getText()) && !/^[=!]==?$/.test(parent.getOperatorToken().getText());
  return Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent);
}

/**
 * Whether the inlined callback declares a name that an earlier inlined callback of the same function
 * declared too (two `const text` in one scope would not parse); records its names.
 */
export function declaresAgain(declared: Set<string>, callback: Callback): boolean {
  const names = [...inlinedNames(callback)];
  const again = names.some((n) => declared.has(n));
  for (const n of names) declared.add(n);
  return again;
}

/** Names the inlined code declares: the callback's own, and those of the callbacks inlined with it. */
function inlinedNames(callback: Callback): Set<string> {
  const names = declaredNames(callback);
  for (const statement of ownStatements(callback)) {
    const api = matchCallbackApi(statement);
    if (api && api.kind !== "unsupported") for (const n of inlinedNames(api.callback)) names.add(n);
  }
  return names;
}

/** Names the callback body declares in its own scope (they move into the host's scope). */
export function declaredNames(callback: Callback): Set<string> {
  const names = new Set<string>();
  for (const result of callback.getParameters().slice(1)) {
    if (referencesTo(result, callback.getBody()).length > 0) names.add(result.getName());
  }
  const body = callback.getBody();
  body.forEachDescendant((node, traversal) => {
    if (isFunctionLike(node) || Node.isClassDeclaration(node) || Node.isClassExpression(node)) {
      const name = (node as { getName?: () => string | undefined }).getName?.();
      if (name && (Node.isFunctionDeclaration(node) || Node.isClassDeclaration(node))) names.add(name);
      traversal.skip();
      return;
    }
    if (Node.isVariableDeclaration(node)) {
      for (const id of [node.getNameNode(), ...node.getNameNode().getDescendantsOfKind(SyntaxKind.Identifier)]) {
        if (Node.isIdentifier(id)) names.add(id.getText());
      }
    }
  });
  return names;
}

/** A name bound inside another function of the host (a sibling callback's parameter): the inlined code cannot clash with it. */
function isLocalToOtherFunction(id: Node, callback: Callback, host: FunctionLike): boolean {
  const declarations = declarationNodes(id);
  return (
    declarations.length > 0 &&
    declarations.every((d) => {
      const owner = d?.getFirstAncestor((a) => isFunctionLike(a));
      return !!owner && owner !== host && within(owner, host) && !within(callback, owner);
    })
  );
}

function nearestNonArrow(node: Node): Node | undefined {
  return node.getFirstAncestor((a) => isFunctionLike(a) && !Node.isArrowFunction(a));
}

function editWithin(edit: TextEdit, container: Node): boolean {
  return edit.start >= container.getStart() && edit.end <= container.getEnd();
}

function isPropertyName(id: Node): boolean {
  const parent = id.getParent();
  return (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) || (Node.isPropertyAssignment(parent) && parent.getNameNode() === id);
}
