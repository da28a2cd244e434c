import { ts, type Node } from "ts-morph";
import { isFunctionLike, type FunctionLike } from "../handlers/entry-point.js";
import { isCheckerFailure } from "./oracle.js";

/**
 * Which project functions an invocation reaches (src/invocation.ts walks the bodies; the backends
 * answer where a call or a function passed by name leads). A reach site is a compiler node of the
 * walked function: a call or `new` expression (where its callee resolves) or an identifier or
 * property access passed as an argument (`items.map(save)`, `.then(handle)`: the function it names).
 */
export type ReachSite = ts.CallExpression | ts.NewExpression | ts.Identifier | ts.PropertyAccessExpression;

export const REACH_FUNCTION_KINDS = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
]);

/**
 * A site the checker fails to resolve (a stack overflow, see isCheckerFailure) is not followed:
 * the transform that looks at its statement asks again and reports it there, so one expression
 * never costs the whole project's entry points.
 */
export function unlessCheckerFails<T>(resolve: () => T | undefined): T | undefined {
  try {
    return resolve();
  } catch (error) {
    if (!isCheckerFailure(error)) throw error;
    return undefined;
  }
}

/** A function-like declaration with a body, outside declaration files and node_modules. */
export function inProject(declaration: Node | undefined): FunctionLike | undefined {
  if (!declaration || !isFunctionLike(declaration) || !declaration.getBody()) return undefined;
  const file = declaration.getSourceFile();
  if (file.isDeclarationFile() || file.isInNodeModules()) return undefined;
  return declaration;
}

export const UNKNOWN = Symbol("unknown");

/** `const f = () => ...` / `const f = function () {...}`, without a type annotation (or, in JavaScript, a JSDoc type). */
export function isConstFunction(declaration: ts.Node): declaration is ts.VariableDeclaration {
  if (!ts.isVariableDeclaration(declaration) || declaration.type || !declaration.initializer || !ts.isIdentifier(declaration.name)) return false;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return false;
  const initializer = skipParentheses(declaration.initializer);
  if (!ts.isArrowFunction(initializer) && !ts.isFunctionExpression(initializer)) return false;
  // A JSDoc `@type` on the declaration or its statement gives the variable another type than its initializer.
  return !hasJsDocInJavaScript(declaration) && !hasJsDocInJavaScript(list.parent);
}

/** In JavaScript a JSDoc tag (`@type`, `@param`, ...) can give a function another signature than its own. */
export function hasJsDocInJavaScript(node: ts.Node): boolean {
  return /\.[cm]?jsx?$/.test(node.getSourceFile().fileName) && ts.getJSDocTags(node).length > 0;
}

