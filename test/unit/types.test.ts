import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Node, type Expression, type SourceFile } from "ts-morph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject } from "../../src/project.js";
import { baseMethodReturnsPromise, CheckerFailure, isArray, isCheckerFailure, isPromiseLike, isSyntacticPromise, promiseKindOf, type PromiseKind } from "../../src/types/index.js";
import { useTypeOracle, type CheckerBackend } from "../../src/types/oracle.js";
import { Ts7Session, type Ts7Oracle } from "../../src/types/ts7.js";
import { REPO } from "../helpers/fixtures.js";

/**
 * Every probe is a module of its own in one temp folder, and each backend answers about all of them
 * from one program (creating one costs a few hundred ms): TypeScript 6 through ts-morph, TypeScript 7
 * through the native compiler. The tables are the contract both backends keep.
 */
const THENABLE = `class Thenable {
  then(resolve: (value: number) => void, reject?: (error: unknown) => void): void { resolve(1); }
}`;

const QUERY_BUILDER = `class QueryBuilder<T> {
  private clauses: string[] = [];
  where(clause: string): this { this.clauses.push(clause); return this; }
  then<R1 = T[], R2 = never>(
    onFulfilled?: ((rows: T[]) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return Promise.resolve([] as T[]).then(onFulfilled as never, onRejected as never);
  }
}
declare const db: { select<T>(): QueryBuilder<T> };`;

const KINDS: [string, PromiseKind, string, string][] = [
    ["Promise<T>", "promise", "declare const v: Promise<number>;", "v"],
    ["a call returning a Promise", "promise", "async function f() { return 1; }", "f()"],
    ["PromiseLike<T>", "promise", "declare const v: PromiseLike<string>;", "v"],
    ["a custom thenable class", "promise", THENABLE, "new Thenable()"],
    ["a lazy query builder with then(onFulfilled, onRejected)", "promise", QUERY_BUILDER, `db.select<{ id: number }>().where("id = 1")`],
    ["Promise<void> | undefined", "promise", "declare const v: Promise<void> | undefined;", "v"],
    ["Promise<number> | number", "promise", "declare const v: Promise<number> | number;", "v"],
    ["an intersection with Promise", "promise", "declare const v: Promise<number> & { cancel(): void };", "v"],
    ["a type parameter constrained to Promise", "promise", "declare function id<T extends Promise<unknown>>(p: T): T;\ndeclare const q: Promise<1>;", "id(q)"],
    ["Promise<number>[]", "promise-array", "declare const v: Promise<number>[];", "v"],
    ["readonly Promise<void>[]", "promise-array", "declare const v: readonly Promise<void>[];", "v"],
    ["ReadonlyArray<Promise<void>>", "promise-array", "declare const v: ReadonlyArray<Promise<void>>;", "v"],
    ["tuple [Promise<void>, number]", "promise-array", "declare const v: [Promise<void>, number];", "v"],
    ["readonly tuple", "promise-array", "declare const v: readonly [number, Promise<void>];", "v"],
    ["array of optional promises", "promise-array", "declare const v: (Promise<void> | undefined)[];", "v"],
    ["an array from .map(async ...)", "promise-array", "declare const ids: number[];", "ids.map(async (id) => id)"],
    ["any", "unknown", "declare const v: any;", "v"],
    ["unknown", "unknown", "declare const v: unknown;", "v"],
    ["a non-callable then: number", "none", "declare const v: { then: number };", "v"],
    ["an object literal with then: 1", "none", "", "{ then: 1 }"],
    ["number", "none", "", "42"],
    ["string", "none", "", `"then"`],
    ["number[]", "none", "declare const v: number[];", "v"],
    ["tuple without promises", "none", "declare const v: [string, number];", "v"],
    ["undefined", "none", "", "undefined"],
];

const SYNTACTIC: [string, boolean, string, string][] = [
    ["new Promise(...)", true, "", "new Promise((resolve) => resolve(1))"],
    ["x.then(...)", true, "var x;", "x.then(() => 1)"],
    ["x.catch(...)", true, "var x;", "x.catch(() => 1)"],
    // issue 12: `.finally` on a value of unknown type proves no promise (reported, not rewritten).
    ["x.finally(...) on an unknown x", false, "var x;", "x.finally(() => 1)"],
    ["new Promise(...).finally(...)", true, "", "new Promise((r) => r(1)).finally(() => 1)"],
    ["Promise.all(...)", true, "", "Promise.all([])"],
    ["Promise.allSettled(...)", true, "", "Promise.allSettled([])"],
    ["Promise.resolve(...)", true, "", "Promise.resolve(1)"],
    ["a call to a local async function", true, "async function save(item) { return item; }", "save(1)"],
    ["a call to a local async arrow", true, "const save = async (item) => item;", "save(1)"],
    ["a call to an async object method", true, "const repo = { async save(item) { return item; } };", "repo.save(1)"],
    ["a call to a local sync function", false, "function format(d) { return String(d); }", "format(1)"],
    ["new of another class", false, "class Foo {}", "new Foo()"],
    ["another object's all()", false, "const Other = { all() { return 1; } };", "Other.all()"],
    ["a plain identifier", false, "var x;", "x"],
    ["a call to an unknown function", false, "var unknownFn;", "unknownFn()"],
];

