import { readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createProject } from "../../src/project.js";
import { ts6ProgramsBuilt } from "../../src/types/ts6-trace.js";
import { run } from "../../src/run.js";
import { promiseKindOf } from "../../src/types/index.js";
import { useTypeOracle } from "../../src/types/oracle.js";
import { Ts7Session } from "../../src/types/ts7.js";
import { CHECKER_FAILED } from "../../src/types/index.js";
import { loadCases, REPO } from "../helpers/fixtures.js";
import { useTempDirs } from "./temp-dir.js";

const tempDir = useTempDirs();

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, target: "es2022", module: "nodenext", types: ["node"], skipLibCheck: true, noEmit: true } });

/** A callback handler whose floating call only the second pass (floating-promises) sees, after the first moved it. */
const HANDLER = `import type { Callback, Context } from "aws-lambda";

async function save(id: string): Promise<void> {}

export const handler = (event: { id: string }, context: Context, callback: Callback) => {
  save(event.id);
  callback(null, { statusCode: 200 });
};
`;

/** JS without a tsconfig: the inferred options, a virtual tsconfig for TypeScript 7. */
const INFERRED = `async function track(name) { return name; }
exports.handler = async (event) => {
  track("seen");
  return { statusCode: 200 };
};
`;

async function settle(files: Record<string, string>, checker: "ts6" | "ts7", transforms: string[], tsconfig = true) {
  const dir = tempDir({ ...files, ...(tsconfig ? { "tsconfig.json": TSCONFIG } : {}) });
  symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
  const result = await run({ paths: ["."], cwd: dir, mode: "write", force: true, transforms, checker });
  const texts = Object.fromEntries(Object.keys(files).map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));
  return { result, texts };
}

/** A handler whose only floating promise is in a helper of another file, reached through an import and a `const` arrow. */
const REACHED = {
  "handler.ts": `import { audit } from "./lib/audit";

export const handler = async (event: { id: string }) => {
  await audit(event.id);
  return { statusCode: 200 };
};
`,
  "lib/audit.ts": `async function send(id: string): Promise<void> {}

const log = async (id: string): Promise<void> => {
  send(id);
};

export async function audit(id: string): Promise<void> {
  await log(id);
}

export async function unreached(id: string): Promise<void> {
  send(id);
}
`,
};

