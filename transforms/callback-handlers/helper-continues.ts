import { Node, type CallExpression } from "ts-morph";
import type { FunctionLike } from "../../src/handlers/entry-point.js";
import { projectFunctionOf as projectFunctionOfCallee } from "./context-handoff.js";
import { referencesTo } from "./sites.js";

const CHAIN = /^(then|catch|finally)$/;

/** The project's own function a call runs (context-handoff's lookup: by name, through requires, exports and aliases). */
const projectFunctionOf = (call: CallExpression): FunctionLike | undefined => projectFunctionOfCallee(call.getExpression());

/**
 * `dbConnectAndExecute(url, () => Model.find(q).then((u) => callback(null, u)))` where the project function runs
 * its parameter inside a promise chain that goes on after it: `db.then(fn).finally(() => db.close())`, or
 * `fn().finally(…)`. The answer is made in the function handed over, and the helper's later links run after
 * that function's promise settles. After callback(null, x) the old runtime waited for them (the event loop);
 * resolve(x) answers before them, and Node.js 24 freezes with that work pending (a connection still closing).
 * What to say, or undefined: the helper is not a function of the project, or nothing of its chain follows.
 */
export function helperContinuesAfter(settler: FunctionLike): string | undefined {
  const call = settler.getParent();
  if (!call || !Node.isCallExpression(call)) return undefined;
  const found = continuingLink(call, settler, new Set());
  if (!found) return undefined;
  const name = call.getExpression().getText().replace(/\s+/g, "");
  const where = `${found.helper.getSourceFile().getBaseName()}:${found.helper.getStartLineNumber()}`;
  const runs = found.helper === projectFunctionOf(call) ? `${name}() (${where})` : `${name}(), which hands it on to ${nameOf(found.helper)}() (${where})`;
  const why =
    found.next === "catch"
      ? `whose promise chain catches a failure of that function (\`.catch(…)\`): the old runtime then answered null once the event loop was empty, while the promise would never settle; `
      : `whose promise chain goes on after that function (\`.${found.next}(…)\`): the old runtime waited for that work (the event loop) before it answered, a promise answers before it; `;
  return (
    `the callback is called in the function handed to ${runs}, ${why}` +
    `keep the answer in a variable in that function, \`await ${name}(…)\` and answer after it, and run settle again`
  );
}

function nameOf(fn: FunctionLike): string {
  if (Node.isFunctionDeclaration(fn) || Node.isFunctionExpression(fn)) {
    const own = fn.getName();
    if (own) return own;
  }
  const parent = fn.getParent();
  return parent && Node.isVariableDeclaration(parent) ? parent.getName() : "its helper";
}

/** The helper (followed through the project functions it hands the argument to) whose chain goes on after the argument. */
function continuingLink(call: CallExpression, arg: Node, seen: Set<Node>): { helper: FunctionLike; next: string } | undefined {
  const index = call.getArguments().indexOf(arg);
  if (index < 0) return undefined;
  const helper = projectFunctionOf(call);
  const param = helper?.getParameters()[index];
  if (!helper || !param || param.isRestParameter() || seen.has(helper) || seen.size > 10) return undefined;
  seen.add(helper);
  for (const ref of referencesTo(helper, param)) {
    // `x.then(fn)` (fn handed to a link of a chain) or `fn(…)` (its result is the chain's start).
    const parent = ref.getParent();
    let link: Node | undefined;
    if (parent && Node.isCallExpression(parent) && parent.getExpression() === ref) link = parent;
    else if (parent && Node.isCallExpression(parent) && parent.getArguments().includes(ref)) {
      const callee = parent.getExpression();
      if (Node.isPropertyAccessExpression(callee) && CHAIN.test(callee.getName())) link = parent;
    }
    const next = link && laterLinkOf(link);
    if (next) return { helper, next };
    // Handed on to another function of the project: `return dbExecute(connect(url), fn);`.
    if (!link && parent && Node.isCallExpression(parent) && parent.getArguments().includes(ref)) {
      const deeper = continuingLink(parent, ref, seen);
      if (deeper) return deeper;
    }
  }
  return undefined;
}

/**
 * The name of the `.then(f)` / `.catch(f)` / `.finally(f)` link chained after `link` (a function or a name as
 * argument), if any: its work runs once the link's promise has settled. A `.catch(f)` too: it runs on a failure
 * of the work, after which the old runtime answered null at an empty loop where the promise would never settle.
 */
function laterLinkOf(link: Node): string | undefined {
  for (let current = link; ; ) {
    const access = current.getParent();
    if (!access || !Node.isPropertyAccessExpression(access) || access.getExpression() !== current || !CHAIN.test(access.getName())) return undefined;
    const next = access.getParent();
    if (!next || !Node.isCallExpression(next) || next.getExpression() !== access) return undefined;
    const works = next.getArguments().some((a) => Node.isArrowFunction(a) || Node.isFunctionExpression(a) || Node.isIdentifier(a));
    if (works) return access.getName();
    current = next;
  }
}
