import { Node, SyntaxKind } from "ts-morph";
import { outermostFunction, ownReturns } from "./function-body.js";
import { isFunctionLike } from "./handlers/entry-point.js";
import { typeSymbolName } from "./types/index.js";

/**
 * Whether floating work writes into a stream the handler answers with. Such work is part of the
 * response: the platform keeps the invocation alive while the body streams, and the body cannot
 * finish before the work has run. Awaiting it before the return blocks on a reader that only the
 * returned response brings (a hang), and `after()` waits for the response to finish (a deadlock).
 *
 * - `{ feeds }`: it fills the response (the reason says which stream): leave it alone.
 * - `{ unknown }`: it writes into a stream that settle cannot follow to the response: report.
 * - `undefined`: it touches no stream, or only the stream of the response-helper callback it sits
 *   in (Hono's `stream(c, async (s) => …)`, the AI SDK's `execute`), which the helper closes once
 *   that callback settles: awaiting it there keeps its writes inside the body and blocks no return.
 */
export type StreamVerdict = { feeds: string } | { unknown: string } | undefined;

/** Web and Node stream constructors: what they build is read by whoever gets the stream. */
const STREAM_CONSTRUCTORS = new Set([
  "TransformStream", "ReadableStream", "WritableStream", "TextEncoderStream", "CompressionStream",
  "PassThrough", "Readable", "Writable", "Transform", "Duplex",
]);
/** The AI SDK's RSC streamables: their `.value` is what the action returns. */
const STREAMABLE_FACTORIES = new Set(["createStreamableValue", "createStreamableUI"]);
/** The AI SDK's helpers whose `execute({ writer })` / `execute(dataStream)` gets the response body to write into. */
const EXECUTE_HELPERS = new Set([
  "createDataStreamResponse", "createDataStream", "pipeDataStreamToResponse",
  "createUIMessageStream", "createUIMessageStreamResponse", "pipeUIMessageStreamToResponse",
]);
/** Hono's `stream(c, async (s) => …)` helpers: the callback (second argument) gets the response body. */
const HONO_STREAM_HELPERS = new Set(["stream", "streamSSE", "streamText"]);
/** Lambda response streaming's parameter: the response body itself. */
const RESPONSE_STREAM_PARAM = "responseStream";
/** Node's `res` (server-sent events, chunked responses) counts as the response where the work writes through it. */
const RESPONSE_PARAMS = /^(res|response|reply)$/;
const WRITE_METHODS = new Set(["write", "end", "flush", "writeHead", "writeSSE", "writeln"]);
/** Members that lead from a stream to one of its ends: `ts.writable.getWriter()`, `streamable.value`. */
const STREAM_MEMBERS = new Set(["getWriter", "getReader", "writable", "readable", "value", "tee"]);
/** Types (by name) of streams and of stream ends, for parameters the syntax says nothing about. */
const STREAM_TYPES = /^(TransformStream|ReadableStream|WritableStream|WritableStreamDefaultWriter|ReadableStreamDefaultController|ReadableByteStreamController|PassThrough|Readable|Writable|Transform|Duplex|ServerResponse|HttpResponseStream|ResponseStream|StreamingApi|SSEStreamingApi)\b/;

/**
 * A stream the work writes into: its declaration (or the expression building it), or the response
 * itself; `closesAfter` is the helper callback whose settlement closes that response.
 */
type Root = { kind: "response"; name: string; closesAfter?: Node } | { kind: "stream"; node: Node; name: string };

