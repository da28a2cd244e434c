import { ts, type SourceFile } from "ts-morph";
import type { EntryPoint, FunctionLike } from "./handlers/entry-point.js";
import { oracleFor } from "./types/oracle.js";
import { REACH_FUNCTION_KINDS, wrapperOf, type ReachSite } from "./types/reach.js";

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
    const oracle = oracleFor(queue[0].getProject());
    const wrap = wrapperOf(queue[0]);
    while (queue.length > 0) {
      const fn = queue.pop()!;
      if (reached.has(fn)) continue;
      reached.add(fn);
      // The walk is syntax (the compiler nodes ts-morph parsed); where calls lead is the oracle's.
      const sites: ReachSite[] = [];
      // What the walk found, in its order: nested functions, and (by index) the sites' targets.
      const found: Array<FunctionLike | number> = [];
      const visit = (node: ts.Node): void => {
        if (REACH_FUNCTION_KINDS.has(node.kind)) {
          found.push(wrap(node) as FunctionLike);
          return;
        }
        if (node.kind === ts.SyntaxKind.ClassDeclaration || node.kind === ts.SyntaxKind.ClassExpression) return;
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
          found.push(sites.push(node) - 1);
          for (const arg of node.arguments ?? []) {
            // Functions passed by name (`items.map(save)`, `.then(handle)`) run in the invocation too.
            if (ts.isIdentifier(arg) || ts.isPropertyAccessExpression(arg)) found.push(sites.push(arg) - 1);
          }
        }
        ts.forEachChild(node, visit);
      };
      ts.forEachChild(fn.compilerNode, visit);
      // One question per function body, so a backend can batch it.
      const targets = sites.length > 0 ? oracle.reachTargets(fn, sites) : [];
      for (const item of found) {
        const next = typeof item === "number" ? targets[item] : item;
        if (next) queue.push(next);
      }
    }
    return (this.reached = reached);
  }
}
