import { Node, SyntaxKind, type CallExpression, type NewExpression, type ObjectLiteralExpression, type SourceFile } from "ts-morph";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { outermostFunction } from "../../src/function-body.js";
import { within } from "../../src/layout.js";
import { declarationNodes } from "../../src/types/index.js";
import { requiredModule, resolveLocalModule } from "../../src/handlers/local-modules.js";
import { CONTEXT_METHODS, projectFunctionOf, unsettledPath, type ContextHandoff } from "./context-handoff.js";
import { uncalledPathOf } from "./handed-function.js";
import { firstQuietListenerOf } from "./quiet-error-listener.js";
import { fileLine, ownerOf, referencesTo, settlersOf } from "./sites.js";

/**
 * unseen7 (issue 11): the AlexaSkill.js of Amazon's 2015 samples, copied into hundreds of skills. The handler
 * does `new Skill().execute(event, context)`; `Skill.prototype = Object.create(AlexaSkill.prototype)`, and
 * AlexaSkill.prototype.execute dispatches `this.requestHandlers[event.request.type].call(this, event, context,
 * new Response(context, session))` inside a try whose catch calls `context.fail(e)`; the request handlers hand
 * the Response on through `this.eventHandlers.onLaunch.call(this, …)` and `this.intentHandlers[name].call(this, …)`
 * to the skill's functions, and Response.prototype's tell/ask answer through `this._context.succeed(…)`.
 *
 * Followed in general terms, only as far as it is provable:
 * - the receiver is `new C(…)` (or a variable of the handler holding it, never written again); C's prototype chain
 *   is followed through `C.prototype = Object.create(B.prototype)`; the method is the one `X.prototype.m = function`
 *   (or a member of a literal prototype) that the files of the chain and the files requiring them define for m;
 * - a table the dispatch reads (`this.T[key]`, `this.T.k`) holds the functions of every object literal those files
 *   assign to `X.prototype.T` and every function they assign to `X.T.k`: all of them are taken as possible (one
 *   class's `Sub.prototype.eventHandlers.onLaunch = f` writes the base's shared object). Any other use of `.T` in
 *   those files (handed on, stored, written otherwise) and settle does not follow;
 * - an object built with `new R(context, …)` whose constructor stores the context (`this._context = context;`) and
 *   whose prototype's methods answer through `this._context.succeed/fail/done` on every path; R is used nowhere else;
 * - every function reached must answer on every path (flow.ts through unsettledPath), a synchronous throw counting
 *   (it reaches the catch around the dispatch, or rejects the handler's promise, as the old runtime failed); an
 *   "error" listener that answers nothing, a "data" listener that answers alone, or a project function handed the
 *   answering function that does not call it on every path, is a path that never answers and is reported, named.
 * An unknown key (`this.requestHandlers[type]` undefined) throws a TypeError at `.call`, which the same flow treats as
 * a throw. (A key naming an Object.prototype member, `constructor` or `toString`, would call that instead: Alexa
 * sends no such request type or intent name.)
 */

const MAX_DEPTH = 8;

/** What a function does, given the roles of its parameters. */
type Verdict =
  | { kind: "settles"; sites: Node[] }
  | { kind: "unsettled"; why: string; via?: string[] }
  | { kind: "unknown"; why: string; via?: string[] };

interface Klass {
  ctor: FunctionLike;
  name: string;
  file: SourceFile;
}

interface Skill {
  chain: Klass[];
  /** The chain's files and the project files that require them (to a fixpoint). */
  files: SourceFile[];
}

/** A class whose instances hold the context (`this._context = context`) and answer through it in its methods. */
interface Holder {
  name: string;
  member: string;
  /** Its prototype's methods: the sites that answer in them, or why settle cannot follow them. */
  methods: Map<string, { fn: FunctionLike; sites: Node[]; why?: string }>;
  newExpression: NewExpression;
}

interface Roles {
  ctx?: number;
  holder?: { index: number; holder: Holder };
  skill?: Skill;
}

/**
 * `recv.m(…, context, …)` where `recv` is `new C(…)` of a project class (or a variable holding it): the adapter when
 * every path of the method answers through the context, a problem naming the path that does not, undefined when the
 * call is not of this shape (the caller treats the context as not handed to anything that answers).
 */
