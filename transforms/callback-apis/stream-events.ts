import { Node, type CallExpression, type Statement } from "ts-morph";
import type { FunctionLike } from "../../src/handlers/entry-point.js";
import { ownReturns, ownStatements } from "../../src/function-body.js";
import { endsLine, eolOf, indentOf, lineStartOf, startsLine, usesSemicolons } from "../../src/layout.js";
import { moduleBindingOf, type Callback } from "./match.js";
import { placeOf, whyNotInline, type RenderOptions } from "./rewrite.js";
import { movedLines, type TextEdit } from "./text.js";
import { declarationNodes } from "../../src/types/index.js";

/** The file-stream events whose listener runs once, when the file is complete. */
const DONE_EVENTS = new Set(["finish", "close"]);

/**
 * `out.on("finish", () => { … })` on a stream made by `fs.createWriteStream(…)` / `fs.createReadStream(…)`:
 * the listener runs after the handler answered. Awaited with `await once(out, "finish")` (node:events)
 * where the stream is sure to be ended, after the function's one `out.end(…)` in the same block, and
 * then the listener's body (a write error rejects it, where it crashed the process before). Undefined when the
 * statement is not such a listener; a reason when it is one settle does not rewrite.
 */
export function planStreamListener(statement: Statement, fn: FunctionLike, opts: Pick<RenderOptions, "host" | "typescript">): { render(once: string): TextEdit[] } | { reason: string } | undefined {
  const listener = listenerOf(statement);
  if (!listener) return undefined;
  const { call, stream, event, callback } = listener;
  const advice = `await \`finished(${stream})\` from node:stream/promises once the stream is ended, then do what the listener does`;
  if (callback.getParameters().length > 0) return { reason: `the ${event} listener takes parameters: ${advice}` };
  const body = callback.getBody();
  if (Node.isBlock(body) && ownReturns(body).length > 0) return { reason: `the ${event} listener returns early: ${advice}` };
  const own = ownStatements(fn);
  const index = own.indexOf(statement);
  const ends = own.slice(index + 1).filter((s) => Node.isExpressionStatement(s) && s.getParent() === statement.getParent() && isCallOn(s, stream, "end"));
  // A pipe into the stream leaves it open when the source fails: awaiting its end would then wait until the timeout.
  const piped = own.some((s) => Node.isExpressionStatement(s) && isPipeInto(s, stream));
  if (piped) return { reason: `${stream} is piped into, and stays open when the source fails: replace the pipe with \`await stream.promises.pipeline(source, ${stream})\`, then do what the listener does` };
  const at = ends.length === 1 ? ends[0] : undefined;
  if (!at) return { reason: `settle cannot tell where ${stream} is ended: ${advice}` };
  const why = whyNotInline(callback, placeOf(at, fn), { ...opts, awaitTimer: () => "", timers: [], promisify: () => undefined });
  if (why) return { reason: `${why}: ${advice}` };
  const indent = indentOf(at);
  const eol = eolOf(at);
  const semi = usesSemicolons(statement) ? ";" : "";
  const lines = Node.isBlock(body)
    ? movedLines(body, body.getStart() + 1, body.getEnd() - 1, [], indent)
    : [`${indent}${body.getText()}${semi}`];
  const quote = call.getArguments()[0].getText()[0];
  return {
    render(once) {
      const text = [`await ${once}(${stream}, ${quote}${event}${quote})${semi}`, ...lines].join(eol);
      return at === statement
        ? [{ start: statement.getStart(), end: statement.getEnd(), text }]
        : [removal(statement), { start: at.getEnd(), end: at.getEnd(), text: `${eol}${indent}${text}` }];
    },
  };
}

/** `x.on("finish", () => …)` / `x.once("close", …)` with `x` a `const` made by fs.createWriteStream / createReadStream. */
function listenerOf(statement: Statement): { call: CallExpression; stream: string; event: string; callback: Callback } | undefined {
  if (!Node.isExpressionStatement(statement)) return undefined;
  const call = statement.getExpression();
  if (!Node.isCallExpression(call)) return undefined;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || !["on", "once"].includes(callee.getName())) return undefined;
  const receiver = callee.getExpression();
  const [name, callback] = call.getArguments();
  if (!Node.isIdentifier(receiver) || !name || !Node.isStringLiteral(name) || !DONE_EVENTS.has(name.getLiteralText())) return undefined;
  if (!callback || !(Node.isArrowFunction(callback) || Node.isFunctionExpression(callback)) || call.getArguments().length !== 2) return undefined;
  if (!isFileStream(receiver)) return undefined;
  return { call, stream: receiver.getText(), event: name.getLiteralText(), callback };
}

function isFileStream(id: Node): boolean {
  const declarations = declarationNodes(id);
  if (declarations.length !== 1 || !Node.isVariableDeclaration(declarations[0])) return false;
  const decl = declarations[0];
  const list = decl.getParent();
  if (!Node.isVariableDeclarationList(list) || list.getDeclarationKind() !== "const") return false;
  const init = decl.getInitializer();
  if (!init || !Node.isCallExpression(init)) return false;
  const callee = init.getExpression();
  const made = (name: string | undefined) => name === "createWriteStream" || name === "createReadStream";
  if (Node.isPropertyAccessExpression(callee)) {
    const bound = Node.isIdentifier(callee.getExpression()) ? moduleBindingOf(callee.getExpression()) : undefined;
    return bound?.module === "fs" && !bound.name && made(callee.getName());
  }
  const bound = Node.isIdentifier(callee) ? moduleBindingOf(callee) : undefined;
  return bound?.module === "fs" && made(bound.name);
}

function isCallOn(statement: Statement, receiver: string, method: string): boolean {
  const call = (statement as Statement & { getExpression(): Node }).getExpression();
  if (!Node.isCallExpression(call)) return false;
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) && callee.getName() === method && callee.getExpression().getText() === receiver;
}

/** `src.pipe(x)`. */
function isPipeInto(statement: Statement, receiver: string): boolean {
  const call = (statement as Statement & { getExpression(): Node }).getExpression();
  if (!Node.isCallExpression(call)) return false;
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) && callee.getName() === "pipe" && call.getArguments()[0]?.getText() === receiver;
}

/** The statement's whole line when it stands alone on it, else the statement. */
function removal(statement: Statement): TextEdit {
  const lineEnd = statement.getSourceFile().getFullText().indexOf("\n", statement.getEnd());
  if (startsLine(statement) && endsLine(statement) && lineEnd !== -1) return { start: lineStartOf(statement), end: lineEnd + 1, text: "" };
  return { start: statement.getStart(), end: statement.getEnd(), text: "" };
}
