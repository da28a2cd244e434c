import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import {
  MAX_NESTING_DEPTH,
  SOURCE_EXTENSIONS,
  findSyntaxError,
  findTypeScriptOnlySyntax,
  firstParseDiagnostic,
  isNestedDeeperThan,
  mayHaveTypeScriptSyntax,
  scriptKindFor,
} from "../../src/syntax.js";

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

  // Every kind of TypeScript-only syntax TypeScript refuses in JavaScript, and JavaScript near it.
  const typeScriptOnly = [
    "let x: number = 1;\n",
    "function f(a?) {}\n",
    "class A { p? = 1; m?() {} }\n",
    "class A { x!: number; }\n",
    "function f<T>(a) {}\n",
    "const f = <T,>(a) => a;\n",
    "class A extends B<string> {}\n",
    "class A implements B {}\n",
    "interface A {}\n",
    "type A = string;\n",
    "enum E { A }\n",
    "const enum E { A }\n",
    "namespace N {}\n",
    "declare module 'm' {}\n",
    "import x = require('x');\n",
    "export = x;\n",
    "import type { A } from './a';\n",
    "import { type A } from './a';\n",
    "export type { A } from './a';\n",
    "export { type A } from './a';\n",
    "x!.y;\n",
    "x as any;\n",
    "x satisfies any;\n",
    "function f();\nfunction f() {}\n",
    "class A { m(); m() {} }\n",
    "class A { constructor(private a) {} }\n",
    "class A { private x = 1; }\n",
    "class A { readonly x = 1; }\n",
    "abstract class A {}\n",
    "declare const x;\n",
    "function f(this: Window) {}\n",
  ];
  // Decorators are JavaScript too: looked at (the checks refuse some placements), and accepted.
  const lookedAtAndAccepted = ["class A { @dec m() {} }\n", "@dec class A {}\n", "export @dec class A {}\n"];
  const javaScript = [
    "export default async function f(a, b = 1, ...c) { return a ?? b; }\n",
    "class A extends B { static x = 1; static { init(); } #p = 2; get y() { return this.#p; } accessor z = 3; async *gen() {} }\n",
    "/** @type {import('x').Handler} */\nexport const handler = async (event) => ({ ok: true });\n",
    "/** @param {string} a @returns {Promise<void>} */\nfunction f(a) {}\n",
    "import x, { y as z } from './a.js';\nexport * from './b.js';\nexport { z, x };\n",
    "const { a, ...rest } = obj; label: for (const k in rest) { if (a) continue label; }\n",
    "const el = <div className=\"x\">{items.map((i) => <Item key={i} />)}</div>;\n",
  ];

  /** The verdict settle took from transpileModule before: its first error diagnostic with a file. */
  function transpileVerdict(fileName: string, text: string) {
    const { diagnostics = [] } = ts.transpileModule(text, { fileName, reportDiagnostics: true, compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve } });
    const first = diagnostics.find((d) => d.category === ts.DiagnosticCategory.Error && d.file);
    if (!first) return undefined;
    const { line, character } = ts.getLineAndCharacterOfPosition(first.file!, first.start ?? 0);
    return { line: line + 1, column: character + 1, message: ts.flattenDiagnosticMessageText(first.messageText, " ") };
  }

  it("gives transpileModule's verdict, building a program only when a file may hold TypeScript-only syntax", () => {
    for (const text of typeScriptOnly) {
      const sf = ts.createSourceFile("a.js", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
      expect({ text, parse: firstParseDiagnostic(sf), candidate: mayHaveTypeScriptSyntax(sf) }).toEqual({ text, parse: undefined, candidate: true });
      const verdict = findSyntaxError("a.js", text);
      expect({ text, verdict }).toEqual({ text, verdict: transpileVerdict("a.js", text) });
      expect(verdict).toBeDefined();
    }
    for (const text of lookedAtAndAccepted) {
      const sf = ts.createSourceFile("a.js", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
      expect({ text, candidate: mayHaveTypeScriptSyntax(sf), verdict: findSyntaxError("a.js", text), transpiled: transpileVerdict("a.js", text) })
        .toEqual({ text, candidate: true, verdict: undefined, transpiled: undefined });
    }
    for (const text of javaScript) {
      const sf = ts.createSourceFile("a.jsx", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JSX);
      expect({ text, candidate: mayHaveTypeScriptSyntax(sf), verdict: findSyntaxError("a.jsx", text), own: findTypeScriptOnlySyntax(sf) })
        .toEqual({ text, candidate: false, verdict: undefined, own: undefined });
    }
  });

  it("accepts a re-exported renamed import in JavaScript (transpileModule's emit crashed on it)", () => {
    const text = "import a, { b as c } from './m.js';\nexport { c };\nclass A { @dec m() {} }\n";
    const sf = ts.createSourceFile("a.js", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
    expect(mayHaveTypeScriptSyntax(sf)).toBe(true);
    expect(findSyntaxError("a.js", text)).toBeUndefined();
    expect(findSyntaxError("a.js", `${text}let x: number;\n`)).toMatchObject({ line: 4, column: 8 });
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
