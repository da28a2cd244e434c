import { Node, type CallExpression } from "ts-morph";
import { bindingsOf } from "./bindings.js";

/**
 * Handler wrappers settle knows, by package and the call's shape after the local binding (`%` is the
 * binding: `middy`, `Sentry`, ...): the function handed to them is what runs in the invocation.
 * Each has a fixture (`fixture`, in __testfixtures__/floating-promises/), checked by a meta-test.
 */
export const KNOWN_WRAPPERS: readonly { packages: readonly string[]; call: string; fixture: string }[] = [
  { packages: ["@middy/core", "middy"], call: "%(fn)", fixture: "wrapped-middy" },
  { packages: ["@middy/core", "middy"], call: "%().handler(fn)", fixture: "wrapped-middy" },
  { packages: ["@sentry/aws-serverless"], call: "%.wrapHandler(fn)", fixture: "wrapped-sentry" },
  { packages: ["@sentry/serverless"], call: "%.AWSLambda.wrapHandler(fn)", fixture: "wrapped-sentry" },
  { packages: ["@sentry/nextjs", "@sentry/node"], call: "%(fn)", fixture: "wrapped-sentry" },
  { packages: ["epsagon"], call: "%.lambdaWrapper(fn)", fixture: "wrapped-tracers" },
  { packages: ["@lumigo/tracer"], call: "%.trace(fn)", fixture: "wrapped-tracers" },
  { packages: ["@dazn/lambda-powertools-pattern-basic"], call: "%(fn)", fixture: "wrapped-tracers" },
];

/**
 * The known wrapper a call is (`middy(base)`, `Sentry.wrapHandler(fn)`), as "package: shape" (`@middy/core: %(fn)`), or
 * undefined. `callee` is the call's innermost callee text with the chain after it (`middy().handler`).
 */
export function knownWrapperOf(call: CallExpression, chain: string): string | undefined {
  const file = call.getSourceFile();
  const packages = [...new Set(KNOWN_WRAPPERS.flatMap((w) => w.packages))];
  const bindings = bindingsOf(file, packages);
  if (bindings.size === 0) return undefined;
  const root = /^[A-Za-z_$][\w$]*/.exec(chain)?.[0];
  const module = root ? bindings.get(root) : undefined;
  if (!root || !module) return undefined;
  const shape = `%${chain.slice(root.length)}`;
  const known = KNOWN_WRAPPERS.find((w) => w.packages.includes(module) && w.call === shape);
  return known ? `${module}: ${known.call}` : undefined;
}

/** `a.b.c` of a callee, or undefined when it is not a plain name chain. */
export function calleeChain(node: Node): string | undefined {
  if (Node.isIdentifier(node)) return node.getText();
  if (Node.isPropertyAccessExpression(node)) {
    const left = calleeChain(node.getExpression());
    return left === undefined ? undefined : `${left}.${node.getName()}`;
  }
  return undefined;
}
