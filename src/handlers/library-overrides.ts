import { Node, ts, type CallExpression, type ClassDeclaration, type MethodDeclaration, type NewExpression, type SourceFile, type VariableDeclaration } from "ts-morph";
import { baseMethodReturnsPromise, isCheckerFailure } from "../types/index.js";
import { unwrapExpression, type EntryPoint } from "./entry-point.js";
import { importedBinding, resolveLocalModule } from "./local-modules.js";
import { isDefaultExportedDeclaration } from "./syntactic-exports.js";

/** The finding on work floating in an override the library does not await (a fixed sentence: a findings-registry row). */
export const SYNC_OVERRIDE =
  "it is in an override of a library method that does not return a promise, so the library does not wait for it: move the work into a method the library awaits (one whose base returns a promise) or into the handler";

/**
 * Overrides a library calls during the invocation: a project class that extends a class imported
 * from a package (`class AuditedProcessor extends BatchProcessor`), whose instance a handler hands to
 * a call (`processPartialResponse(event, recordHandler, processor)`, the instance made in the call, in
 * the handler or at the top of its file). Each method of it that replaces a method of the library
 * class runs inside the invocation: one whose base returns a promise is awaited by the library and
 * may become async; in one whose base does not, floating work is reported (`held`).
 */
export function findLibraryOverrides(entries: readonly EntryPoint[]): EntryPoint[] {
  const out: EntryPoint[] = [];
  const seen = new Set<MethodDeclaration>();
  for (const entry of entries) {
    for (const cls of handedInstances(entry)) {
      for (const method of cls.getMethods()) {
        if (seen.has(method) || method.isStatic() || !method.hasBody() || Node.isPrivateIdentifier(method.getNameNode())) continue;
        seen.add(method);
        let returnsPromise: boolean | undefined;
        try {
          returnsPromise = baseMethodReturnsPromise(method);
        } catch (error) {
          if (!isCheckerFailure(error)) throw error;
          continue;
        }
        if (returnsPromise === undefined) continue;
        out.push({
          platform: entry.platform,
          exportName: `${cls.getName() ?? "(class)"}.${method.getName()}`,
          fn: method,
          wrapped: false,
          evidence: "type",
          libraryOverride: true,
          ...(returnsPromise ? {} : { held: SYNC_OVERRIDE }),
        });
      }
    }
  }
  return out;
}

/** The project classes extending a library class whose instances the entry point passes to a call. */
function handedInstances(entry: EntryPoint): ClassDeclaration[] {
  const fn = entry.fn;
  const file = fn.getSourceFile();
  const out = new Set<ClassDeclaration>();
  // Only a `new C(...)` makes an instance (handed on itself, or held by a const): without one in the
  // file there is nothing to find.
  if (!NEW_KEYWORD.test(file.getFullText())) return [];
  // Walked on the compiler's nodes, wrapping only the calls: every entry point of every file is walked
  // (wrapping each node of the handler on the way, and each identifier argument's search of all of
  // them, was most of the time of finding entry points).
  const wrapping = fn as unknown as { _getNodeFromCompilerNode(n: ts.Node): Node };
  const sourceFile = file.compilerNode;
  let locals: Map<string, ts.VariableDeclaration> | undefined;
  const local = (name: string): VariableDeclaration | undefined => {
    locals ??= firstVariableDeclarations(fn.compilerNode, sourceFile);
    const found = locals.get(name);
    return found && (wrapping._getNodeFromCompilerNode(found) as VariableDeclaration);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const call = wrapping._getNodeFromCompilerNode(node) as CallExpression | NewExpression;
      for (const arg of call.getArguments()) {
        const made = instanceExpression(unwrapExpression(arg), local, file);
        const cls = made && classOf(made, file);
        if (cls && extendsLibraryClass(cls)) out.add(cls);
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.compilerNode, visit);
  return [...out];
}

const NEW_KEYWORD = /\bnew\b/;

/** Each name's first variable declaration under `root`, in document order (as ts-morph's getDescendants() finds it). */
function firstVariableDeclarations(root: ts.Node, sourceFile: ts.SourceFile): Map<string, ts.VariableDeclaration> {
  const out = new Map<string, ts.VariableDeclaration>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node)) {
      const name = node.name.getText(sourceFile);
      if (!out.has(name)) out.set(name, node);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(root, visit);
  return out;
}

/** `new C(...)` itself, or the `new C(...)` a `const` of that name in the function or the file holds. */
function instanceExpression(arg: Node | undefined, local: (name: string) => VariableDeclaration | undefined, file: SourceFile): Node | undefined {
  if (!arg) return undefined;
  if (Node.isNewExpression(arg)) return arg;
  if (!Node.isIdentifier(arg)) return undefined;
  const name = arg.getText();
  const declaration = local(name) ?? file.getVariableDeclaration(name);
  const init = unwrapExpression(declaration?.getInitializer());
  return init && Node.isNewExpression(init) ? init : undefined;
}

/** The class `new C(...)` makes: declared in the file or imported from a project module. */
function classOf(made: Node, file: SourceFile): ClassDeclaration | undefined {
  if (!Node.isNewExpression(made)) return undefined;
  const callee = made.getExpression();
  if (!Node.isIdentifier(callee)) return undefined;
  const local = file.getClass(callee.getText());
  if (local) return local;
  const imported = importedBinding(file, callee.getText());
  if (!imported) return undefined;
  if (imported.exportName === "default") return imported.module.getClasses().find((c) => isDefaultExportedDeclaration(c));
  return imported.module.getClass(imported.exportName);
}

/** `extends X` where X is imported from a package (a bare specifier that is no project module). */
function extendsLibraryClass(cls: ClassDeclaration): boolean {
  const base = cls.getExtends()?.getExpression();
  if (!base || !Node.isIdentifier(base)) return false;
  const file = cls.getSourceFile();
  for (const imp of file.getImportDeclarations()) {
    const specifier = imp.getModuleSpecifierValue();
    const names = [imp.getDefaultImport()?.getText(), ...imp.getNamedImports().map((n) => n.getAliasNode()?.getText() ?? n.getName())];
    if (!names.includes(base.getText())) continue;
    return !specifier.startsWith(".") && !resolveLocalModule(file, specifier);
  }
  return false;
}