describe("TypeScript 7 and 6 answer alike", () => {
  it("a ts7 run follows calls across files with TypeScript 7 alone: TypeScript 6's program is never built", async () => {
    const before = ts6ProgramsBuilt();
    const ts7 = await settle(REACHED, "ts7", ["floating-promises"]);
    expect(ts7.result.checker).toBe("ts7");
    expect(ts6ProgramsBuilt() - before).toBe(0);
    const expected = REACHED["lib/audit.ts"].replace("  send(id);\n};", "  await send(id);\n};");
    expect(ts7.texts["lib/audit.ts"]).toBe(expected);
    expect(ts7.texts["handler.ts"]).toBe(REACHED["handler.ts"]);
    // The same answers from TypeScript 6, which does build its program (so the count above can fail).
    const ts6 = await settle(REACHED, "ts6", ["floating-promises"]);
    expect(ts6ProgramsBuilt() - before).toBe(1);
    expect(ts6.texts).toEqual(ts7.texts);
    expect(ts6.result.findings).toEqual(ts7.result.findings);
  });

  it("a file skipped for its nesting is set aside without TypeScript 6 (ts-morph's replaceWithText built the group's program)", async () => {
    const before = ts6ProgramsBuilt();
    const deep = `export const x = ${"(".repeat(450)}1${")".repeat(450)};\n`;
    const ts7 = await settle({ ...REACHED, "gen/deep.ts": deep }, "ts7", ["floating-promises"]);
    expect(ts7.result.files.find((f) => f.path === "gen/deep.ts")?.status).toBe("skipped");
    expect(ts7.texts["lib/audit.ts"]).toContain("  await send(id);\n");
    expect(ts6ProgramsBuilt() - before).toBe(0);
  });

  it("a ts7 run finds the other callers of a handler it would make async with TypeScript 7 alone (find-all-references)", async () => {
    const files = {
      "handler.ts": "async function save(id: string): Promise<void> {}\n\nexport const handler = (event: { id: string }) => {\n  save(event.id);\n};\n",
      // An import and a JSDoc link call no one: the call on line 5 is the other caller, for both compilers.
      "replay.ts": 'import { handler } from "./handler";\n\n/** Replays {@link handler} once. */\nexport function replay(): void {\n  handler({ id: "x" });\n}\n',
    };
    const ts6 = await settle(files, "ts6", ["floating-promises"]);
    const before = ts6ProgramsBuilt();
    const ts7 = await settle(files, "ts7", ["floating-promises"]);
    expect(ts6ProgramsBuilt() - before).toBe(0);
    expect(ts7.texts).toEqual(files);
    expect(ts7.result.findings.map((f) => `${f.file}:${f.line} ${f.reason}`)).toEqual([
      "handler.ts:4 un-awaited promise not rewritten: the handler is also called at replay.ts:5: making it async would change what that call receives",
    ]);
    expect(ts6.result.findings).toEqual(ts7.result.findings);
  });

  it("a ts7 run over callback handlers (local settlers, serverless-express variables, error nullness, wrappers, context methods, handlers typed from outside) builds no TypeScript 6 program", async () => {
    const names = ["local-settlers", "serverless-express", "error-first", "wrappers", "context-methods", "typed-handlers"];
    const cases = loadCases("callback-handlers").filter((c) => names.includes(c.name));
    expect(cases.map((c) => c.name).sort()).toEqual([...names].sort());
    // Single-file cases side by side in one folder: one run, one native compiler.
    const files = Object.fromEntries(cases.flatMap((c) => [...c.inputs].map(([rel, bytes]) => [rel, bytes.toString("latin1")])));
    const before = ts6ProgramsBuilt();
    const ts7 = await settle(files, "ts7", ["callback-handlers"]);
    expect(ts7.result.checker).toBe("ts7");
    expect(ts6ProgramsBuilt() - before).toBe(0);
    for (const c of cases) for (const [rel, bytes] of c.expected) expect(ts7.texts[rel], rel).toBe(bytes.toString("latin1"));
    const lines = ts7.result.findings.map((f) => `${f.file}:${f.line}:${f.column}  ${f.blocking ? "[blocking] " : ""}${f.reason}`);
    expect(lines.sort()).toEqual(cases.flatMap((c) => c.findings).sort());
  });

  it("a later pass asks about the text an earlier pass left (the native compiler is told what changed)", async () => {
    const ids = ["callback-handlers", "floating-promises"];
    const ts7 = await settle({ "handler.ts": HANDLER }, "ts7", ids);
    const ts6 = await settle({ "handler.ts": HANDLER }, "ts6", ids);
    expect(ts7.result.checker).toBe("ts7");
    expect(ts7.result.files.filter((f) => f.status === "failed")).toEqual([]);
    expect(ts7.result.findings.map((f) => f.reason)).not.toContain(CHECKER_FAILED);
    expect(ts7.texts["handler.ts"]).toContain("  await save(event.id);\n");
    expect(ts7.texts).toEqual(ts6.texts);
    expect(ts7.result.findings).toEqual(ts6.result.findings);
  });

  it("a later pass's export questions read the renewed tree: a function declaration beside a converted callback handler (JavaScript)", async () => {
    // The discovery of the second pass asks whether `PhotoError` is exported, after the first pass rewrote the file.
    const files = {
      "package.json": "{}",
      "index.js": "exports.handler = (event, context, callback) => {\n  callback(null, { ok: true });\n};\n\nfunction PhotoError(message) {\n  this.message = message;\n}\n",
    };
    const ids = ["callback-handlers", "floating-promises"];
    const ts7 = await settle(files, "ts7", ids, false);
    const ts6 = await settle(files, "ts6", ids, false);
    expect(ts7.result.files.filter((f) => f.status === "failed").map((f) => f.reason)).toEqual([]);
    expect(ts7.texts["index.js"]).toContain("exports.handler = async (event, context) => {\n  return { ok: true };\n};\n");
    expect(ts7.texts).toEqual(ts6.texts);
    expect(ts7.result.findings).toEqual(ts6.result.findings);
  });

  it("files without a tsconfig get the inferred options in both", async () => {
    const ts7 = await settle({ "package.json": "{}", "index.js": INFERRED }, "ts7", ["floating-promises"], false);
    const ts6 = await settle({ "package.json": "{}", "index.js": INFERRED }, "ts6", ["floating-promises"], false);
    expect(ts7.result.checker).toBe("ts7");
    expect(ts7.texts["index.js"]).toContain('  await track("seen");\n');
    expect(ts7.texts).toEqual(ts6.texts);
    expect(ts7.result.findings).toEqual(ts6.result.findings);
  });

  it("tsconfig groups that differ only in emit options share one TypeScript 7 program, with TypeScript 6's answers per group (an edit of one group's file is not what another group reads)", async () => {
    const base = JSON.parse(TSCONFIG) as { compilerOptions: Record<string, unknown> };
    const files = {
      "tsconfig.base.json": TSCONFIG,
      "a/tsconfig.json": JSON.stringify({ extends: "../tsconfig.base.json", compilerOptions: { outDir: "dist", declaration: true } }),
      "b/tsconfig.json": JSON.stringify({ extends: "../tsconfig.base.json", compilerOptions: { outDir: "out", composite: true, rootDir: "." } }),
      // Other type options: a program of its own.
      "c/tsconfig.json": JSON.stringify({ compilerOptions: { ...base.compilerOptions, strict: false } }),
      "a/lib.ts": "async function track(name: string): Promise<void> {}\n\nexport function notify(name: string): void {\n  track(name);\n}\n",
      "a/handler.ts": 'import { notify } from "./lib";\n\nexport const handler = async (event: { id: string }) => {\n  notify(event.id);\n  return { statusCode: 200 };\n};\n',
      "b/handler.ts": 'import { notify } from "../a/lib";\n\nasync function save(id: string): Promise<void> {}\n\nexport const handler = async (event: { id: string }) => {\n  notify(event.id);\n  save(event.id);\n  return { statusCode: 201 };\n};\n',
      "c/handler.ts": "async function save(id: string): Promise<void> {}\n\nexport const handler = async (event: { id: string }) => {\n  save(event.id);\n};\n",
    };
    const dirs = [tempDir(files), tempDir(files)];
    for (const dir of dirs) symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
    const session = Ts7Session.start(dirs[0]);
    if ("unavailable" in session) throw new Error(session.unavailable);
    try {
      const ts7 = await run({ paths: ["."], cwd: dirs[0], mode: "write", force: true, transforms: ["floating-promises"], checker: "ts7", ts7Session: session });
      expect(session.sharingGroups).toBe(2);
      const ts6 = await run({ paths: ["."], cwd: dirs[1], mode: "write", force: true, transforms: ["floating-promises"], checker: "ts6" });
      const texts = (dir: string) => Object.keys(files).map((f) => readFileSync(path.join(dir, f), "utf8"));
      expect(texts(dirs[0])).toEqual(texts(dirs[1]));
      expect(texts(dirs[0])).not.toEqual(Object.values(files));
      expect(ts7.findings).toEqual(ts6.findings);
      expect(ts7.files.map((f) => [f.path, f.status])).toEqual(ts6.files.map((f) => [f.path, f.status]));
      // The same session over the written files (its program kept from the first run): nothing left to do.
      const again = await run({ paths: ["."], cwd: dirs[0], mode: "dry-run", transforms: ["floating-promises"], checker: "ts7", ts7Session: session });
      expect(again.files.filter((f) => f.status === "changed")).toEqual([]);
    } finally {
      session.close();
    }
  });

  it("a session kept across runs plans each run afresh: a tsconfig shared in one run opens its own program in the next", () => {
    const dir = tempDir({
      "tsconfig.json": TSCONFIG,
      "a/tsconfig.json": JSON.stringify({ extends: "../tsconfig.json", compilerOptions: { outDir: "dist" } }),
      "b/tsconfig.json": JSON.stringify({ extends: "../tsconfig.json", compilerOptions: { outDir: "out" } }),
    });
    const session = Ts7Session.start(dir);
    if ("unavailable" in session) throw new Error(session.unavailable);
    const a = { tsconfig: path.join(dir, "a/tsconfig.json"), files: [path.join(dir, "a/x.ts")] };
    const b = { tsconfig: path.join(dir, "b/tsconfig.json"), files: [path.join(dir, "b/y.ts")] };
    session.plan([a, b]);
    expect(session.sharingGroups).toBe(2);
    session.plan([a]);
    expect(session.sharingGroups).toBe(0);
    session.close();
  });

  it("a group opening a shared program reads another group's file as on disk, not as that group's edits left it", () => {
    const dir = tempDir({
      "tsconfig.json": TSCONFIG,
      "a/tsconfig.json": JSON.stringify({ extends: "../tsconfig.json", compilerOptions: { outDir: "dist" } }),
      "b/tsconfig.json": JSON.stringify({ extends: "../tsconfig.json", compilerOptions: { outDir: "out" } }),
      "a/x.ts": "export const v = Promise.resolve(1);\n",
      "b/y.ts": 'import { v } from "../a/x";\nv;\n',
    });
    const [x, y] = [path.join(dir, "a/x.ts"), path.join(dir, "b/y.ts")];
    const session = Ts7Session.start(dir);
    if ("unavailable" in session) throw new Error(session.unavailable);
    try {
      const groups = [{ tsconfig: path.join(dir, "a/tsconfig.json"), files: [x] }, { tsconfig: path.join(dir, "b/tsconfig.json"), files: [y] }];
      session.plan(groups);
      expect(session.sharingGroups).toBe(2);
      // Group a edits x.ts: v is no promise any more, in its own Project and in the program it told.
      const a = createProject(groups[0].tsconfig);
      const fileX = a.addFile(x, readFileSync(x, "utf8"));
      const oracleA = session.openGroup(a.project, groups[0].tsconfig, [x]);
      useTypeOracle(a.project, oracleA);
      const init = () => fileX.getVariableDeclarationOrThrow("v").getInitializerOrThrow();
      expect(promiseKindOf(init())).toBe("promise");
      init().replaceWithText("1");
      oracleA.filesChanged([x]);
      expect(promiseKindOf(init())).toBe("none");
      oracleA.close();
      // Group b's Project reads x.ts from disk, as TypeScript 6's program would: so must the shared program.
      const b = createProject(groups[1].tsconfig);
      const fileY = b.addFile(y, readFileSync(y, "utf8"));
      const oracleB = session.openGroup(b.project, groups[1].tsconfig, [y]);
      useTypeOracle(b.project, oracleB);
      expect(promiseKindOf(fileY.getStatements()[1].getChildAtIndex(0))).toBe("promise");
      oracleB.close();
    } finally {
      session.close();
    }
  });

  it("a native compiler that does not start leaves the answers to TypeScript 6, and says so", () => {
    const dir = tempDir({ "tsconfig.json": TSCONFIG, "a.ts": "declare const p: Promise<void>;\np;\nexport {};\n" });
    const { project, addFile } = createProject(path.join(dir, "tsconfig.json"));
    const file = addFile(path.join(dir, "a.ts"), readFileSync(path.join(dir, "a.ts"), "utf8"));
    const session = Ts7Session.start(dir, { executable: "/bin/false" });
    if ("unavailable" in session) throw new Error(session.unavailable);
    const oracle = session.openGroup(project, path.join(dir, "tsconfig.json"), [path.join(dir, "a.ts")]);
    useTypeOracle(project, oracle);
    expect(promiseKindOf(file.getStatements()[1].getChildAtIndex(0))).toBe("promise");
    expect(session.answering).toBe(false);
    // Which error the dead process gives first depends on timing: its exit, or the broken pipe of the request.
    expect(session.failure).toMatch(/child process|EPIPE|exit/);
    oracle.close();
    session.close();
  });

  it("closing the session stops the native compiler outright, so it cannot print on the terminal settle shares with it", async () => {
    const dir = tempDir({ "tsconfig.json": TSCONFIG, "a.ts": "declare const p: Promise<void>;\np;\nexport {};\n" });
    const { project, addFile } = createProject(path.join(dir, "tsconfig.json"));
    const file = addFile(path.join(dir, "a.ts"), readFileSync(path.join(dir, "a.ts"), "utf8"));
    const session = Ts7Session.start(dir);
    if ("unavailable" in session) throw new Error(session.unavailable);
    const oracle = session.openGroup(project, path.join(dir, "tsconfig.json"), [path.join(dir, "a.ts")]);
    useTypeOracle(project, oracle);
    expect(promiseKindOf(file.getStatements()[1].getChildAtIndex(0))).toBe("promise");
    oracle.close();
    const child = session.process;
    expect(child, "the API's child process is where settle expects it in this typescript7 build").toBeDefined();
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child!.once("exit", (_code, signal) => resolve(signal)));
    session.close();
    // SIGTERM lets it shut down (and, while it still handles the snapshot's release, print "context canceled").
    expect(await exited).toBe("SIGKILL");
  });
});

