import { Node, SyntaxKind, type ImportDeclaration, type ObjectBindingPattern, type SourceFile, type Statement } from "ts-morph";
import { endOfLineAfter, indentOf } from "./layout.js";

type Insert = (offset: number, text: string) => void;

/**
 * The named imports a transform asks for in one file, turned into text edits once the transform is
 * done, so that two names from one module share one import. Follows the file: ESM `import` or
 * CommonJS `require`, its quotes, semicolons and the spacing of an import it merges into.
 */
export class ImportPlan {
  private readonly wanted = new Map<string, string[]>();

  constructor(private readonly file: SourceFile) {}

  /**
   * The local name to call `name` from `moduleSpecifier` by: its existing binding (alias included),
   * or `name` itself once the import is planned; undefined when another binding already has that name.
   */
  add(moduleSpecifier: string, name: string): string | undefined {
    const existing = existingBinding(this.file, moduleSpecifier, name);
    if (existing) return existing;
    const planned = this.wanted.get(moduleSpecifier) ?? [];
    if (planned.includes(name)) return name;
    if (isDeclared(this.file, name)) return undefined;
    this.wanted.set(moduleSpecifier, [...planned, name]);
    return name;
  }

  /** Emit the planned imports (nothing when none was asked for). */
  flush(insert: Insert): void {
    for (const [moduleSpecifier, names] of this.wanted) {
      if (usesRequire(this.file)) addRequire(this.file, moduleSpecifier, names, insert);
      else addImportDeclaration(this.file, moduleSpecifier, names, insert);
    }
    this.wanted.clear();
  }
}

/** The local name of an existing value binding of `name` from the module (ESM import or require destructuring). */
function existingBinding(file: SourceFile, moduleSpecifier: string, name: string): string | undefined {
  for (const imp of file.getImportDeclarations()) {
    if (imp.getModuleSpecifierValue() !== moduleSpecifier || imp.isTypeOnly()) continue;
    const spec = imp.getNamedImports().find((n) => n.getName() === name && !n.isTypeOnly());
    if (spec) return spec.getAliasNode()?.getText() ?? name;
  }
  for (const { pattern } of requireDestructurings(file, moduleSpecifier)) {
    for (const element of pattern.getElements()) {
      const property = element.getPropertyNameNode()?.getText() ?? element.getName();
      if (property === name) return element.getName();
    }
  }
  return undefined;
}

const DECLARATIONS = new Set([
  SyntaxKind.VariableDeclaration,
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.FunctionExpression,
  SyntaxKind.ClassDeclaration,
  SyntaxKind.ClassExpression,
  SyntaxKind.Parameter,
  SyntaxKind.BindingElement,
  SyntaxKind.ImportSpecifier,
  SyntaxKind.ImportClause,
  SyntaxKind.NamespaceImport,
  SyntaxKind.ImportEqualsDeclaration,
  SyntaxKind.EnumDeclaration,
  SyntaxKind.ModuleDeclaration,
]);

/** Whether any value binding in the file (at any depth, to be safe from shadowing) is called `name`. */
function isDeclared(file: SourceFile, name: string): boolean {
  return file.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => {
    if (id.getText() !== name) return false;
    const parent = id.getParent();
    if (!parent || !DECLARATIONS.has(parent.getKind())) return false;
    if (Node.isImportSpecifier(parent)) return (parent.getAliasNode() ?? parent.getNameNode()) === id;
    if (Node.isBindingElement(parent)) return parent.getNameNode() === id;
    return (parent as Node & { getNameNode?: () => Node | undefined }).getNameNode?.() === id;
  });
}

