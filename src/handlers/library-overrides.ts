import { Node, type ClassDeclaration, type MethodDeclaration, type SourceFile } from "ts-morph";
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
  fn.forEachDescendant((node) => {
    if (!Node.isCallExpression(node) && !Node.isNewExpression(node)) return;
    for (const arg of node.getArguments()) {
      const made = instanceExpression(unwrapExpression(arg), fn, file);
      const cls = made && classOf(made, file);
      if (cls && extendsLibraryClass(cls)) out.add(cls);
    }
  });
  return [...out];
}

/** `new C(...)` itself, or the `new C(...)` a `const` of that name in the function or the file holds. */
function instanceExpression(arg: Node | undefined, fn: Node, file: SourceFile): Node | undefined {
  if (!arg) return undefined;
  if (Node.isNewExpression(arg)) return arg;
  if (!Node.isIdentifier(arg)) return undefined;
  const name = arg.getText();
  const local = fn.getDescendants().find((d) => Node.isVariableDeclaration(d) && d.getName() === name);
  const declaration = local && Node.isVariableDeclaration(local) ? local : file.getVariableDeclaration(name);
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