export function classifyPrototypeDispatch(ref: Node, call: CallExpression): ContextHandoff | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const index = call.getArguments().indexOf(ref);
  if (index < 0 || call.getArguments().some((a) => Node.isSpreadElement(a))) return undefined;
  const ctorRef = constructedClassOf(callee.getExpression());
  if (!ctorRef) return undefined;
  const chain = classChain(ctorRef);
  if (!chain) return undefined;
  const skill: Skill = { chain, files: relatedFiles(chain.map((k) => k.file)) };
  const method = methodOf(skill, callee.getName());
  if (!method) return undefined;
  // Without a use of the context in the method, nothing answers through it here.
  const param = method.fn.getParameters()[index];
  if (!param || referencesTo(method.fn, param).length === 0) return undefined;
  // A class whose files never answer through a context (a logger reading context.awsRequestId): nothing to follow.
  const handler = outermostFunction(ref);
  const answers = (f: SourceFile) => contextSitesIn(f).some((p) => !(handler && within(p, handler)));
  if (![...new Set(chain.map((k) => k.file))].some(answers)) return undefined;
  const verdict = analyse(method.fn, { ctx: index, skill }, 0, []);
  const what = `${callee.getText().replace(/\s+/g, " ")}(…) (${method.where})`;
  if (verdict.kind === "settles") return { kind: "adapter", helper: method.fn, sites: verdict.sites };
  // Every answer of the class's files (the framework's, beside the handler): they answer for this handler, which stays.
  const sites = [...new Set(chain.map((k) => k.file))].flatMap((f) => contextSitesIn(f).filter((p) => !(handler && within(p, handler))));
  // The functions the dispatch went through to where it stops (the intent's name among them).
  const via = verdict.via && verdict.via.length > 1 ? `, reached through ${verdict.via.join(" → ")}` : "";
  if (verdict.kind === "unsettled") {
    return {
      kind: "problem",
      sites,
      reason: `context is handed to ${what}, which answers through the functions it dispatches to, but ${verdict.why}${via}: the old runtime then answered null once the event loop was empty, while a promise would never settle; make that path answer as the others do (${verdict.why.includes('"error" listener') ? "in the \"error\" listener, answer with the failure" : "end it with an answer, or a throw the dispatch catches"}), and run settle again`,
    };
  }
  return {
    kind: "problem",
    sites,
    reason: `context is handed to ${what}, which answers through the functions it dispatches to, but settle cannot follow it all the way (${verdict.why}${via}): make the handler return a promise and hand the dispatch resolve/reject (or an adapter object whose succeed/fail call them) instead of the context`,
  };
}

/** `new C(…)` as written, or a variable of the function initialized with it and never written again: C's reference. */
function constructedClassOf(recv: Node): Node | undefined {
  while (Node.isParenthesizedExpression(recv)) recv = recv.getExpression();
  if (Node.isNewExpression(recv)) {
    const c = recv.getExpression();
    return Node.isIdentifier(c) ? c : undefined;
  }
  if (!Node.isIdentifier(recv)) return undefined;
  const declaration = declarationNodes(recv)[0];
  if (!declaration || !Node.isVariableDeclaration(declaration) || declarationNodes(recv).length !== 1) return undefined;
  const init = declaration.getInitializer();
  if (!init || !Node.isNewExpression(init) || !Node.isIdentifier(init.getExpression())) return undefined;
  const fn = ownerOf(declaration);
  const name = declaration.getNameNode();
  // After a run the call is inside the promise's executor, within the function that declares the variable.
  if (!fn || !Node.isIdentifier(name) || !within(recv, fn)) return undefined;
  // Written again, or handed on: another object may be called.
  for (const id of fn.getDescendantsOfKind(SyntaxKind.Identifier)) {
    if (id === name || id.getText() !== name.getText()) continue;
    const parent = id.getParentOrThrow();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) continue;
    if (!(Node.isPropertyAccessExpression(parent) && parent.getExpression() === id && isCallee(parent))) return undefined;
  }
  return init.getExpression();
}

function isCallee(access: Node): boolean {
  const parent = access.getParent();
  return !!parent && Node.isCallExpression(parent) && parent.getExpression() === access;
}

function isWriteTarget(access: Node): Node | undefined {
  const parent = access.getParent();
  if (parent && Node.isBinaryExpression(parent) && parent.getLeft() === access) {
    const op = parent.getOperatorToken().getKind();
    if (op === SyntaxKind.EqualsToken) return parent.getRight();
    if (op >= SyntaxKind.FirstAssignment && op <= SyntaxKind.LastAssignment) return parent;
  }
  if (parent && (Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent) || Node.isDeleteExpression(parent))) return parent;
  return undefined;
}