const ON_NODES = {
  promise: ["declare const v: Promise<void>;", "v"],
  array: ["declare const v: readonly Promise<void>[];", "v"],
  tuple: ["declare const v: [Promise<void>, number];", "v"],
  nullish: ["declare const v: null;", "v"],
  anyValue: ["declare const v: any;", "v"],
} as const;

const probes: { file: string; text: string }[] = [];
/** The probe file for `expr` after `preamble`; `export {}` keeps each file's declarations its own. */
function probeFile(preamble: string, expr: string, ext = "ts"): string {
  const file = `p${probes.length}.${ext}`;
  probes.push({ file, text: `${preamble}\nconst __probe = ${expr};\nexport {};\n` });
  return file;
}
const kindFiles = KINDS.map(([, , preamble, expr]) => probeFile(preamble, expr));
const syntacticFiles = SYNTACTIC.map(([, , preamble, expr]) => probeFile(preamble, expr, "js"));
const nodeFiles = Object.fromEntries(Object.entries(ON_NODES).map(([name, [preamble, expr]]) => [name, probeFile(preamble, expr)])) as Record<keyof typeof ON_NODES, string>;
probes.push({
  file: "overrides.ts",
  text: [
    "declare class Lib { run(): Promise<void>; maybe(): Promise<number> | number; stop(): void; field: () => PromiseLike<string> }",
    "class Mid extends Lib {}",
    "export class Sub extends Mid {",
    "  run() { return Promise.resolve(); }",
    "  maybe() { return 1; }",
    "  stop() {}",
    "  field = () => Promise.resolve('x');",
    "  own() {}",
    "}",
    "export class Plain { run() {} }",
    "",
  ].join("\n"),
});
probes.push({ file: "db.js", text: "export async function save(item) { return item; }\n" }, { file: "main.js", text: `import { save } from "./db.js";\nsave(1);\n` });

for (const backend of ["ts6", "ts7"] satisfies CheckerBackend[]) {
  describe(`type questions (${backend})`, () => {
    const sources = new Map<string, SourceFile>();
    let dir = "";
    let session: Ts7Session | undefined;
    let oracle: Ts7Oracle | undefined;
    beforeAll(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), `settle-types-${backend}-`));
      symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
      mkdirSync(dir, { recursive: true });
      const tsconfig = path.join(dir, "tsconfig.json");
      writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { strict: true, target: "es2022", module: "nodenext", allowJs: true, noEmit: true, types: [] } }));
      const { project, addFile } = createProject(tsconfig);
      const files = probes.map((p) => path.join(dir, p.file));
      for (const [i, p] of probes.entries()) {
        writeFileSync(files[i], p.text);
        sources.set(p.file, addFile(files[i], p.text));
      }
      if (backend === "ts7") {
        const started = Ts7Session.start(dir);
        if ("unavailable" in started) throw new Error(started.unavailable);
        session = started;
        oracle = session.openGroup(project, tsconfig, files);
        useTypeOracle(project, oracle);
      }
    });
    afterAll(() => {
      oracle?.close();
      session?.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const probe = (file: string): Expression => sources.get(file)!.getVariableDeclarationOrThrow("__probe").getInitializerOrThrow();

    it.each(KINDS.map((row, i) => [...row, kindFiles[i]] as const))("promiseKindOf: %s → %s", (_name, expected, _preamble, _expr, file) => {
      expect(promiseKindOf(probe(file))).toBe(expected);
    });

    it("isPromiseLike / isArray answer on nodes", () => {
      const node = (name: keyof typeof ON_NODES) => probe(nodeFiles[name]);
      expect(["promise", "array", "nullish", "anyValue"].map((n) => isPromiseLike(node(n as keyof typeof ON_NODES)))).toEqual([true, false, false, false]);
      expect([isArray(node("array")), isArray(node("tuple")), isArray(node("promise"))]).toEqual([true, true, false]);
    });

    it.each(SYNTACTIC.map((row, i) => [...row, syntacticFiles[i]] as const))("isSyntacticPromise: %s in a JS file → %s", (_name, expected, _preamble, _expr, file) => {
      expect(isSyntacticPromise(probe(file))).toBe(expected);
    });

    it("baseMethodReturnsPromise: what the overridden method (through the base chain) returns; undefined when it overrides nothing", () => {
      const file = sources.get("overrides.ts")!;
      const sub = file.getClassOrThrow("Sub");
      const answers = ["run", "maybe", "stop", "own"].map((m) => baseMethodReturnsPromise(sub.getMethodOrThrow(m)));
      expect(answers).toEqual([true, true, false, undefined]);
      expect(baseMethodReturnsPromise(file.getClassOrThrow("Plain").getMethodOrThrow("run"))).toBeUndefined();
    });

    it("recognises a call to an async function imported from another JS file of the project", () => {
      const call = sources.get("main.js")!.getStatements()[1];
      if (!Node.isExpressionStatement(call)) throw new Error("expected an expression statement");
      expect(isSyntacticPromise(call.getExpression())).toBe(true);
    });

    if (backend === "ts7") {
      // Last: it stops the session.
      it("a question the native compiler can no longer answer is a checker failure (reported per statement)", () => {
        const expr = probe(nodeFiles.promise);
        // Re-open the program (as after a pass that changed files), with the process gone.
        oracle!.filesChanged([expr.getSourceFile().getFilePath()]);
        session!.close();
        let caught: unknown;
        try {
          promiseKindOf(expr);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(CheckerFailure);
        expect(isCheckerFailure(caught)).toBe(true);
      });
    }
  });
}
