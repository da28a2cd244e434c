import { Node, SyntaxKind, type CallExpression, type SourceFile } from "ts-morph";
import { isFunctionLike, unwrapExpression, type FunctionLike } from "./entry-point.js";
import { calleeChain, knownWrapperOf } from "./known-wrappers.js";

/** A function an exported call stands for, and how it was found. */
export interface CallTarget {
  fn: FunctionLike;
  /** Handed to a wrapper: its own signature is not what is exported (false for what a factory returns). */
  wrapped: boolean;
  /** `package: call` of a known wrapper; otherwise what the call is, for the --verbose note. */
  via: { known: true; wrapper: string } | { known: false; note: string };
}

/** Resolves a name of a file to the project function it names (locally or through a relative import). */
export type FunctionLookup = (file: SourceFile, name: string) => FunctionLike | undefined;

/**
 * The functions behind an exported call: the function handed to a wrapper (`middy(fn).use(x)`,
 * `middy().use(x).handler(fn)`, `Sentry.wrapHandler(fn)`, `wrap(fn)`, by literal or by name), and
 * what a project function called there returns (`makeHandler(deps)`, `withLogging(base)`).
 */
export function functionsBehindCall(call: CallExpression, lookup: FunctionLookup): CallTarget[] {
  let innermost = call;
  let handlerCall: CallExpression | undefined;
  // Walk down `a(b).use(c).handler(d)` to the innermost call; remember a `.handler(fn)` on the way.
  for (;;) {
    const callee = innermost.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !Node.isCallExpression(callee.getExpression())) break;
    if (callee.getName() === "handler") handlerCall ??= innermost;
    innermost = callee.getExpression() as CallExpression;
  }
  const file = call.getSourceFile();
  const root = calleeChain(innermost.getExpression());
  const argsCall = handlerCall ?? innermost;
  const shape = root === undefined ? undefined : handlerCall ? `${root}().handler(fn)` : `${root}(fn)`;
  const known = shape && knownWrapperOf(innermost, shape);
  const out: CallTarget[] = [];
  const factory = root && /^[A-Za-z_$][\w$]*$/.test(root) ? lookup(file, root) : undefined;
  if (factory && !known) {
    // A project wrapper that returns an (event, context, callback) function is callback-handlers' to report, not to rewrite here.
    const handedFunction = argsCall.getArguments().some((a) => isFunctionValue(a, file, lookup));
    for (const returned of returnedFunctions(factory)) {
      if (handedFunction && returned.getParameters().length >= 3) continue;
      out.push({ fn: returned, wrapped: false, via: { known: false, note: `the function ${root}(…) returns (a project function that makes the handler)` } });
    }
  }
  for (const arg of argsCall.getArguments()) {
    const value = unwrapExpression(arg);
    let fn: FunctionLike | undefined;
    if (value && (Node.isArrowFunction(value) || Node.isFunctionExpression(value))) fn = value;
    else if (value && Node.isIdentifier(value)) fn = lookup(file, value.getText());
    if (!fn) continue;
    const via: CallTarget["via"] = known
      ? { known: true, wrapper: known }
      : { known: false, note: `the function handed to ${shape ?? "a call"}, a wrapper settle does not know (the argument has a handler's shape)` };
    out.push({ fn, wrapped: true, via });
    break;
  }
  return out;
}

function isFunctionValue(arg: Node, file: SourceFile, lookup: FunctionLookup): boolean {
  const value = unwrapExpression(arg);
  return !!value && (Node.isArrowFunction(value) || Node.isFunctionExpression(value) || (Node.isIdentifier(value) && !!lookup(file, value.getText())));
}

/** The function literals a project function returns (`(deps) => async (event) => …`, `return async function (event) {…}`). */
function returnedFunctions(fn: FunctionLike): FunctionLike[] {
  const body = fn.getBody();
  if (!body) return [];
  const results = Node.isBlock(body)
    ? body.getDescendantsOfKind(SyntaxKind.ReturnStatement).filter((r) => r.getFirstAncestor(isFunctionLike) === fn).map((r) => r.getExpression())
    : [body];
  return results.flatMap((r) => {
    const value = unwrapExpression(r);
    return value && (Node.isArrowFunction(value) || Node.isFunctionExpression(value)) ? [value] : [];
  });
}