/** A constructor function's name at the top of its file: `function C() {}` or `var C = function () {}`. */
function classOf(fn: FunctionLike): Klass | undefined {
  const file = fn.getSourceFile();
  if (Node.isFunctionDeclaration(fn)) {
    const name = fn.getName();
    return name && fn.getParent() === file ? { ctor: fn, name, file } : undefined;
  }
  if (!Node.isFunctionExpression(fn)) return undefined;
  const parent = fn.getParent();
  if (!Node.isVariableDeclaration(parent) || parent.getVariableStatement()?.getParent() !== file) return undefined;
  return { ctor: fn, name: parent.getName(), file };
}

/** `Name.prototype = X;` statements at the top of the file. */
function prototypeAssignments(file: SourceFile, name: string) {
  return file.getStatements().flatMap((s) => {
    if (!Node.isExpressionStatement(s)) return [];
    const e = s.getExpression();
    if (!Node.isBinaryExpression(e) || e.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return [];
    return e.getLeft().getText().replace(/\s+/g, "") === `${name}.prototype` ? [e] : [];
  });
}

function classChain(ctorRef: Node): Klass[] | undefined {
  const chain: Klass[] = [];
  let ref: Node | undefined = ctorRef;
  while (ref) {
    if (chain.length > 4) return undefined;
    const ctor = projectFunctionOf(ref);
    const klass = ctor && classOf(ctor);
    if (!klass || chain.some((k) => k.ctor === klass.ctor)) return undefined;
    chain.push(klass);
    const writes = prototypeAssignments(klass.file, klass.name);
    if (writes.length > 1) return undefined;
    ref = undefined;
    const right = writes[0]?.getRight();
    if (!right) break;
    // `C.prototype = Object.create(B.prototype)`
    if (Node.isCallExpression(right) && right.getExpression().getText() === "Object.create" && right.getArguments().length === 1) {
      const base = right.getArguments()[0];
      if (!Node.isPropertyAccessExpression(base) || base.getName() !== "prototype" || !Node.isIdentifier(base.getExpression())) return undefined;
      ref = base.getExpression();
      continue;
    }
    if (!Node.isObjectLiteralExpression(right)) return undefined;
  }
  return chain;
}

/** The files of `roots` and the project files that require or import one of them, to a fixpoint. */
function relatedFiles(roots: SourceFile[]): SourceFile[] {
  const files = new Set(roots);
  // Each other file's relative requires and imports, resolved once (local-modules.ts).
  const requires = new Map<SourceFile, SourceFile[]>();
  for (const f of roots[0].getProject().getSourceFiles()) {
    if (f.isInNodeModules() || f.isDeclarationFile() || files.has(f)) continue;
    const specs = [...f.getDescendantsOfKind(SyntaxKind.CallExpression).map(requiredModule), ...f.getImportDeclarations().map((i) => i.getModuleSpecifierValue())];
    requires.set(f, specs.flatMap((spec) => (spec?.startsWith(".") ? (resolveLocalModule(f, spec) ?? []) : [])));
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const [f, modules] of requires) {
      if (files.has(f) || !modules.some((m) => files.has(m))) continue;
      files.add(f);
      grew = true;
    }
  }
  return [...files];
}

/** The one definition of method `m` the skill's files give: `X.prototype.m = function`, or a member of a literal prototype. */
function methodOf(skill: Skill, m: string): { fn: FunctionLike; where: string } | undefined {
  const found: FunctionLike[] = [];
  /** Definitions on a prototype outside the chain: another class's, which the receiver does not have. */
  let foreign = false;
  for (const file of skill.files) {
    for (const access of file.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
      if (access.getName() !== m) continue;
      const value = isWriteTarget(access);
      if (!value) continue;
      const on = access.getExpression().getText().replace(/\s+/g, "");
      if (!on.endsWith(".prototype") || !isFunctionLike(value)) return undefined;
      if (!skill.chain.some((k) => k.file === file && on === `${k.name}.prototype`)) foreign = true;
      found.push(value);
    }
  }
  if (foreign) return undefined;
  for (const klass of skill.chain) {
    const literal = prototypeAssignments(klass.file, klass.name)[0]?.getRight();
    if (literal && Node.isObjectLiteralExpression(literal)) {
      for (const p of literal.getProperties()) if ((p as { getName?: () => string }).getName?.() === m) {
        const fn = memberFunction(p);
        if (!fn) return undefined;
        found.push(fn);
      }
    }
  }
  if (found.length !== 1 || Node.isArrowFunction(found[0])) return undefined;
  const fn = found[0];
  const parent = fn.getParent();
  const name = parent && Node.isBinaryExpression(parent) ? parent.getLeft().getText().replace(/\s+/g, "") : m;
  return { fn, where: `${name}, ${fileLine(fn)}` };
}

