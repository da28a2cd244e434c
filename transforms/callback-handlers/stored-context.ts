import { Node, SyntaxKind, type Identifier, type Statement } from "ts-morph";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { outermostFunction } from "../../src/function-body.js";
import { within } from "../../src/layout.js";
import { declarationNodes } from "../../src/types/index.js";
import { CONTEXT_METHODS, classifyContextHandoff, unsettledPath } from "./context-handoff.js";
import { identifiersReferringTo } from "./sites.js";

/**
 * `theContext = context;` in a handler, and `theContext.succeed(r)` in a module function the handler's
 * work calls back (the zombie workshop's ZombieGetMessages.js, or `sendResponse(theEvent, theContext, …)`
 * in its CloudFormation handlers). Followed only when the store and every use are provably within the
 * one invocation:
 * - the variable is a module-level `var`/`let` of the handler's file, not exported, without a value of its
 *   own, and the handler's store (a statement of its body) is the only write to it;
 * - every other use reads a property (the adapter's prototype is the real context), answers through
 *   succeed/fail/done, or hands it to a helper that answers on every path (context-handoff.ts) or never;
 * - every answer lies in a named module function, and every reference to such a function (or to one that
 *   calls it, to a fixpoint) is a call or a hand-on, in the handler after the store or in another of them,
 *   without recursion; each of them answers on every path.
 * The handler then stores `legacyContext(context, resolve, reject)` instead, inside its promise, and the
 * references in the handler count as answering where they are.
 */
export interface StoredContext {
  /** The handler's `context` in `theContext = context;` (replaced by the adapter), or the adapter call after a run. */
  ref: Node;
  /** The store, a statement of the handler's body. */
  statement: Statement;
  /** References in the handler (calls or hand-ons) to the module functions that answer through the store. */
  settlerRefs: Identifier[];
  /** Helpers the stored context is handed to, which answer through it on every path, with their sites. */
  handoffs: { helper: FunctionLike; sites: Node[] }[];
  /** `theContext.succeed(…)` calls through the stored name (reported with the handler when it stays as it is). */
  answers: import("ts-morph").CallExpression[];
}

const cache = new WeakMap<Node, StoredContext | null>();

/** `ref` is what the handler stores: its context parameter, or (after a run) `legacyContext(context, resolve, reject)`. */
export function followStoredContext(ref: Node, fn: FunctionLike): StoredContext | undefined {
  const known = cache.get(ref);
  if (known !== undefined) return known ?? undefined;
  const result = follow(ref, fn);
  cache.set(ref, result ?? null);
  return result;
}

