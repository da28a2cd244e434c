import { Node, type Expression } from "ts-morph";
import { describe, expect, it } from "vitest";
import { createInMemoryProject } from "../../src/project.js";
import { isArrayType, isPromiseLike, isSyntacticPromise, promiseKindOf, type PromiseKind } from "../../src/promises.js";

// One project for the file: creating one costs a few hundred ms.
const project = createInMemoryProject();
let counter = 0;

/** The expression `expr`, evaluated after `preamble`, in a fresh module of the given extension. */
function probe(preamble: string, expr: string, ext = "ts"): Expression {
  // `export {}` makes each file a module, so its declarations do not clash with other files' globals.
  const text = `${preamble}\nconst __probe = ${expr};\nexport {};\n`;
  const file = project.createSourceFile(`/p${counter++}/probe.${ext}`, text);
  return file.getVariableDeclarationOrThrow("__probe").getInitializerOrThrow();
}

const kindOf = (preamble: string, expr: string): PromiseKind => promiseKindOf(probe(preamble, expr));

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

describe("promiseKindOf", () => {
  it.each<[string, PromiseKind, string, string]>([
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
  ])("%s → %s", (_name, expected, preamble, expr) => {
    expect(kindOf(preamble, expr)).toBe(expected);
  });
});

describe("isPromiseLike / isArrayType", () => {
  it("answers on types directly", () => {
    const promise = probe("declare const v: Promise<void>;", "v");
    const array = probe("declare const v: readonly Promise<void>[];", "v");
    const tuple = probe("declare const v: [Promise<void>, number];", "v");
    const nullish = probe("declare const v: null;", "v");
    expect(isPromiseLike(promise.getType(), promise)).toBe(true);
    expect(isPromiseLike(array.getType(), array)).toBe(false);
    expect(isPromiseLike(nullish.getType(), nullish)).toBe(false);
    expect([isArrayType(array.getType()), isArrayType(tuple.getType()), isArrayType(promise.getType())]).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe("isSyntacticPromise", () => {
  it.each<[string, boolean, string, string]>([
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
  ])("%s in a JS file → %s", (_name, expected, preamble, expr) => {
    expect(isSyntacticPromise(probe(preamble, expr, "js"))).toBe(expected);
  });

  it("recognises a call to an async function imported from another JS file of the project", () => {
    const dir = `/p${counter++}`;
    project.createSourceFile(`${dir}/db.js`, "export async function save(item) { return item; }\n");
    const main = project.createSourceFile(`${dir}/main.js`, `import { save } from "./db.js";\nsave(1);\n`);
    const call = main.getStatements()[1];
    if (!Node.isExpressionStatement(call)) throw new Error("expected an expression statement");
    expect(isSyntacticPromise(call.getExpression())).toBe(true);
  });
});