function memberFunction(p: Node): FunctionLike | undefined {
  if (Node.isMethodDeclaration(p)) return p;
  if (Node.isPropertyAssignment(p)) {
    const init = p.getInitializer();
    if (init && (Node.isFunctionExpression(init) || Node.isArrowFunction(init))) return init;
  }
  return undefined;
}

const tableCache = new WeakMap<SourceFile, Map<string, Map<string, FunctionLike[]> | null>>();

/**
 * The functions a table member `T` of the skill's objects may hold, by key: those of every object literal assigned
 * to `X.prototype.T` and every function assigned to `X.T.k` in the skill's files. Undefined when a file uses `.T`
 * in another way (handed on, stored, written with something else, read with a computed name).
 */
function tableOf(skill: Skill, table: string): Map<string, FunctionLike[]> | undefined {
  const key = skill.files.map((f) => f.getFilePath()).sort().join("\n") + "\n" + table;
  const first = skill.files[0];
  let cache = tableCache.get(first);
  if (!cache) tableCache.set(first, (cache = new Map()));
  if (cache.has(key)) return cache.get(key) ?? undefined;
  const result = computeTable(skill, table);
  cache.set(key, result ?? null);
  return result;
}

function computeTable(skill: Skill, table: string): Map<string, FunctionLike[]> | undefined {
  const members = new Map<string, FunctionLike[]>();
  const add = (k: string, fn: FunctionLike) => members.set(k, [...(members.get(k) ?? []), fn]);
  for (const file of skill.files) {
    for (const e of file.getDescendantsOfKind(SyntaxKind.ElementAccessExpression)) {
      const arg = e.getArgumentExpression();
      if (arg && Node.isStringLiteral(arg) && arg.getLiteralText() === table) return undefined;
    }
    for (const access of file.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
      if (access.getName() !== table) continue;
      const value = isWriteTarget(access);
      if (value) {
        if (!access.getExpression().getText().replace(/\s+/g, "").endsWith(".prototype") || !Node.isObjectLiteralExpression(value)) return undefined;
        for (const p of (value as ObjectLiteralExpression).getProperties()) {
          const fn = memberFunction(p);
          const name = Node.isPropertyAssignment(p) || Node.isMethodDeclaration(p) ? p.getNameNode() : undefined;
          if (!fn || !name || !(Node.isIdentifier(name) || Node.isStringLiteral(name))) return undefined;
          add(Node.isStringLiteral(name) ? name.getLiteralText() : name.getText(), fn);
        }
        continue;
      }
      const parent = access.getParentOrThrow();
      if (Node.isElementAccessExpression(parent) && parent.getExpression() === access) {
        if (isWriteTarget(parent)) return undefined;
        continue;
      }
      if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === access) {
        const assigned = isWriteTarget(parent);
        if (assigned) {
          if (!isFunctionLike(assigned)) return undefined;
          add(parent.getName(), assigned);
          continue;
        }
        // `this.T.k(…)` or `this.T.k.call(…)`, as callee only.
        const grand = parent.getParentOrThrow();
        if (isCallee(parent)) continue;
        if (Node.isPropertyAccessExpression(grand) && grand.getName() === "call" && isCallee(grand)) continue;
        return undefined;
      }
      // `register(Skill.prototype.T, …)` (scoreKeeper): a project function that only writes functions into it.
      if (Node.isCallExpression(parent) && parent.getArguments().includes(access)) {
        const written = writtenInto(parent, parent.getArguments().indexOf(access));
        if (!written) return undefined;
        for (const [k, fn] of written) add(k, fn);
        continue;
      }
      return undefined;
    }
  }
  return members;
}

