import { ts, type Node, type SourceFile } from "ts-morph";
import { isFunctionLike, type EntryPoint, type FunctionLike } from "./handlers/entry-point.js";
import { isCheckerFailure } from "./promises.js";

/**
 * The code that runs inside an invocation: entry points, the functions nested in them, and the
 * project functions they call (followed through the checker, across files). Computed lazily on the
 * first question, so a project without entry points never creates a type checker.
 */
export class InvocationScope {
  private readonly entries = new Map<FunctionLike, EntryPoint>();
  private reached?: Set<FunctionLike>;
  private byFile?: Map<SourceFile, FunctionLike[]>;

  /**
   * `reachedFromOutside`: functions of these files that entry points of another Project reach (a
   * handler of one package calling into another package with its own tsconfig); they run inside an
   * invocation too, without being entry points here.
   */
  constructor(entryPoints: EntryPoint[], private readonly reachedFromOutside: readonly FunctionLike[] = []) {
    for (const entry of entryPoints) this.entries.set(entry.fn, entry);
  }

  /** No entry point and nothing reached from outside: no function of the Project runs inside an invocation. */
  get isEmpty(): boolean {
    return this.entries.size === 0 && this.reachedFromOutside.length === 0;
  }

  /** The entry point this function is, if it is one. */
  entryPointOf(fn: FunctionLike): EntryPoint | undefined {
    return this.entries.get(fn);
  }

  get entryPoints(): EntryPoint[] {
    return [...this.entries.values()];
  }

  /** Whether the function runs inside an invocation. */
  contains(fn: FunctionLike): boolean {
    return this.reach().has(fn);
  }

  /**
   * The in-scope functions declared in other files than these (files of another Project's group,
   * or outside the run's paths), found while following calls out of this Project's files.
   */
  functionsOutside(own: ReadonlySet<SourceFile>): FunctionLike[] {
    return [...this.reach()].filter((fn) => !own.has(fn.getSourceFile()));
  }

  /** The in-scope functions declared in a file, in source order. */
  functionsIn(file: SourceFile): FunctionLike[] {
    if (this.isEmpty) return [];
    if (!this.byFile) {
      this.byFile = new Map();
      for (const fn of this.reach()) {
        const list = this.byFile.get(fn.getSourceFile()) ?? [];
        list.push(fn);
        this.byFile.set(fn.getSourceFile(), list);
      }
      for (const list of this.byFile.values()) list.sort((a, b) => a.getStart() - b.getStart());
    }
    return [...(this.byFile.get(file) ?? [])];
  }

  private reach(): Set<FunctionLike> {
    if (this.reached) return this.reached;
    const reached = new Set<FunctionLike>();
    const queue = [...this.entries.keys(), ...this.reachedFromOutside];
    if (queue.length === 0) return (this.reached = reached);
    // Walk and ask the checker with the compiler's nodes, types and signatures, and wrap only the
    // functions found: wrapping every call, callee, type and signature was a good part of a run's
    // time and garbage.
    const resolver: Resolver = { checker: queue[0].getProject().getTypeChecker().compilerObject, wrap: wrapperOf(queue[0]) };
    while (queue.length > 0) {
      const fn = queue.pop()!;
      if (reached.has(fn)) continue;
      reached.add(fn);
      const visit = (node: ts.Node): void => {
        if (FUNCTION_KINDS.has(node.kind)) {
          queue.push(resolver.wrap(node) as FunctionLike);
          return;
        }
        if (node.kind === ts.SyntaxKind.ClassDeclaration || node.kind === ts.SyntaxKind.ClassExpression) return;
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
          const call = node;
          const callee = unlessCheckerFails(() => resolveCallee(call, resolver));
          if (callee) queue.push(callee);
          for (const arg of node.arguments ?? []) {
            // Functions passed by name (`items.map(save)`, `.then(handle)`) run in the invocation too.
            if (ts.isIdentifier(arg) || ts.isPropertyAccessExpression(arg)) {
              const passed = unlessCheckerFails(() => declarationOfCallable(arg, resolver));
              if (passed) queue.push(passed);
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      ts.forEachChild(fn.compilerNode, visit);
    }
    return (this.reached = reached);
  }
}

/**
 * A call the checker fails to resolve (a stack overflow, see isCheckerFailure) is not followed:
 * the transform that looks at its statement asks again and reports it there, so one expression
 * never costs the whole project's entry points.
 */
function unlessCheckerFails<T>(resolve: () => T | undefined): T | undefined {
  try {
    return resolve();
  } catch (error) {
    if (!isCheckerFailure(error)) throw error;
    return undefined;
  }
}

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
function wrapperOf(anyNode: Node): (node: ts.Node) => Node {
  const files = new Map<ts.SourceFile, Wrapping>();
  return (node) => {
    const file = node.getSourceFile();
    let wrapped = files.get(file);
    if (!wrapped) files.set(file, (wrapped = (anyNode as unknown as Wrapping)._getNodeFromCompilerNode(file) as unknown as Wrapping));
    return wrapped._getNodeFromCompilerNode(node);
  };
}

const FUNCTION_KINDS = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
]);

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
  if (!declaration || !FUNCTION_KINDS.has(declaration.kind)) return undefined;
  if (isLibraryFile(declaration.getSourceFile())) return undefined;
  return inProject(resolver.wrap(declaration));
}

function inProject(declaration: Node | undefined): FunctionLike | undefined {
  if (!declaration || !isFunctionLike(declaration) || !declaration.getBody()) return undefined;
  const file = declaration.getSourceFile();
  if (file.isDeclarationFile() || file.isInNodeModules()) return undefined;
  return declaration;
}

const UNKNOWN = Symbol("unknown");

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
  const declaration = declarations[0];
  let target: ts.Node | undefined;
  if (ts.isFunctionDeclaration(declaration) && declaration.body && symbol.flags === ts.SymbolFlags.Function && !hasJsDocInJavaScript(declaration)) {
    target = declaration;
  } else if (isConstFunction(declaration) && symbol.flags === ts.SymbolFlags.BlockScopedVariable) target = skipParentheses(declaration.initializer!);
  if (!target) return UNKNOWN;
  if (isLibraryFile(target.getSourceFile())) return undefined;
  return inProject(resolver.wrap(target));
}

/** `const f = () => ...` / `const f = function () {...}`, without a type annotation (or, in JavaScript, a JSDoc type). */
function isConstFunction(declaration: ts.Declaration): declaration is ts.VariableDeclaration {
  if (!ts.isVariableDeclaration(declaration) || declaration.type || !declaration.initializer || !ts.isIdentifier(declaration.name)) return false;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return false;
  const initializer = skipParentheses(declaration.initializer);
  if (!ts.isArrowFunction(initializer) && !ts.isFunctionExpression(initializer)) return false;
  // A JSDoc `@type` on the declaration or its statement gives the variable another type than its initializer.
  return !hasJsDocInJavaScript(declaration) && !hasJsDocInJavaScript(list.parent);
}

/** In JavaScript a JSDoc tag (`@type`, `@param`, ...) can give a function another signature than its own. */
function hasJsDocInJavaScript(node: ts.Node): boolean {
  return /\.[cm]?jsx?$/.test(node.getSourceFile().fileName) && ts.getJSDocTags(node).length > 0;
}

function skipParentheses(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

function isLibraryFile(file: ts.SourceFile): boolean {
  return file.isDeclarationFile || file.fileName.includes("/node_modules/");
}