/** Decide whether the work started by `statement` (its expression `work`) writes into a returned stream. */
export function whereWorkWrites(statement: Node, work: Node): StreamVerdict {
  const roots = new Map<Node | string, Root>();
  const own = statement.getFirstAncestor(isFunctionLike);
  for (const [id, at] of identifiersOfWork(work, statement)) {
    if (isPropertyName(id)) continue;
    const root = streamRootOf(id.getText(), at, 0, writesThrough(id));
    // Directly in the helper's callback: the helper waits for it, so awaiting it there is right.
    if (root?.kind === "response" && root.closesAfter && root.closesAfter === own) continue;
    if (root) roots.set(root.kind === "response" ? root.name : root.node, root);
  }
  if (roots.size === 0) return undefined;
  let unknown: string | undefined;
  for (const root of roots.values()) {
    if (root.kind === "response" && root.closesAfter) {
      const helper = streamHelperOf(root.closesAfter);
      return { feeds: `it writes into the response stream \`${root.name}\` from a function the ${helper}() callback does not wait for, and ${helper}() closes the body once that callback settles: make the callback await this work` };
    }
    if (root.kind === "response") return { feeds: `it writes into the response stream \`${root.name}\`; ${HANGS}` };
    if (reachesResponse(root.node, familyOf(root.node, statement), statement)) {
      if (isStreamable(root.node)) {
        return { feeds: `it updates \`${root.name}\`, whose value the handler returns; the value streams after the return, so awaiting this work would hold the return until the stream is done and deferring it would wait for a response that needs it` };
      }
      return { feeds: `it writes into \`${root.name}\`, which the handler returns as (or pipes into) its response; ${HANGS}` };
    }
    unknown ??= `it writes into the stream \`${root.name}\`, which settle cannot follow to the response: awaiting it could wait forever for a reader`;
  }
  return unknown ? { unknown } : undefined;
}

/**
 * The names the work uses, each with the node to look its binding up from; a call of a function
 * declared nearby (`const fill = async () => { ui.update(…) }; fill();`) brings in that function's
 * body too, two levels deep.
 */
