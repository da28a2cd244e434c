import { Node, ts, type CallExpression, type NewExpression, type Signature, type SourceFile } from "ts-morph";
import { isFunctionLike, type EntryPoint, type FunctionLike } from "./handlers/entry-point.js";

/**
 * The code that runs inside an invocation: entry points, the functions nested in them, and the
 * project functions they call (followed through the checker, across files). Computed lazily on the
 * first question, so a project without entry points never creates a type checker.
 */
export class InvocationScope {
  private readonly entries = new Map<FunctionLike, EntryPoint>();
  private reached?: Set<FunctionLike>;
  private byFile?: Map<SourceFile, FunctionLike[]>;

  constructor(entryPoints: EntryPoint[]) {
    for (const entry of entryPoints) this.entries.set(entry.fn, entry);
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

  /** The in-scope functions declared in a file, in source order. */
  functionsIn(file: SourceFile): FunctionLike[] {
    if (this.entries.size === 0) return [];
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
    const queue = [...this.entries.keys()];
    while (queue.length > 0) {
      const fn = queue.pop()!;
      if (reached.has(fn)) continue;
      reached.add(fn);
      // Walk the compiler's nodes and wrap only the calls: wrapping every node of every reached
      // function (as forEachDescendant does) was a good part of a run's time and garbage.
      const wrap = (node: ts.Node) => (fn as unknown as { _getNodeFromCompilerNode(n: ts.Node): Node })._getNodeFromCompilerNode(node);
      const visit = (node: ts.Node): void => {
        if (FUNCTION_KINDS.has(node.kind)) {
          queue.push(wrap(node) as FunctionLike);
          return;
        }
        if (node.kind === ts.SyntaxKind.ClassDeclaration || node.kind === ts.SyntaxKind.ClassExpression) return;
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
          const call = wrap(node) as CallExpression | NewExpression;
          const callee = resolveCallee(call);
          if (callee) queue.push(callee);
          for (const arg of node.arguments ?? []) {
            // Functions passed by name (`items.map(save)`, `.then(handle)`) run in the invocation too.
            if (ts.isIdentifier(arg) || ts.isPropertyAccessExpression(arg)) {
              const passed = declarationOfCallable(wrap(arg));
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
function resolveCallee(call: CallExpression | NewExpression): FunctionLike | undefined {
  const named = resolveByName(call.getExpression());
  if (named !== UNKNOWN) return named;
  const calleeType = call.getExpression().getType();
  if (!calleeType.isUnion() && !calleeType.isIntersection()) {
    let signatures = Node.isNewExpression(call) ? calleeType.getConstructSignatures() : calleeType.getCallSignatures();
    // `new f()` on a function without construct signatures resolves against its call signatures.
    if (Node.isNewExpression(call) && signatures.length === 0) signatures = calleeType.getCallSignatures();
    const targets = signatures.map(projectFunctionOf);
    if (targets.every((t) => t === undefined)) return undefined;
    if (signatures.length === 1) return targets[0];
  }
  const signature = call.getProject().getTypeChecker().getResolvedSignature(call);
  return signature ? projectFunctionOf(signature) : undefined;
}

function declarationOfCallable(node: Node): FunctionLike | undefined {
  const named = resolveByName(node);
  if (named !== UNKNOWN) return named;
  const signatures = node.getType().getCallSignatures();
  return signatures.length === 1 ? projectFunctionOf(signatures[0]) : undefined;
}

/** The signature's declaration when it is a project function with a body; lib and node_modules declarations are never wrapped. */
function projectFunctionOf(signature: Signature): FunctionLike | undefined {
  const declaration = signature.compilerSignature.getDeclaration() as ts.Declaration | undefined;
  if (!declaration || !FUNCTION_KINDS.has(declaration.kind)) return undefined;
  const file = declaration.getSourceFile();
  if (file.isDeclarationFile || file.fileName.includes("/node_modules/")) return undefined;
  return inProject(signature.getDeclaration());
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
function resolveByName(expression: Node): FunctionLike | undefined | typeof UNKNOWN {
  const node = expression.compilerNode;
  if (!ts.isIdentifier(node)) return UNKNOWN;
  const checker = expression.getProject().getTypeChecker().compilerObject;
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
  return inProject((expression as unknown as { _getNodeFromCompilerNode(n: ts.Node): Node })._getNodeFromCompilerNode(target));
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