/**
 * The functions `call`'s target writes into its parameter `index` (`eventHandlers.onLaunch = function …`,
 * `intentHandlers["AMAZON.HelpIntent"] = function …`), by key; undefined when it uses the parameter otherwise.
 */
function writtenInto(call: CallExpression, index: number): [string, FunctionLike][] | undefined {
  const target = projectFunctionOf(call.getExpression());
  const param = target?.getParameters()[index];
  if (!target || !param || !Node.isIdentifier(param.getNameNode())) return undefined;
  const written: [string, FunctionLike][] = [];
  for (const ref of referencesTo(target, param)) {
    const parent = ref.getParentOrThrow();
    let key: string | undefined;
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === ref) key = parent.getName();
    else if (Node.isElementAccessExpression(parent) && parent.getExpression() === ref) {
      const arg = parent.getArgumentExpression();
      if (arg && Node.isStringLiteral(arg)) key = arg.getLiteralText();
    }
    const value = key === undefined ? undefined : isWriteTarget(parent);
    if (key === undefined || !value || !isFunctionLike(value)) return undefined;
    written.push([key, value]);
  }
  return written;
}

/** The functions `.call(this, …)` or a direct call on `target` may reach, with whether `this` stays the skill. */
function dispatchTargets(target: Node, fn: FunctionLike, skill: Skill | undefined): FunctionLike[] | string {
  if (!skill) return "the dispatch does not run on the skill's object";
  let access: Node = target;
  if (Node.isIdentifier(target)) {
    const declaration = declarationNodes(target)[0];
    if (!declaration || !Node.isVariableDeclaration(declaration) || ownerOf(declaration) !== fn || !declaration.getInitializer()) return `${target.getText()} is not a variable settle follows`;
    const name = declaration.getNameNode();
    for (const id of fn.getDescendantsOfKind(SyntaxKind.Identifier)) {
      if (id === name || id.getText() !== target.getText()) continue;
      const parent = id.getParentOrThrow();
      if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) continue;
      if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === id && parent.getName() === "call" && isCallee(parent)) continue;
      if (Node.isIfStatement(parent) && parent.getExpression() === id) continue;
      return `${target.getText()} is used in another way at ${fileLine(id)}`;
    }
    access = declaration.getInitializer()!;
  }
  let key: string | undefined;
  let tableAccess: Node;
  if (Node.isElementAccessExpression(access)) tableAccess = access.getExpression();
  else if (Node.isPropertyAccessExpression(access)) {
    key = access.getName();
    tableAccess = access.getExpression();
  } else return `${access.getText()} is not a table of the skill`;
  if (!Node.isPropertyAccessExpression(tableAccess) || tableAccess.getExpression().getKind() !== SyntaxKind.ThisKeyword) return `${access.getText()} is not a table of the skill`;
  const table = tableOf(skill, tableAccess.getName());
  if (!table) return `this.${tableAccess.getName()} is used in a way settle does not follow`;
  const found = key === undefined ? [...table.values()].flat() : (table.get(key) ?? []);
  if (found.length === 0) return `settle finds no function for ${access.getText()}`;
  return found;
}

