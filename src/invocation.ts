import { Node, type SourceFile } from "ts-morph";
import { isFunctionLike, type EntryPoint, type FunctionLike } from "./handlers/entry-point.js";

/**
 * The code that runs inside an invocation: entry points, the functions nested in them, and the
 * project functions they call (followed through the checker, across files). Computed lazily on the
 * first question, so a project without entry points never creates a type checker.
 */
export class InvocationScope {
  private readonly entries = new Map<FunctionLike, EntryPoint>();
  private reached?: Set<FunctionLike>;

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
    return [...this.reach()]
      .filter((fn) => fn.getSourceFile() === file)
      .sort((a, b) => a.getStart() - b.getStart());
  }

  private reach(): Set<FunctionLike> {
    if (this.reached) return this.reached;
    const reached = new Set<FunctionLike>();
    const queue = [...this.entries.keys()];
    while (queue.length > 0) {
      const fn = queue.pop()!;
      if (reached.has(fn)) continue;
      reached.add(fn);
      fn.forEachDescendant((node, traversal) => {
        if (isFunctionLike(node)) {
          queue.push(node);
          traversal.skip();
        } else if (Node.isClassDeclaration(node) || Node.isClassExpression(node)) {
          traversal.skip();
        } else if (Node.isCallExpression(node) || Node.isNewExpression(node)) {
          const callee = resolveCallee(node);
          if (callee) queue.push(callee);
          for (const arg of node.getArguments()) {
            // Functions passed by name (`items.map(save)`, `.then(handle)`) run in the invocation too.
            if (Node.isIdentifier(arg) || Node.isPropertyAccessExpression(arg)) {
              const passed = declarationOfCallable(arg);
              if (passed) queue.push(passed);
            }
          }
        }
      });
    }
    return (this.reached = reached);
  }
}

/** The project function a call resolves to (not a declaration file, not node_modules). */
function resolveCallee(call: Node): FunctionLike | undefined {
  const checker = call.getProject().getTypeChecker();
  const signature = Node.isCallExpression(call) || Node.isNewExpression(call) ? checker.getResolvedSignature(call) : undefined;
  return inProject(signature?.getDeclaration());
}

function declarationOfCallable(node: Node): FunctionLike | undefined {
  const signatures = node.getType().getCallSignatures();
  return signatures.length === 1 ? inProject(signatures[0].getDeclaration()) : undefined;
}

function inProject(declaration: Node | undefined): FunctionLike | undefined {
  if (!declaration || !isFunctionLike(declaration) || !declaration.getBody()) return undefined;
  const file = declaration.getSourceFile();
  if (file.isDeclarationFile() || file.isInNodeModules()) return undefined;
  return declaration;
}