function identifiersOfWork(work: Node, statement: Node): [Node, Node][] {
  const out: [Node, Node][] = work.getDescendantsOfKind(SyntaxKind.Identifier).map((id) => [id, statement]);
  const seen = new Set<Node>();
  let frontier: Node[] = [work];
  for (let depth = 0; depth < 2 && frontier.length > 0; depth++) {
    const next: Node[] = [];
    for (const node of frontier) {
      const calls = Node.isCallExpression(node) ? [node, ...node.getDescendantsOfKind(SyntaxKind.CallExpression)] : node.getDescendantsOfKind(SyntaxKind.CallExpression);
      for (const call of calls) {
        const callee = call.getExpression();
        const body = Node.isIdentifier(callee) ? localFunctionBody(callee) : undefined;
        if (!body || seen.has(body) || (body.getStart() <= work.getStart() && body.getEnd() >= work.getEnd())) continue;
        seen.add(body);
        next.push(body);
        // Its own parameters are what the call passes in, already among the work's names.
        const params = new Set<Node>(body.getParentOrThrow().getChildrenOfKind(SyntaxKind.Parameter));
        for (const id of body.getDescendantsOfKind(SyntaxKind.Identifier)) {
          const binding = findBinding(id.getText(), id);
          if (!binding || !params.has(binding)) out.push([id, id]);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** The body of the function a name is declared as in the scopes around it (`function f`, `const f = () => …`). */
function localFunctionBody(name: Node): Node | undefined {
  const binding = findBinding(name.getText(), name);
  if (binding && Node.isFunctionDeclaration(binding)) return binding.getBody();
  const init = binding && Node.isVariableDeclaration(binding) ? binding.getInitializer() : undefined;
  return init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init)) ? init.getBody() : undefined;
}

const HANGS = "the body streams after the return, so awaiting this work (or deferring it) would hang the response";

/** `const ui = createStreamableUI()`: an AI SDK streamable, which has no backpressure (awaiting it delays, not hangs). */
function isStreamable(decl: Node): boolean {
  const init = Node.isVariableDeclaration(decl) ? decl.getInitializer() : undefined;
  return !!init && Node.isCallExpression(init) && STREAMABLE_FACTORIES.has(lastName(init.getExpression()));
}

/**
 * The name of the response (or of a stream the handler returns or pipes into it) that `id` names,
 * seen from `at`; undefined for any other stream or value.
 */
export function responseStreamName(id: Node, at: Node): string | undefined {
  const root = streamRootOf(id.getText(), at, 0, true);
  if (!root) return undefined;
  if (root.kind === "response") return root.name;
  return reachesResponse(root.node, familyOf(root.node, at), at) ? root.name : undefined;
}

/** `id.write(...)`, `id.end()`: the work writes through this name. */
function writesThrough(id: Node): boolean {
  const access = id.getParent();
  return Node.isPropertyAccessExpression(access) && access.getExpression() === id && WRITE_METHODS.has(access.getName()) && Node.isCallExpression(access.getParent());
}

function isPropertyName(id: Node): boolean {
  const parent = id.getParent();
  return (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) || (Node.isPropertyAssignment(parent) && parent.getNameNode() === id);
}

/** The stream behind a name visible at `at`, following `x.getWriter()`, `ts.writable` and destructuring. */
function streamRootOf(name: string, at: Node, depth: number, writes: boolean): Root | undefined {
  if (depth > 4) return undefined;
  const binding = findBinding(name, at);
  if (!binding) return undefined;
  if (Node.isParameterDeclaration(binding)) return streamParameter(binding, name, writes);
  const decl = Node.isBindingElement(binding) ? binding.getFirstAncestorByKind(SyntaxKind.VariableDeclaration) : binding;
  let init = decl && Node.isVariableDeclaration(decl) ? decl.getInitializer() : undefined;
  while (init && (Node.isAwaitExpression(init) || Node.isParenthesizedExpression(init) || Node.isAsExpression(init))) init = init.getExpression();
  if (!decl || !init) return undefined;
  if (Node.isNewExpression(init) && STREAM_CONSTRUCTORS.has(lastName(init.getExpression()))) return { kind: "stream", node: decl, name };
  if (Node.isCallExpression(init) && STREAMABLE_FACTORIES.has(lastName(init.getExpression()))) return { kind: "stream", node: decl, name };
  // `ts.writable.getWriter()`, `stream.readable`: the same stream as the name they start from.
  const base = streamChainStart(init);
  return base ? streamRootOf(base.getText(), decl, depth + 1, false) : undefined;
}

/** `controller` of a ReadableStream's `start`, the callback argument of a response helper, `res`/`responseStream`. */
function streamParameter(param: Node, name: string, writes: boolean): Root | undefined {
  const fn = param.getParent();
  if (!fn || !isFunctionLike(fn)) return undefined;
  const holder = Node.isMethodDeclaration(fn) ? fn.getParent() : fn.getParent()?.getParent();
  const stream = Node.isObjectLiteralExpression(holder) ? holder.getParent() : undefined;
  if (Node.isNewExpression(stream) && lastName(stream.getExpression()) === "ReadableStream") {
    return { kind: "stream", node: stream.getParentIfKind(SyntaxKind.VariableDeclaration) ?? stream, name };
  }
  if (fn.getParameters()[0] === param && streamHelperOf(fn)) return { kind: "response", name, closesAfter: fn };
  if (name === RESPONSE_STREAM_PARAM || (writes && RESPONSE_PARAMS.test(name))) return { kind: "response", name };
  // One type question, for parameters typed as a stream end (`writer: WritableStreamDefaultWriter`):
  // a stream from the caller, which settle follows no further.
  const typeName = typeSymbolName(param) ?? "";
  return STREAM_TYPES.test(typeName) ? { kind: "stream", node: param, name } : undefined;
}

/**
 * The response helper that hands this callback the body to write into and closes that body once the
 * callback settles: the AI SDK's `execute({ writer })` / `execute(dataStream)`, Hono's
 * `stream(c, async (s) => …)` (closed in a finally). Work the callback awaits stays inside the
 * body; making the callback async is safe, since the helper awaits what it returns.
 */
export function streamHelperOf(fn: Node): string | undefined {
  if (!isFunctionLike(fn)) return undefined;
  const property = Node.isMethodDeclaration(fn) ? fn : fn.getParent();
  const propertyName = Node.isMethodDeclaration(property) || Node.isPropertyAssignment(property) ? property.getName() : undefined;
  const helper = property?.getParent()?.getParent();
  if (propertyName === "execute" && Node.isCallExpression(helper) && EXECUTE_HELPERS.has(lastName(helper.getExpression()))) return lastName(helper.getExpression());
  const call = fn.getParent();
  if (Node.isCallExpression(call) && call.getArguments()[1] === fn && HONO_STREAM_HELPERS.has(lastName(call.getExpression()))) return lastName(call.getExpression());
  return undefined;
}

/** The nearest declaration of `name` in the scopes around `at`: a parameter, a variable or a destructured name. */
function findBinding(name: string, at: Node): Node | undefined {
  for (let scope = at.getParent(); scope; scope = scope.getParent()) {
    if (isFunctionLike(scope)) {
      for (const p of scope.getParameters()) {
        if (p.getName() === name) return p;
        const element = p.getNameNode().getDescendantsOfKind(SyntaxKind.BindingElement).find((b) => b.getName() === name);
        if (element) return p;
      }
    }
    if (Node.isBlock(scope) || Node.isSourceFile(scope) || Node.isCaseClause(scope)) {
      for (const statement of scope.getStatements()) {
        if (Node.isFunctionDeclaration(statement) && statement.getName() === name) return statement;
        if (!Node.isVariableStatement(statement)) continue;
        for (const decl of statement.getDeclarations()) {
          const nameNode = decl.getNameNode();
          if (Node.isIdentifier(nameNode) && nameNode.getText() === name) return decl;
          const element = nameNode.getDescendantsOfKind(SyntaxKind.BindingElement).find((b) => b.getName() === name);
          if (element) return element;
        }
      }
    }
  }
  return undefined;
}

/** Every declaration bound to the stream: its own, and those derived from it (`const body = s.readable`). */
function familyOf(root: Node, at: Node): Set<Node> {
  const family = new Set<Node>([root]);
  const scope = outermostFunction(at) ?? at.getSourceFile();
  const decls = scope.getDescendantsOfKind(SyntaxKind.VariableDeclaration);
  for (let grew = true; grew; ) {
    grew = false;
    for (const decl of decls) {
      const init = decl.getInitializer();
      const base = init && streamChainStart(init);
      if (!family.has(decl) && base && isBoundTo(base, family)) grew = family.add(decl) !== undefined;
    }
  }
  return family;
}

/** The identifier names a declaration of the family (a destructured name counts as its declaration). */
function isBoundTo(id: Node, family: Set<Node>): boolean {
  const binding = findBinding(id.getText(), id);
  const decl = binding && Node.isBindingElement(binding) ? binding.getFirstAncestorByKind(SyntaxKind.VariableDeclaration) : binding;
  return !!decl && family.has(decl);
}

/** The stream is in what a function around the work returns, or is piped into the response. */
function reachesResponse(root: Node, family: Set<Node>, at: Node): boolean {
  const names = (node: Node) => node === root || (Node.isIdentifier(node) && !isPropertyName(node) && isBoundTo(node, family));
  const mentions = (node: Node) => names(node) || node.getDescendants().some(names);
  for (let fn = at.getFirstAncestor(isFunctionLike); fn; fn = fn.getFirstAncestor(isFunctionLike)) {
    const body = fn.getBody();
    if (body && !Node.isBlock(body) && mentions(body)) return true;
    if (body && ownReturns(body).some(mentions)) return true;
    // `pass.pipe(res)`, `pipeline(pass, responseStream)`, `readable.pipeTo(...)`: handed to the response.
    for (const call of body?.getDescendantsOfKind(SyntaxKind.CallExpression) ?? []) {
      const callee = call.getExpression();
      if (Node.isPropertyAccessExpression(callee) && (callee.getName() === "pipe" || callee.getName() === "pipeTo")) {
        if (mentions(callee.getExpression()) && call.getArguments().some(isResponseArgument)) return true;
      }
      if (lastName(callee) === "pipeline" && call.getArguments().some(mentions) && call.getArguments().some(isResponseArgument)) return true;
    }
  }
  return false;
}

function isResponseArgument(arg: Node): boolean {
  if (!Node.isIdentifier(arg)) return false;
  const binding = findBinding(arg.getText(), arg);
  return !!binding && Node.isParameterDeclaration(binding) && streamParameter(binding, arg.getText(), true)?.kind === "response";
}

/** The identifier a chain through stream members starts from: `ts` in `ts.writable.getWriter()`; else undefined. */
function streamChainStart(expr: Node): Node | undefined {
  let node = expr;
  let throughStream = false;
  while (Node.isPropertyAccessExpression(node) || Node.isCallExpression(node) || Node.isNonNullExpression(node) || Node.isParenthesizedExpression(node)) {
    if (Node.isPropertyAccessExpression(node) && STREAM_MEMBERS.has(node.getName())) throughStream = true;
    node = node.getExpression();
  }
  return throughStream && Node.isIdentifier(node) ? node : undefined;
}

function lastName(callee: Node): string {
  return Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
}
