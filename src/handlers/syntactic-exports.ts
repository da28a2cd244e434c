import { ts, type ClassDeclaration, type FunctionDeclaration, type SourceFile } from "ts-morph";
import { isExportedBySymbol } from "../types/index.js";

/**
 * ts-morph's `isExported()` and `isDefaultExport()`, without the type checker where the syntax
 * decides. Both fall back to the file's symbol table when a declaration has no `export`/`default`
 * keyword, and that builds the Program and binds every file: handler discovery would then cost a
 * type-check's set-up in projects that have no entry point at all. Without the keyword, a module
 * exports a declaration only through an export list naming it (`export { f }`, `export { f as
 * default }`), `export default f`/`export = f`, an exported declaration it merges with, or, in
 * JavaScript, CommonJS (`module.exports`, `exports.f`); only then is the checker asked, so the
 * answers stay exactly ts-morph's.
 */
export function isExportedDeclaration(node: FunctionDeclaration | ClassDeclaration): boolean {
  if (node.hasExportKeyword() || listedByName(node, "listed")) return true;
  return mayExportByName(node, "names") && isExportedBySymbol(node, "any");
}

/** ts-morph's `isDefaultExport()`, without the checker where the syntax decides (see isExportedDeclaration). */
export function isDefaultExportedDeclaration(node: FunctionDeclaration | ClassDeclaration): boolean {
  if (node.hasDefaultKeyword() || listedByName(node, "defaultNames")) return true;
  return mayExportByName(node, "defaultNames") && isExportedBySymbol(node, "default");
}

interface ExportFacts {
  /** Local names an export list, `export default x`/`export = x` or an exported declaration names. */
  names: Set<string>;
  /**
   * Local names an export list without a module specifier or `export default x`/`export = x` names: a
   * function or class declaration of such a name is exported, which the syntax decides (a program for
   * the checker to say so cost Powertools' groups without an entry point a whole program each).
   */
  listed: Set<string>;
  /** Local names `export default x` or `export { x as default }` name (certain, as `listed`; `export =` makes no default export). */
  defaultNames: Set<string>;
  /** A JavaScript file that mentions `exports`: CommonJS exports are for the checker to resolve. */
  commonJs: boolean;
}

const factsCache = new WeakMap<ts.SourceFile, ExportFacts>();

function mayExportByName(node: FunctionDeclaration | ClassDeclaration, kind: "names" | "defaultNames"): boolean {
  const facts = exportFacts(node.getSourceFile());
  const name = node.getName();
  return facts.commonJs || (name !== undefined && facts[kind].has(name));
}

function listedByName(node: FunctionDeclaration | ClassDeclaration, kind: "listed" | "defaultNames"): boolean {
  const name = node.getName();
  return name !== undefined && exportFacts(node.getSourceFile())[kind].has(name);
}

function exportFacts(file: SourceFile): ExportFacts {
  const sf = file.compilerNode;
  let facts = factsCache.get(sf);
  if (facts) return facts;
  const names = new Set<string>();
  const listed = new Set<string>();
  const defaultNames = new Set<string>();
  for (const statement of sf.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (!statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const spec of statement.exportClause.elements) {
          const local = (spec.propertyName ?? spec.name).text;
          names.add(local);
          listed.add(local);
          if (spec.name.text === "default") defaultNames.add(local);
        }
      }
    } else if (ts.isExportAssignment(statement)) {
      if (ts.isIdentifier(statement.expression)) {
        names.add(statement.expression.text);
        listed.add(statement.expression.text);
        // `export = f` makes no default export (ts-morph's isDefaultExport() says false).
        if (!statement.isExportEquals) defaultNames.add(statement.expression.text);
      }
    } else if (ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      // A declaration can merge with an exported one of the same name (`export namespace f {}`).
      for (const name of declaredNames(statement)) names.add(name);
    }
  }
  facts = { names, listed, defaultNames, commonJs: /\.[cm]?jsx?$/i.test(sf.fileName) && /\bexports\b/.test(sf.text) };
  factsCache.set(sf, facts);
  return facts;
}

function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  }
  const name = (statement as { name?: ts.Node }).name;
  return name && ts.isIdentifier(name) ? [name.text] : [];
}
