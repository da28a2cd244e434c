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
  if (problem || (kind !== ts.ScriptKind.JS && kind !== ts.ScriptKind.JSX)) return problem;
  const { diagnostics = [] } = ts.transpileModule(text, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve },
  });
  const first = diagnostics.find((d) => d.category === ts.DiagnosticCategory.Error && d.file);
  if (!first) return undefined;
  const { line, character } = sf.getLineAndCharacterOfPosition(first.start ?? 0);
  return { line: line + 1, column: character + 1, message: ts.flattenDiagnosticMessageText(first.messageText, " ") };
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
