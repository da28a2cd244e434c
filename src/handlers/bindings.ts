import { Node, SyntaxKind, type SourceFile, type ts } from "ts-morph";
import { requiredModulesOf } from "../imports.js";

/**
 * What a file scan found, per parsed text of a file: a file of hundreds of handlers asks once per
 * handler, and scanning the whole file each time made such a file quadratic (minutes for 400).
 */
const fileScans = new WeakMap<ts.SourceFile, Map<string, unknown>>();

export function scanOnce<T>(file: SourceFile, key: string, scan: () => T): T {
  let scans = fileScans.get(file.compilerNode);
  if (!scans) fileScans.set(file.compilerNode, (scans = new Map()));
  if (!scans.has(key)) scans.set(key, scan());
  return scans.get(key) as T;
}

/** Local names bound to a module's exports: default, namespace and named imports, `const x = require(...)`. */
export function bindingsOf(file: SourceFile, modules: string[]): Map<string, string> {
  return scanOnce(file, `bindings ${modules.join(" ")}`, () => scanBindings(file, modules));
}

function scanBindings(file: SourceFile, modules: string[]): Map<string, string> {
  const bindings = new Map<string, string>();
  // Most files name none of the modules: without the name (or an escape that could spell it), no
  // import or require of it can be there.
  const text = file.getFullText();
  if (!modules.some((m) => text.includes(m)) && !/\\[ux]/.test(text)) return bindings;
  for (const imp of file.getImportDeclarations()) {
    const module = imp.getModuleSpecifierValue();
    if (!modules.includes(module)) continue;
    const names = [imp.getDefaultImport(), imp.getNamespaceImport(), ...imp.getNamedImports().map((n) => n.getAliasNode() ?? n.getNameNode())];
    for (const n of names) if (n) bindings.set(n.getText(), module);
  }
  for (const decl of file.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
    // `require("m")`, and `require(test ? a : "m")`: either module may be the one bound.
    const module = requiredModulesOf(decl).find((m) => modules.includes(m));
    if (!module) continue;
    const name = decl.getNameNode();
    if (Node.isIdentifier(name)) bindings.set(name.getText(), module);
    else if (Node.isObjectBindingPattern(name)) for (const e of name.getElements()) bindings.set(e.getName(), module);
  }
  return bindings;
}

