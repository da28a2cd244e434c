import { ts, type ClassDeclaration, type FunctionDeclaration, type SourceFile } from "ts-morph";

/**
 * ts-morph's `isExported()` and `isDefaultExport()`, without the type checker where the syntax
 * decides. Both fall back to the file's symbol table when a declaration has no `export`/`default`
 * keyword, and that builds the Program and binds every file: handler discovery would then cost a
 * type-check's set-up in projects that have no entry point at all. Without the keyword, only an
 * export list (`export { f }`, `export { f as default }`), `export default f`/`export = f` or, in
 * JavaScript, a CommonJS export can export a declaration by name; only files holding one of those
 * ask the checker, so the answers stay exactly ts-morph's.
 */
export function isExportedDeclaration(node: FunctionDeclaration | ClassDeclaration): boolean {
  if (node.hasExportKeyword()) return true;
  return mayExportByName(node.getSourceFile()) && node.isExported();
}

/** ts-morph's `isDefaultExport()`, without the checker where the syntax decides (see isExportedDeclaration). */
export function isDefaultExportedDeclaration(node: FunctionDeclaration | ClassDeclaration): boolean {
  if (node.hasDefaultKeyword()) return true;
  return mayExportByName(node.getSourceFile()) && node.isDefaultExport();
}

const byNameCache = new WeakMap<ts.SourceFile, boolean>();

/** Whether anything in the file could export a declaration that has no `export` keyword of its own. */
function mayExportByName(file: SourceFile): boolean {
  const sf = file.compilerNode;
  let answer = byNameCache.get(sf);
  if (answer === undefined) {
    answer =
      sf.statements.some((s) => ts.isExportDeclaration(s) || ts.isExportAssignment(s)) ||
      (isJavaScript(sf) && /\bexports\b/.test(sf.text));
    byNameCache.set(sf, answer);
  }
  return answer;
}

function isJavaScript(sf: ts.SourceFile): boolean {
  return /\.[cm]?jsx?$/i.test(sf.fileName);
}
