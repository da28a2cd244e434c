import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { MAX_NESTING_DEPTH, SOURCE_EXTENSIONS, findSyntaxError, isNestedDeeperThan, scriptKindFor } from "../../src/syntax.js";

describe("findSyntaxError", () => {
  it("returns undefined for valid code", () => {
    expect(findSyntaxError("a.ts", "const a: number = 1;\nexport { a };\n")).toBeUndefined();
  });

  it("reports the first error with a 1-based line and column", () => {
    const problem = findSyntaxError("a.ts", "const a = 1;\nconst b = (;\n");
    expect(problem).toEqual({ line: 2, column: 12, message: "Expression expected." });
  });

  it("reports an unterminated block at end of file", () => {
    const problem = findSyntaxError("a.js", "function f() {\n  return 1;\n");
    expect(problem?.line).toBe(3);
    expect(problem?.column).toBe(1);
    expect(problem?.message).toBe("'}' expected.");
  });

  it("parses a <T>x type assertion in a .ts file", () => {
    expect(findSyntaxError("cast.ts", "declare const x: unknown;\nconst n = <number>x;\n")).toBeUndefined();
  });

  it("does not accept a <T>x type assertion as .tsx (it is JSX there)", () => {
    expect(findSyntaxError("cast.tsx", "declare const x: unknown;\nconst n = <number>x;\n")).toBeDefined();
  });

  it("parses JSX in a .tsx file", () => {
    expect(findSyntaxError("c.tsx", "export const C = (p: { n: string }) => <div title={p.n}>hi</div>;\n")).toBeUndefined();
  });

  it("parses JSX in a .js file", () => {
    expect(findSyntaxError("c.js", "export const C = () => <div className=\"x\">hi</div>;\n")).toBeUndefined();
  });

  it("parses JSX in a .jsx file", () => {
    expect(findSyntaxError("c.jsx", "export default () => <><b /></>;\n")).toBeUndefined();
  });

  it("does not accept JSX in a .ts file", () => {
    expect(findSyntaxError("c.ts", "export const C = () => <div>hi</div>;\n")).toBeDefined();
  });
});

describe("scriptKindFor", () => {
  it.each([
    ["a.ts", ts.ScriptKind.TS],
    ["a.mts", ts.ScriptKind.TS],
    ["a.cts", ts.ScriptKind.TS],
    ["a.tsx", ts.ScriptKind.TSX],
    ["a.jsx", ts.ScriptKind.JSX],
    ["a.js", ts.ScriptKind.JS],
    ["a.mjs", ts.ScriptKind.JS],
    ["a.cjs", ts.ScriptKind.JS],
    ["/dir.with.dots/A.TSX", ts.ScriptKind.TSX],
    ["a.d.ts", ts.ScriptKind.TS],
  ])("%s → %s", (file, kind) => {
    expect(scriptKindFor(file)).toBe(kind);
  });

  it("covers every source extension", () => {
    expect([...SOURCE_EXTENSIONS]).toEqual([".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"]);
  });
});

describe("findSyntaxError on JavaScript output", () => {
  it("refuses TypeScript-only syntax in .js, which the parser alone accepts", () => {
    expect(findSyntaxError("a.js", "async function f(a?: string): Promise<void> {}\n")).toMatchObject({ line: 1, column: 19 });
    expect(findSyntaxError("a.ts", "async function f(a?: string): Promise<void> {}\n")).toBeUndefined();
  });
});

describe("isNestedDeeperThan", () => {
  const parse = (text: string) => ts.createSourceFile("a.ts", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  // SourceFile → ExpressionStatement → n ParenthesizedExpressions → NumericLiteral: n + 2 levels.
  const parens = (n: number) => parse(`${"(".repeat(n)}1${")".repeat(n)};`);

  it("measures the depth exactly", () => {
    expect(isNestedDeeperThan(parens(398), 400)).toBe(false);
    expect(isNestedDeeperThan(parens(399), 400)).toBe(true);
  });

  it("walks a tree far deeper than a recursive walk could (built without the parser, which would overflow)", () => {
    let node: ts.Expression = ts.factory.createNumericLiteral(1);
    for (let i = 0; i < 50_000; i++) node = ts.factory.createParenthesizedExpression(node);
    expect(isNestedDeeperThan(node, 400)).toBe(true);
    expect(isNestedDeeperThan(node, 50_000)).toBe(false);
    const wide = parse(Array.from({ length: 20_000 }, (_, i) => `const a${i} = ${i};`).join("\n"));
    expect(isNestedDeeperThan(wide, 400)).toBe(false);
    expect(MAX_NESTING_DEPTH).toBe(400);
  });
});