describe("TypeScript 7 builds a group's program while settle parses the group's files", () => {
  /** settle over `files` with a TypeScript 7 session that opens programs in the background or not, and with TypeScript 6. */
  async function threeWays(files: Record<string, string>, transforms: string[]) {
    const out = [];
    for (const way of ["background", "after the parse", "ts6"] as const) {
      const dir = tempDir({ ...files, "tsconfig.json": TSCONFIG });
      symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
      const session = way === "ts6" ? undefined : Ts7Session.start(dir, { background: way === "background", backgroundMinFiles: 1 });
      if (session && "unavailable" in session) throw new Error(session.unavailable);
      try {
        const result = await run({ paths: ["."], cwd: dir, mode: "write", force: true, transforms, checker: session ? "ts7" : "ts6", ...(session ? { ts7Session: session } : {}) });
        const texts = Object.fromEntries(Object.keys(files).map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));
        out.push({ result, texts, prefetches: session?.prefetches, started: !!session?.process });
      } finally {
        session?.close();
      }
    }
    return out;
  }

  it("opened in the background from the first file with an entry point, the program answers as one opened after the parse, and as TypeScript 6", async () => {
    const files = {
      "a-handler.ts": 'import { audit } from "./b-audit";\n\nexport const handler = async (event: { id: string }) => {\n  audit(event.id);\n  return { statusCode: 200 };\n};\n',
      "b-audit.ts": 'import { send } from "./c-send";\n\nexport async function audit(id: string): Promise<void> {\n  send(id);\n}\n',
      "c-send.ts": "export async function send(id: string): Promise<void> {}\n",
    };
    const [background, after, ts6] = await threeWays(files, ["floating-promises"]);
    expect(background.prefetches).toBe(1);
    expect(after.prefetches).toBe(0);
    expect(background.texts["a-handler.ts"]).toContain("  await audit(event.id);\n");
    expect(background.texts["b-audit.ts"]).toContain("  await send(id);\n");
    expect(background.texts).toEqual(after.texts);
    expect(background.texts).toEqual(ts6.texts);
    expect(background.result.findings).toEqual(after.result.findings);
    expect(background.result.findings).toEqual(ts6.result.findings);
  });

  it("a file the compiler read from disk in the background but settle does not analyse (a placeholder) is read again before the first answer", async () => {
    // deep.ts is parsed (and set aside: an empty module in its place) before handler.ts starts the
    // background open, which reads deep.ts from disk: with its real `work`, `work()` would be awaited.
    const files = {
      "deep.ts": `export async function work(): Promise<void> {}\nexport const x = ${"(".repeat(450)}1${")".repeat(450)};\n`,
      "handler.ts": 'import { work } from "./deep";\n\nexport const handler = async (event: { id: string }) => {\n  work();\n  return { statusCode: 200 };\n};\n',
    };
    const [background, after, ts6] = await threeWays(files, ["floating-promises"]);
    expect(background.prefetches).toBe(1);
    expect(background.result.files.find((f) => f.path === "deep.ts")?.status).toBe("skipped");
    expect(background.texts["handler.ts"]).toBe(files["handler.ts"]);
    expect(background.texts).toEqual(after.texts);
    expect(background.texts).toEqual(ts6.texts);
    expect(background.result.findings).toEqual(after.result.findings);
  });

  it("a small group (under 50 files) opens its program after the parse: the worker thread would cost more than it hides", async () => {
    const dir = tempDir({ "tsconfig.json": TSCONFIG, "handler.ts": "async function save(): Promise<void> {}\nexport const handler = async (event: { id: string }) => {\n  save();\n};\n" });
    symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
    const session = Ts7Session.start(dir, { background: true });
    if ("unavailable" in session) throw new Error(session.unavailable);
    try {
      const result = await run({ paths: ["."], cwd: dir, mode: "dry-run", transforms: ["floating-promises"], checker: "ts7", ts7Session: session });
      expect(result.files.map((f) => f.status)).toEqual(["changed"]);
      expect(session.prefetches).toBe(0);
    } finally {
      session.close();
    }
  });

  it("a group with no entry point sends nothing in the background: the native compiler never starts", async () => {
    const files = {
      "src/math.ts": "export function add(a: number, b: number): number {\n  return a + b;\n}\nasync function local(): Promise<void> {}\nlocal();\n",
      "src/server.ts": "import { add } from './math';\nexport function middleware(req: unknown, res: unknown, next: () => void): void {\n  add(1, 2);\n  next();\n}\n",
      "src/math.test.ts": "import { add } from './math';\nexport const handler = async () => add(1, 2);\n",
    };
    const [background] = await threeWays(files, ["floating-promises"]);
    expect(background.prefetches).toBe(0);
    expect(background.started).toBe(false);
    expect(background.result.counts.changed).toBe(0);
  });
});