/** CommonJS files: `.cjs`/`.cts`, or JavaScript with `require` and no import/export statements. */
function usesRequire(file: SourceFile): boolean {
  const ext = file.getExtension();
  if (ext === ".cjs" || ext === ".cts") return true;
  if (ext !== ".js" && ext !== ".jsx") return false;
  const esm = file.getStatements().some((s) => Node.isImportDeclaration(s) || Node.isExportDeclaration(s) || Node.isExportAssignment(s) || (Node.isModifierable(s) && s.hasModifier(SyntaxKind.ExportKeyword)));
  return !esm && /\brequire\s*\(|\bmodule\.exports\b|\bexports\./.test(file.getFullText());
}

function addImportDeclaration(file: SourceFile, moduleSpecifier: string, names: string[], insert: Insert): void {
  const imports = file.getImportDeclarations();
  const target = imports.find((i) => i.getModuleSpecifierValue() === moduleSpecifier && !i.isTypeOnly() && !i.getNamespaceImport());
  if (target && mergeInto(target, names, insert)) return;
  const quote = quoteOf(file);
  const semi = semicolonOf(file, imports);
  const text = `import { ${names.join(", ")} } from ${quote}${moduleSpecifier}${quote}${semi}`;
  const last = imports[imports.length - 1];
  if (last) {
    insert(endOfLineAfter(last), `\n${text}`);
    return;
  }
  insertAtTop(file, text, insert);
}

/** `import { a } from "x"` → `import { a, b } from "x"`; `import d from "x"` → `import d, { b } from "x"`. */
function mergeInto(imp: ImportDeclaration, names: string[], insert: Insert): boolean {
  const named = imp.getNamedImports();
  if (named.length === 0) {
    const defaultImport = imp.getDefaultImport();
    if (!defaultImport || imp.getImportClause()?.getNamedBindings()) return false;
    insert(defaultImport.getEnd(), `, { ${names.join(", ")} }`);
    return true;
  }
  const last = named[named.length - 1];
  const bindings = imp.getImportClauseOrThrow().getNamedBindingsOrThrow();
  if (!bindings.getText().includes("\n")) {
    insert(last.getEnd(), names.map((n) => `, ${n}`).join(""));
    return true;
  }
  const indent = indentOf(last);
  const comma = /^\s*,/.exec(imp.getSourceFile().getFullText().slice(last.getEnd()));
  if (comma) insert(last.getEnd() + comma[0].length, names.map((n) => `\n${indent}${n},`).join(""));
  else insert(last.getEnd(), names.map((n) => `,\n${indent}${n}`).join(""));
  return true;
}

function addRequire(file: SourceFile, moduleSpecifier: string, names: string[], insert: Insert): void {
  const existing = requireDestructurings(file, moduleSpecifier)[0];
  if (existing) {
    const elements = existing.pattern.getElements();
    insert(elements[elements.length - 1].getEnd(), names.map((n) => `, ${n}`).join(""));
    return;
  }
  const quote = quoteOf(file);
  const requires = file.getStatements().filter((s) => Node.isVariableStatement(s) && /^\s*(const|let|var)[^=]*=\s*require\s*\(/.test(s.getText()));
  const last = requires[requires.length - 1];
  const semi = semicolonOf(file, requires);
  const text = `const { ${names.join(", ")} } = require(${quote}${moduleSpecifier}${quote})${semi}`;
  if (last) insert(endOfLineAfter(last), `\n${text}`);
  else insertAtTop(file, text, insert);
}

function requireDestructurings(file: SourceFile, moduleSpecifier: string): { pattern: ObjectBindingPattern }[] {
  const out: { pattern: ObjectBindingPattern }[] = [];
  for (const statement of file.getVariableStatements()) {
    for (const decl of statement.getDeclarations()) {
      const name = decl.getNameNode();
      if (Node.isObjectBindingPattern(name) && requiredModuleOf(decl) === moduleSpecifier) out.push({ pattern: name });
    }
  }
  return out;
}

/**
 * A new first import: after a directive prologue (`"use server"`, `"use client"`, `"use strict"`),
 * else after the file's header comments (those a blank line separates from the code), else first.
 */
function insertAtTop(file: SourceFile, text: string, insert: Insert): void {
  const statements = file.getStatements();
  const directives: Statement[] = [];
  for (const s of statements) {
    if (Node.isExpressionStatement(s) && Node.isStringLiteral(s.getExpression())) directives.push(s);
    else break;
  }
  const lastDirective = directives[directives.length - 1];
  if (lastDirective) {
    insert(endOfLineAfter(lastDirective), `\n${text}`);
    return;
  }
  const full = file.getFullText();
  let offset = full.startsWith("#!") ? full.indexOf("\n") + 1 : 0;
  let afterHeader = false;
  for (const comment of statements[0]?.getLeadingCommentRanges() ?? []) {
    if (/^[ \t]*\r?\n[ \t]*\r?\n/.test(full.slice(comment.getEnd()))) {
      offset = comment.getEnd();
      afterHeader = true;
    }
  }
  insert(offset, afterHeader ? `\n\n${text}` : `${text}\n\n`);
}

/** The quote character the file's imports (else its first string) use. */
function quoteOf(file: SourceFile): string {
  const imp = file.getImportDeclarations()[0];
  const sample = imp?.getModuleSpecifier().getText() ?? file.getFirstDescendantByKind(SyntaxKind.StringLiteral)?.getText();
  return sample?.startsWith("'") ? "'" : '"';
}

/** ";" unless the given statements (else the file's statements) are written without semicolons. */
function semicolonOf(file: SourceFile, near: Node[]): string {
  const sample = near[near.length - 1] ?? file.getStatements().find((s) => Node.isVariableStatement(s) || Node.isExpressionStatement(s) || Node.isImportDeclaration(s));
  if (!sample) return ";";
  return sample.getLastToken().getKind() === SyntaxKind.SemicolonToken ? ";" : "";
}

/** The module of a `require("…")` call that initialises a variable directly (`const x = require("m")`). */
export function requiredModuleOf(variable: Node & { getInitializer(): Node | undefined }): string | undefined {
  const arg = requireArgument(variable.getInitializer());
  return arg && Node.isStringLiteral(arg) ? arg.getLiteralValue() : undefined;
}

/**
 * The modules a variable's `require(...)` may load: `require("m")`, and both branches of
 * `require(test ? "../../index" : "m")` (examples that run against the package's own source in tests).
 */
export function requiredModulesOf(variable: Node & { getInitializer(): Node | undefined }): string[] {
  let arg = requireArgument(variable.getInitializer());
  while (arg && Node.isParenthesizedExpression(arg)) arg = arg.getExpression();
  const branches = arg && Node.isConditionalExpression(arg) ? [arg.getWhenTrue(), arg.getWhenFalse()] : [arg];
  return branches.flatMap((b) => (b && (Node.isStringLiteral(b) || Node.isNoSubstitutionTemplateLiteral(b)) ? [b.getLiteralText()] : []));
}

/** The first argument of a `require(...)` call, or undefined when the node is no such call. */
function requireArgument(init: Node | undefined): Node | undefined {
  if (!init || !Node.isCallExpression(init) || init.getExpression().getText() !== "require") return undefined;
  return init.getArguments()[0];
}