/** The class `new R(…, context, …)` builds, when its constructor stores that argument in a member its methods answer through. */
function holderOf(expr: NewExpression, index: number): Holder | string {
  const c = expr.getExpression();
  const ctor = Node.isIdentifier(c) ? projectFunctionOf(c) : undefined;
  const klass = ctor && classOf(ctor);
  if (!klass) return `${c.getText()} is not a constructor settle follows`;
  const param = klass.ctor.getParameters()[index];
  const refs = param ? referencesTo(klass.ctor, param) : [];
  const store = refs[0]?.getParent();
  if (refs.length !== 1 || !store || !Node.isBinaryExpression(store) || store.getRight() !== refs[0] || store.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return `${klass.name} uses the context in another way`;
  const left = store.getLeft();
  if (!Node.isPropertyAccessExpression(left) || left.getExpression().getKind() !== SyntaxKind.ThisKeyword || store.getParent()?.getParent() !== klass.ctor.getBody()) return `${klass.name} does not store the context in a member of its own`;
  const member = left.getName();
  const file = klass.file;
  // Built once, here; not exported (its name used only in its file, as `new R` or `R.prototype`).
  const uses = file.getDescendantsOfKind(SyntaxKind.Identifier).filter((id) => {
    const p = id.getParent();
    return id.getText() === klass.name && !(Node.isPropertyAccessExpression(p) && p.getNameNode() === id);
  });
  const news = uses.filter((id) => Node.isNewExpression(id.getParent()));
  if (news.length !== 1 || news[0].getParent() !== expr) return `${klass.name} is built elsewhere too`;
  const stray = uses.find((id) => {
    const p = id.getParentOrThrow();
    if (Node.isNewExpression(p) && p.getExpression() === id) return false;
    if ((Node.isVariableDeclaration(p) || Node.isFunctionDeclaration(p)) && p.getNameNode() === id) return false;
    return !(Node.isPropertyAccessExpression(p) && p.getName() === "prototype");
  });
  if (stray) return `${klass.name} is used in another way (${fileLine(stray)})`;
  const methods: Holder["methods"] = new Map();
  const addMethods = (literal: ObjectLiteralExpression) => {
    for (const p of literal.getProperties()) {
      const fn = memberFunction(p);
      if (fn && (Node.isPropertyAssignment(p) || Node.isMethodDeclaration(p))) methods.set(p.getName().replace(/^["']|["']$/g, ""), { fn, sites: [] });
    }
  };
  const writes = prototypeAssignments(file, klass.name);
  if (writes.length > 1) return `${klass.name}.prototype is assigned more than once`;
  let proto: Node | undefined = writes[0]?.getRight();
  // `R.prototype = (function () { …; return { tell: function () {…} }; })();`
  if (proto && Node.isCallExpression(proto) && proto.getArguments().length === 0) {
    let f: Node = proto.getExpression();
    while (Node.isParenthesizedExpression(f)) f = f.getExpression();
    const body = Node.isFunctionExpression(f) ? f.getBody() : undefined;
    const returns = Node.isFunctionExpression(f) ? f.getDescendantsOfKind(SyntaxKind.ReturnStatement).filter((r) => ownerOf(r) === f) : [];
    const last = body && Node.isBlock(body) ? body.getStatements().at(-1) : undefined;
    proto = returns.length === 1 && last === returns[0] ? returns[0].getExpression() : undefined;
    if (!proto) return `${klass.name}.prototype is built in a way settle does not follow`;
  }
  if (proto && !Node.isObjectLiteralExpression(proto)) return `${klass.name}.prototype is not an object literal`;
  if (proto) addMethods(proto as ObjectLiteralExpression);
  for (const access of file.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    if (access.getExpression().getText().replace(/\s+/g, "") !== `${klass.name}.prototype`) continue;
    const value = isWriteTarget(access);
    if (!value) continue;
    if (!isFunctionLike(value) || methods.has(access.getName())) return `${klass.name}.prototype.${access.getName()} is written in a way settle does not follow`;
    methods.set(access.getName(), { fn: value, sites: [] });
  }
  // Every use of the member: the store, or `this.member.succeed/fail/done(…)` / a read in a method of the prototype.
  const marks = new Map<FunctionLike, Node[]>();
  const byFn = new Map([...methods.values()].map((m) => [m.fn as Node, m]));
  for (const access of file.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    if (access.getName() !== member || access === left) continue;
    const owner = ownerOf(access);
    const m = owner && byFn.get(owner);
    if (!m || access.getExpression().getKind() !== SyntaxKind.ThisKeyword || Node.isArrowFunction(owner)) return `${klass.name}'s ${member} is used outside its methods (${fileLine(access)})`;
    const parent = access.getParentOrThrow();
    if (!Node.isPropertyAccessExpression(parent) || parent.getExpression() !== access || isWriteTarget(parent)) return `${klass.name}'s ${member} is used in another way (${fileLine(access)})`;
    if (!CONTEXT_METHODS.has(parent.getName())) continue;
    if (!isCallee(parent)) return `${klass.name} passes ${member}.${parent.getName()} on as a value (${fileLine(access)})`;
    m.sites.push(parent);
    marks.set(owner, [...(marks.get(owner) ?? []), parent.getParentOrThrow()]);
  }
  for (const m of methods.values()) {
    const own = marks.get(m.fn) ?? [];
    if (own.length > 0) m.why = unsettledPath(m.fn, own);
  }
  return { name: klass.name, member, methods, newExpression: expr };
}

function nameOf(fn: FunctionLike): string {
  if (Node.isFunctionDeclaration(fn) && fn.getName()) return fn.getName()!;
  const parent = fn.getParent();
  if (parent && Node.isVariableDeclaration(parent)) return parent.getName();
  if (parent && Node.isPropertyAssignment(parent)) return parent.getName();
  if (Node.isMethodDeclaration(fn)) return fn.getName();
  if (parent && Node.isBinaryExpression(parent)) return parent.getLeft().getText().replace(/\s+/g, "");
  return "a function";
}

function analyse(fn: FunctionLike, roles: Roles, depth: number, stack: FunctionLike[]): Verdict {
  const where = `${nameOf(fn)} (${fileLine(fn)})`;
  if (depth > MAX_DEPTH || stack.includes(fn)) return { kind: "unknown", why: `${where} is reached again through recursion` };
  const inner = [...stack, fn];
  const params = fn.getParameters();
  const marks: Node[] = [];
  const sites: Node[] = [];
  /** Calls the context or the holder is handed to, with the argument positions and what they carry. */
  const handed = new Map<CallExpression, Map<number, "ctx" | Holder>>();
  const hand = (call: CallExpression, arg: Node, role: "ctx" | Holder) => {
    const i = call.getArguments().indexOf(arg);
    if (!handed.has(call)) handed.set(call, new Map());
    handed.get(call)!.set(i, role);
  };
  if (roles.ctx !== undefined) {
    const param = params[roles.ctx];
    if (param && !Node.isIdentifier(param.getNameNode())) return { kind: "unknown", why: `${where} takes the context apart` };
    for (const ref of param ? referencesTo(fn, param) : []) {
      const parent = ref.getParentOrThrow();
      if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === ref) {
        if (CONTEXT_METHODS.has(parent.getName())) {
          if (!isCallee(parent)) return { kind: "unknown", why: `${where} passes context.${parent.getName()} on as a value` };
          marks.push(parent.getParentOrThrow());
          sites.push(parent);
        } else if (isWriteTarget(parent)) return { kind: "unknown", why: `${where} writes the context's ${parent.getName()}` };
        continue;
      }
      if (Node.isCallExpression(parent) && parent.getArguments().includes(ref)) {
        hand(parent, ref, "ctx");
        continue;
      }
      if (Node.isNewExpression(parent) && parent.getArguments().includes(ref)) {
        const call = parent.getParent();
        if (!call || !Node.isCallExpression(call) || !call.getArguments().includes(parent)) return { kind: "unknown", why: `${where} builds ${parent.getExpression().getText()} with the context outside a call` };
        const holder = holderOf(parent, parent.getArguments().indexOf(ref));
        if (typeof holder === "string") return { kind: "unknown", why: holder };
        hand(call, parent, holder);
        // Built here only, with this context: every answer in its methods goes through the adapter.
        for (const m of holder.methods.values()) sites.push(...m.sites);
        continue;
      }
      return { kind: "unknown", why: `${where} stores, returns or tests the context (${fileLine(ref)})` };
    }
  }
  if (roles.holder) {
    const { holder, index } = roles.holder;
    const param = params[index];
    if (param && !Node.isIdentifier(param.getNameNode())) return { kind: "unknown", why: `${where} takes ${holder.name} apart` };
    for (const ref of param ? referencesTo(fn, param) : []) {
      const parent = ref.getParentOrThrow();
      if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === ref) {
        const method = holder.methods.get(parent.getName());
        if (isWriteTarget(parent)) return { kind: "unknown", why: `${where} writes ${ref.getText()}.${parent.getName()}` };
        if (!method) continue;
        if (!isCallee(parent)) return { kind: "unknown", why: `${where} takes ${ref.getText()}.${parent.getName()} as a value` };
        if (method.sites.length === 0) continue;
        if (method.why) return { kind: "unknown", why: `${holder.name}'s ${parent.getName()} (${fileLine(method.fn)}) answers ${method.why}` };
        marks.push(parent.getParentOrThrow());
        sites.push(...method.sites);
        continue;
      }
      if (Node.isCallExpression(parent) && parent.getArguments().includes(ref)) {
        hand(parent, ref, holder);
        continue;
      }
      return { kind: "unknown", why: `${where} stores, returns or tests ${ref.getText()} (${fileLine(ref)})` };
    }
  }
  for (const [call, args] of handed) {
    const callee = call.getExpression();
    let targets: FunctionLike[] | string;
    let shift = 0;
    let skill: Skill | undefined;
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === "call" && call.getArguments()[0]?.getKind() === SyntaxKind.ThisKeyword) {
      targets = dispatchTargets(callee.getExpression(), fn, roles.skill);
      shift = 1;
      skill = roles.skill;
    } else if (Node.isPropertyAccessExpression(callee) && isThisMember(callee.getExpression())) {
      targets = dispatchTargets(callee, fn, roles.skill);
    } else if (Node.isPropertyAccessExpression(callee) && callee.getExpression().getKind() === SyntaxKind.ThisKeyword) {
      // `this.m(…)`: the skill's method as its prototype chain gives it (a subclass may override it), on the skill.
      const method = roles.skill ? methodOf(roles.skill, callee.getName()) : undefined;
      targets = method ? [method.fn] : `${where} hands it to ${callee.getText()}, which settle cannot follow`;
      skill = roles.skill;
    } else {
      const target = projectFunctionOf(callee);
      targets = target ? [target] : `${where} hands it to ${callee.getText()}, which settle cannot follow`;
    }
    if (typeof targets === "string") return { kind: "unknown", why: targets };
    const next: Roles = { skill };
    for (const [i, role] of args) {
      if (i - shift < 0) return { kind: "unknown", why: `${where} hands it to ${callee.getText()} as its this` };
      if (role === "ctx") next.ctx = i - shift;
      else next.holder = { index: i - shift, holder: role };
    }
    for (const target of targets) {
      const verdict = analyse(target, Node.isArrowFunction(target) ? { ...next, skill: undefined } : next, depth + 1, inner);
      if (verdict.kind !== "settles") return { ...verdict, via: [nameOf(target), ...(verdict.via ?? [])] };
      sites.push(...verdict.sites);
    }
    marks.push(call);
  }
  const unsettled = unsettledPath(fn, marks);
  if (unsettled) return { kind: "unsettled", why: `${where} answers ${unsettled}` };
  const quiet = quietPathOf(fn, marks);
  if (quiet) return { kind: "unsettled", why: `${where} has a path that never answers (${quiet})` };
  return { kind: "settles", sites };
}

/**
 * A path unsettledPath does not see: an "error" listener that answers nothing beside work whose callback answers, a
 * "data" listener that answers alone, or a project function handed an answering function that does not call it on
 * every path (or whose own "error" listener answers nothing).
 */
function quietPathOf(fn: FunctionLike, marks: Node[]): string | undefined {
  const quiet = firstQuietListenerOf(fn, marks);
  if (quiet) return `${fileLine(quiet.listener)}: ${listenerText(quiet)}`;
  for (const g of settlersOf(fn, marks)) {
    const uncalled = uncalledPathOf(g);
    if (uncalled) return `${uncalled.pathAt}: ${uncalled.handedOn ?? `${uncalled.name}() (${uncalled.where})`}, handed the function that answers, ends without calling ${uncalled.param}`;
    const call = g.getParent();
    if (!call || !Node.isCallExpression(call)) continue;
    const target = projectFunctionOf(call.getExpression());
    const param = target?.getParameters()[call.getArguments().indexOf(g as never)];
    if (!target || !param) continue;
    const calls = referencesTo(target, param).map((r) => r.getParentOrThrow()).filter((p) => Node.isCallExpression(p) && p.getExpression().getKind() === SyntaxKind.Identifier && p.getExpression().getText() === param.getName());
    const found = firstQuietListenerOf(target, calls);
    if (found) return `${fileLine(found.listener)}: in ${nameOf(target)}(), handed the function that answers, ${listenerText(found)} without calling ${param.getName()}`;
  }
  return undefined;
}

/** `….succeed/fail/done(…)` accesses below `node` (the sites a problem names). */
function contextSitesIn(node: Node): Node[] {
  return node.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression).filter((p) => CONTEXT_METHODS.has(p.getName()) && isCallee(p));
}

/** `this.T` */
function isThisMember(node: Node): boolean {
  return Node.isPropertyAccessExpression(node) && node.getExpression().getKind() === SyntaxKind.ThisKeyword;
}

/** `the "error" listener on https.get(…) answers nothing` */
function listenerText(q: { emitter: string; event: string }): string {
  const on = q.emitter.replace(/\s+/g, " ");
  return q.event === "error" ? `the "error" listener on ${on} answers nothing` : `the "data" listener on ${on} answers alone, and nothing answers when the data ends`;
}
