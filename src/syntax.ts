import { ts } from "ts-morph";
import path from "node:path";

/** The file extensions settle reads, each with the one parser it is read with. */
export const SOURCE_EXTENSIONS = [".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"] as const;

/** The TypeScript script kind for a file name: `.tsx`/`.jsx` with JSX, `.ts` without (so `<T>x` casts parse). */
export function scriptKindFor(fileName: string): ts.ScriptKind {
  switch (path.extname(fileName).toLowerCase()) {
    case ".ts":
    case ".mts":
    case ".cts":
      return ts.ScriptKind.TS;
    case ".tsx":
      return ts.ScriptKind.TSX;
    case ".jsx":
      return ts.ScriptKind.JSX;
    default:
      return ts.ScriptKind.JS;
  }
}

export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

/**
 * The first syntax error of `text` parsed as `fileName`, if any. JavaScript files are also refused
 * TypeScript-only syntax (type annotations, `?` parameters), which the parser itself accepts.
 */
export function findSyntaxError(fileName: string, text: string): SyntaxProblem | undefined {
  const kind = scriptKindFor(fileName);
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const problem = firstParseDiagnostic(sf);
  if (problem || (kind !== ts.ScriptKind.JS && kind !== ts.ScriptKind.JSX) || !mayHaveTypeScriptSyntax(sf)) return problem;
  return findTypeScriptOnlySyntax(sf);
}

/**
 * TypeScript's own verdict on TypeScript-only syntax in a parsed JavaScript file: the syntactic
 * diagnostics of a one-file program, as `transpileModule` reports them, without its emit (which
 * also crashed on `import a, { b as c } from "m"; export { c };` in JavaScript).
 */
export function findTypeScriptOnlySyntax(sf: ts.SourceFile): SyntaxProblem | undefined {
  const options: ts.CompilerOptions = { allowJs: true, jsx: ts.JsxEmit.Preserve, noLib: true, noResolve: true, noEmit: true, types: [] };
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === sf.fileName ? sf : undefined),
    getDefaultLibFileName: () => "lib.d.ts",
    writeFile: () => undefined,
    getCurrentDirectory: () => "",
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (name) => name === sf.fileName,
    readFile: () => undefined,
  };
  const program = ts.createProgram({ rootNames: [sf.fileName], options, host });
  const first = program.getSyntacticDiagnostics(sf).find((d) => d.category === ts.DiagnosticCategory.Error && d.file);
  if (!first) return undefined;
  const { line, character } = sf.getLineAndCharacterOfPosition(first.start ?? 0);
  return { line: line + 1, column: character + 1, message: ts.flattenDiagnosticMessageText(first.messageText, " ") };
}

const JAVASCRIPT_MODIFIERS = new Set([ts.SyntaxKind.ExportKeyword, ts.SyntaxKind.DefaultKeyword, ts.SyntaxKind.AsyncKeyword, ts.SyntaxKind.StaticKeyword, ts.SyntaxKind.AccessorKeyword]);

const TYPESCRIPT_ONLY_KINDS = new Set([
  ts.SyntaxKind.TypeParameter, ts.SyntaxKind.Decorator, ts.SyntaxKind.InterfaceDeclaration, ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.EnumDeclaration, ts.SyntaxKind.ModuleDeclaration, ts.SyntaxKind.ImportEqualsDeclaration, ts.SyntaxKind.NonNullExpression,
  ts.SyntaxKind.AsExpression, ts.SyntaxKind.SatisfiesExpression, ts.SyntaxKind.TypeAssertionExpression,
]);

/**
 * Whether a parsed JavaScript file has any node that TypeScript's checks for TypeScript-only syntax
 * look at (a superset of what they refuse: type nodes, type parameters, `?` and `!` tokens, modifiers
 * JavaScript does not have, decorators, type-only imports and exports, bodiless functions, ...).
 * Without one, those checks cannot find anything, and the one-file program they need is not built.
 */
export function mayHaveTypeScriptSyntax(sf: ts.SourceFile): boolean {
  const stack: ts.Node[] = [sf];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isTypeScriptSyntaxCandidate(node)) return true;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return false;
}

function isTypeScriptSyntaxCandidate(node: ts.Node): boolean {
  const { kind } = node;
  if ((kind >= ts.SyntaxKind.FirstTypeNode && kind <= ts.SyntaxKind.LastTypeNode) || TYPESCRIPT_ONLY_KINDS.has(kind)) return true;
  const n = node as Partial<{
    type: ts.Node; typeParameters: unknown; typeArguments: unknown; questionToken: ts.Node; exclamationToken: ts.Node;
    isTypeOnly: boolean; isExportEquals: boolean; token: ts.SyntaxKind; body: ts.Node; modifiers: ts.NodeArray<ts.ModifierLike>;
  }>;
  if (n.type || n.typeParameters || n.typeArguments || n.isTypeOnly || n.isExportEquals) return true;
  if ((n.questionToken || n.exclamationToken) && (ts.isParameter(node) || ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node))) return true;
  if (ts.isHeritageClause(node) && n.token === ts.SyntaxKind.ImplementsKeyword) return true;
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node)) && !n.body) return true;
  if (n.modifiers?.some((m) => ts.isParameter(node) || !JAVASCRIPT_MODIFIERS.has(m.kind))) return true;
  return false;
}

/** Parse errors recorded by the parser (not type errors). */
export function firstParseDiagnostic(sf: ts.SourceFile): SyntaxProblem | undefined {
  // parseDiagnostics is internal but stable; it is the only way to get parse errors without a Program.
  const diagnostics = (sf as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (!first) return undefined;
  const { line, character } = sf.getLineAndCharacterOfPosition(first.start ?? 0);
  return { line: line + 1, column: character + 1, message: ts.flattenDiagnosticMessageText(first.messageText, " ") };
}

/**
 * Files nested deeper than this (in syntax-tree levels) are not analysed: TypeScript's parser and
 * checker and settle's own walks recurse, and would overflow the stack. Real code, minified
 * bundles included, stays far below it.
 */
export const MAX_NESTING_DEPTH = 400;

/** Whether the syntax tree under `node` is more than `limit` levels deep (walked without recursion). */
export function isNestedDeeperThan(node: ts.Node, limit: number): boolean {
  const stack: [ts.Node, number][] = [[node, 0]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [current, depth] = entry;
    if (depth > limit) return true;
    ts.forEachChild(current, (child) => {
      stack.push([child, depth + 1]);
    });
  }
  return false;
}