export function skipParentheses(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

export function isLibraryFile(file: ts.SourceFile): boolean {
  return file.isDeclarationFile || file.fileName.includes("/node_modules/");
}

/** A path the native compiler names: a declaration file or a file under node_modules. */
export function isLibraryPath(file: string): boolean {
  return /\.d\.[cm]?ts$/.test(file) || /\.d\.[^/]*\.ts$/.test(file) || file.includes("/node_modules/");
}

/**
 * The symbol-only answer for a callee named by an identifier, from its (alias-resolved) symbol's flags
 * and declarations (compiler nodes of ts-morph's files): an identifier naming one function
 * declaration, or a `const` initialised with a function and not annotated, has that function's one
 * signature. UNKNOWN: ask the type. Library declarations are for the caller to rule out first.
 */
export function targetOfSymbol(flags: number, declaration: ts.Node): ts.Node | typeof UNKNOWN {
  if (ts.isFunctionDeclaration(declaration) && declaration.body && flags === ts.SymbolFlags.Function && !hasJsDocInJavaScript(declaration)) return declaration;
  if (isConstFunction(declaration) && flags === ts.SymbolFlags.BlockScopedVariable) return skipParentheses(declaration.initializer!);
  return UNKNOWN;
}

// ---- TypeScript 6: ts-morph's checker, with the compiler's nodes, types and signatures ----

interface Resolver {
  checker: ts.TypeChecker;
  /** The ts-morph node of a compiler node of the Project. */
  wrap(node: ts.Node): Node;
}

type Wrapping = { _getNodeFromCompilerNode(n: ts.Node): Node };

/**
 * ts-morph's node for a compiler node of the Project. ts-morph wraps a node with the source file of
 * the node it is asked through, so a node is asked through its own file's node (a declaration found
 * in another file, wrapped through the caller's file, would read its positions in the wrong text).
 */
export function wrapperOf(anyNode: Node): (node: ts.Node) => Node {
  const files = new Map<ts.SourceFile, Wrapping>();
  return (node) => {
    const file = node.getSourceFile();
    let wrapped = files.get(file);
    if (!wrapped) files.set(file, (wrapped = (anyNode as unknown as Wrapping)._getNodeFromCompilerNode(file) as unknown as Wrapping));
    return wrapped._getNodeFromCompilerNode(node);
  };
}

/** TypeScript 6's answers: for each site, the project function it reaches, if any. */
export function reachTargets6(within: Node, sites: readonly ReachSite[]): (FunctionLike | undefined)[] {
  // Walk and ask the checker with the compiler's nodes, types and signatures, and wrap only the
  // functions found: wrapping every call, callee, type and signature was a good part of a run's
  // time and garbage.
  // A wrapper per question: one kept for the Project would keep the trees of re-parsed files alive.
  const resolver: Resolver = { checker: within.getProject().getTypeChecker().compilerObject, wrap: wrapperOf(within) };
  return sites.map((site) =>
    unlessCheckerFails(() => (ts.isCallExpression(site) || ts.isNewExpression(site) ? resolveCallee(site, resolver) : declarationOfCallable(site, resolver))),
  );
}

/**
 * The project function a call resolves to (not a declaration file, not node_modules). Resolving the
 * call checks every argument; the callee's own signatures usually settle it more cheaply: the
 * resolved signature is always one of them, so when none is a project function the answer is none,
 * and when there is only one it is that one. Overloads and union or intersection callees still go
 * through the checker's overload resolution.
 */
function resolveCallee(call: ts.CallExpression | ts.NewExpression, resolver: Resolver): FunctionLike | undefined {
  const named = resolveByName(call.expression, resolver);
  if (named !== UNKNOWN) return named;
  const { checker } = resolver;
  const calleeType = checker.getTypeAtLocation(call.expression);
  if (!calleeType.isUnion() && !calleeType.isIntersection()) {
    const isNew = ts.isNewExpression(call);
    let signatures = checker.getSignaturesOfType(calleeType, isNew ? ts.SignatureKind.Construct : ts.SignatureKind.Call);
    // `new f()` on a function without construct signatures resolves against its call signatures.
    if (isNew && signatures.length === 0) signatures = checker.getSignaturesOfType(calleeType, ts.SignatureKind.Call);
    const targets = signatures.map((s) => projectFunctionOf(s, resolver));
    if (targets.every((t) => t === undefined)) return undefined;
    if (signatures.length === 1) return targets[0];
  }
  const signature = checker.getResolvedSignature(call);
  return signature ? projectFunctionOf(signature, resolver) : undefined;
}

function declarationOfCallable(node: ts.Expression, resolver: Resolver): FunctionLike | undefined {
  const named = resolveByName(node, resolver);
  if (named !== UNKNOWN) return named;
  const signatures = resolver.checker.getSignaturesOfType(resolver.checker.getTypeAtLocation(node), ts.SignatureKind.Call);
  return signatures.length === 1 ? projectFunctionOf(signatures[0], resolver) : undefined;
}

/** The signature's declaration when it is a project function with a body; lib and node_modules declarations are never wrapped. */
function projectFunctionOf(signature: ts.Signature, resolver: Resolver): FunctionLike | undefined {
  const declaration = signature.getDeclaration() as ts.Declaration | undefined;
  if (!declaration || !REACH_FUNCTION_KINDS.has(declaration.kind)) return undefined;
  if (isLibraryFile(declaration.getSourceFile())) return undefined;
  return inProject(resolver.wrap(declaration));
}

/**
 * The same answer as the callee's type gives, read from its symbol alone where the symbol settles it:
 * an identifier naming (through imports) one function declaration, or a `const` initialised with a
 * function and not annotated, has that function's one signature; functions declared only in
 * declaration files have no project function. The symbol is resolved by name (and module resolution
 * for imports), without computing the type of anything; everything else asks the type, as before.
 */
function resolveByName(node: ts.Expression, resolver: Resolver): FunctionLike | undefined | typeof UNKNOWN {
  if (!ts.isIdentifier(node)) return UNKNOWN;
  const { checker } = resolver;
  let symbol = checker.getSymbolAtLocation(node);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declarations = symbol?.declarations;
  if (!symbol || !declarations || declarations.length === 0 || symbol.flags & ts.SymbolFlags.Transient) return UNKNOWN;
  if (declarations.every((d) => ts.isFunctionDeclaration(d) && !d.body && isLibraryFile(d.getSourceFile()))) return undefined;
  if (declarations.length !== 1) return UNKNOWN;
  const target = targetOfSymbol(symbol.flags, declarations[0]);
  if (target === UNKNOWN) return UNKNOWN;
  if (isLibraryFile(target.getSourceFile())) return undefined;
  return inProject(resolver.wrap(target));
}