function follow(ref: Node, handler: FunctionLike): StoredContext | undefined {
  const assignment = ref.getParent();
  if (!Node.isBinaryExpression(assignment) || assignment.getRight() !== ref || assignment.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return undefined;
  const statement = assignment.getParent();
  // After a run the store is a statement of the promise's executor, inside the handler.
  const fn = Node.isCallExpression(ref) ? (statement?.getFirstAncestor((a) => isFunctionLike(a)) as FunctionLike | undefined) : handler;
  if (!fn || !within(fn, handler)) return undefined;
  const body = fn.getBody();
  if (!body || !Node.isBlock(body) || !Node.isExpressionStatement(statement) || statement.getParent() !== body) return undefined;
  const target = assignment.getLeft();
  if (!Node.isIdentifier(target)) return undefined;
  const file = fn.getSourceFile();
  const declarations = declarationNodes(target);
  const declaration = declarations[0];
  if (declarations.length !== 1 || !declaration || !Node.isVariableDeclaration(declaration) || declaration.getSourceFile() !== file) return undefined;
  const variable = declaration.getVariableStatement();
  if (!variable || variable.getParent() !== file || variable.isExported()) return undefined;
  const init = declaration.getInitializer();
  if (init && !Node.isNullLiteral(init) && init.getText() !== "undefined") return undefined;
  const nameNode = declaration.getNameNode();
  if (!Node.isIdentifier(nameNode)) return undefined;

  const answers: Node[] = [];
  const calls: StoredContext["answers"] = [];
  const handoffs: StoredContext["handoffs"] = [];
  for (const use of identifiersReferringTo(file, declaration, nameNode)) {
    if (use === target) continue;
    // `theContext!.succeed(…)` (TypeScript): the non-null assertion changes nothing at run time.
    let value: Node = use;
    while (Node.isNonNullExpression(value.getParentOrThrow())) value = value.getParentOrThrow();
    const parent = value.getParentOrThrow();
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === value) {
      const grand = parent.getParentOrThrow();
      if (CONTEXT_METHODS.has(parent.getName())) {
        if (!Node.isCallExpression(grand) || grand.getExpression() !== parent || grand.getArguments().some((a) => Node.isSpreadElement(a))) return undefined;
        answers.push(grand);
        calls.push(grand);
        continue;
      }
      // A read of another property is the real context's; a write would land on the adapter.
      if (isWriteTarget(parent)) return undefined;
      continue;
    }
    if (Node.isCallExpression(parent) && parent.getArguments().includes(value)) {
      const handoff = classifyContextHandoff(value, parent);
      if (handoff.kind === "none") continue;
      if (handoff.kind !== "adapter") return undefined;
      answers.push(parent);
      handoffs.push({ helper: handoff.helper, sites: handoff.sites });
      continue;
    }
    // Written again, stored, returned or compared: not followed.
    return undefined;
  }
  if (answers.length === 0) return undefined;

  /** Each module function that answers, with its answering calls and references to the others. */
  const settlers = new Map<FunctionLike, Node[]>();
  const add = (f: FunctionLike, mark: Node) => {
    if (!settlers.has(f)) settlers.set(f, []);
    settlers.get(f)!.push(mark);
  };
  for (const answer of answers) {
    const top = outermostFunction(answer);
    if (!top || top === fn || within(fn, top) || !moduleName(top)) return undefined;
    add(top, answer);
  }
  const settlerRefs: Identifier[] = [];
  /** `a` references `b` (an edge of the graph that must stay acyclic). */
  const edges: [FunctionLike, FunctionLike][] = [];
  let pending = [...settlers.keys()];
  const done = new Set<FunctionLike>();
  while (pending.length > 0) {
    const next: FunctionLike[] = [];
    for (const settler of pending) {
      if (done.has(settler)) continue;
      done.add(settler);
      const named = moduleName(settler)!;
      for (const r of identifiersReferringTo(file, named.declaration, named.name)) {
        const parent = r.getParentOrThrow();
        const called = Node.isCallExpression(parent) && parent.getExpression() === r;
        const handed = Node.isCallExpression(parent) && parent.getArguments().includes(r);
        if (!called && !handed) return undefined;
        if (within(r, fn)) {
          if (r.getStart() < statement.getEnd()) return undefined;
          settlerRefs.push(r);
          continue;
        }
        const top = outermostFunction(r);
        if (!top || top === settler || !moduleName(top)) return undefined;
        edges.push([top, settler]);
        if (!settlers.has(top)) next.push(top);
        add(top, r);
      }
    }
    pending = next;
  }
  if (settlerRefs.length === 0 || cyclic(edges)) return undefined;
  for (const [settler, marks] of settlers) if (unsettledPath(settler, marks)) return undefined;
  return { ref, statement, settlerRefs, handoffs, answers: calls };
}

function isWriteTarget(access: Node): boolean {
  const parent = access.getParent();
  if (!parent) return true;
  if (Node.isBinaryExpression(parent) && parent.getLeft() === access) {
    const op = parent.getOperatorToken().getKind();
    return op >= SyntaxKind.FirstAssignment && op <= SyntaxKind.LastAssignment;
  }
  return Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent) || Node.isDeleteExpression(parent);
}

/** `function f() {}` or `var f = function/arrow` at the top of its file, not exported: its name and declaration. */
function moduleName(f: FunctionLike): { name: Identifier; declaration: Node } | undefined {
  const file = f.getSourceFile();
  if (Node.isFunctionDeclaration(f)) {
    const name = f.getNameNode();
    return name && f.getParent() === file && !f.isExported() ? { name, declaration: f } : undefined;
  }
  const parent = f.getParent();
  if (!parent || !Node.isVariableDeclaration(parent) || parent.getInitializer() !== f) return undefined;
  const statement = parent.getVariableStatement();
  const name = parent.getNameNode();
  if (!statement || statement.getParent() !== file || statement.isExported() || !Node.isIdentifier(name)) return undefined;
  return { name, declaration: parent };
}

function cyclic(edges: [FunctionLike, FunctionLike][]): boolean {
  const out = new Map<FunctionLike, FunctionLike[]>();
  for (const [a, b] of edges) out.set(a, [...(out.get(a) ?? []), b]);
  const state = new Map<FunctionLike, 1 | 2>();
  const visit = (f: FunctionLike): boolean => {
    if (state.get(f) === 1) return true;
    if (state.get(f) === 2) return false;
    state.set(f, 1);
    if ((out.get(f) ?? []).some(visit)) return true;
    state.set(f, 2);
    return false;
  };
  return [...out.keys()].some(visit);
}
