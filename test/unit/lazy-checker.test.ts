import path from "node:path";
import { Node, type Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { transformProject, type EngineFile } from "../../src/engine.js";
import { isDefaultExportedDeclaration, isExportedDeclaration } from "../../src/handlers/syntactic-exports.js";
import { createDeclarationCache, createInMemoryProject, createProject } from "../../src/project.js";
import { transforms } from "../../transforms/index.js";
import { useTempDirs } from "./temp-dir.js";

const tempDir = useTempDirs();

/** Whether ts-morph built the TypeScript program (and so could have bound files for a checker). */
function programBuilt(project: Project): boolean {
  return (project.getProgram() as unknown as { _isCompilerProgramCreated(): boolean })._isCompilerProgramCreated();
}

function run(project: Project, files: Record<string, string>): void {
  const engineFiles: EngineFile[] = Object.entries(files).map(([name, text]) => ({
    path: name,
    sourceFile: project.createSourceFile(name, text, { overwrite: true }),
    text,
    changedBy: [],
  }));
  transformProject(engineFiles, transforms, { strategy: "auto" });
}

describe("type information only where an invocation can reach", () => {
  it("never builds a program for files that hold no entry point", () => {
    const project = createInMemoryProject();
    run(project, {
      "/repo/src/math.ts": "export function add(a: number, b: number): number {\n  return a + b;\n}\nfunction local(): Promise<void> {\n  return Promise.resolve();\n}\nlocal();\n",
      "/repo/src/server.ts": "import { add } from './math';\nexport function middleware(req: unknown, res: unknown, next: () => void): void {\n  add(1, 2);\n  next();\n}\nconst port = add(3000, 1);\nexport default port;\n",
      "/repo/scripts/seed.mjs": "export async function seed() {\n  await Promise.resolve();\n}\nseed();\n",
    });
    expect(programBuilt(project)).toBe(false);
  });

  it("builds it once a handler has calls to follow", () => {
    const project = createInMemoryProject();
    run(project, {
      "/repo/src/handler.ts": "async function track(): Promise<void> {}\nexport const handler = async (event: unknown) => {\n  track();\n};\n",
    });
    expect(programBuilt(project)).toBe(true);
  });
});

describe("createProject", () => {
  it("adds a file with the text settle decoded, not what is on disk", () => {
    const root = tempDir({ "package.json": "{}", "tsconfig.json": "{}", "a.ts": "export const onDisk = 1;\n" });
    const { addFile } = createProject(path.join(root, "tsconfig.json"));
    const file = addFile(path.join(root, "a.ts"), "export const decoded = 2;\n");
    expect(file.getFullText()).toBe("export const decoded = 2;\n");
    expect(file.getVariableDeclaration("decoded")).toBeDefined();
  });

  it("parses the lib files once for Projects whose options shape files alike", () => {
    const options = (target: string) => JSON.stringify({ compilerOptions: { target, lib: ["ES2022"], types: [] } });
    const root = tempDir({
      "a/package.json": "{}",
      "a/tsconfig.json": options("ES2022"),
      "a/x.ts": "export const x = [1].at(0);\n",
      "b/package.json": "{}",
      "b/tsconfig.json": options("ES2022"),
      "b/y.ts": "export const y = [2].at(0);\n",
      "c/package.json": "{}",
      "c/tsconfig.json": options("ES2020"),
      "c/z.ts": "export const z = [3].at(0);\n",
    });
    const declarations = createDeclarationCache();
    const libOf = (pkg: string, file: string) => {
      const { project, addFile } = createProject(path.join(root, pkg, "tsconfig.json"), declarations);
      addFile(path.join(root, pkg, file), `export const v = 1;\n`);
      return project.getProgram().compilerObject.getSourceFiles().find((f) => f.fileName.endsWith("/lib.es5.d.ts"));
    };
    const a = libOf("a", "x.ts");
    const b = libOf("b", "y.ts");
    const c = libOf("c", "z.ts");
    expect(a).toBeDefined();
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });
});

describe("isExportedDeclaration / isDefaultExportedDeclaration", () => {
  const cases: [string, string][] = [
    ["a.ts", "export function f() {}\n"],
    ["b.ts", "export default function f() {}\n"],
    ["c.ts", "function f() {}\nexport { f };\n"],
    ["d.ts", "function f() {}\nexport { f as default };\n"],
    ["e.ts", "function f() {}\nexport default f;\n"],
    ["f.ts", "export function f() {}\nexport default f;\n"],
    ["g.ts", "function f() {}\nconst g = 1;\nexport { g };\nexport default g;\n"],
    ["h.ts", "class C {}\nexport default C;\n"],
    ["i.ts", "export class C {}\n"],
    ["j.ts", "function f() {}\nexport { f as g } from './x';\n"],
    ["k.js", "function f() {}\nmodule.exports = { f };\n"],
    ["l.js", "function f() {}\nexports.default = f;\n"],
    ["m.js", "function f() {}\nmodule.exports = { main: f };\n"],
    ["n.mjs", "function f() {}\nexport { f as handler };\n"],
    ["o.ts", "class C {}\nexport { C as Main, C as default };\n"],
    ["p.ts", "function f() {}\nexport = f;\n"],
  ];
  it("answers as ts-morph does (which asks the checker)", () => {
    const project = createInMemoryProject();
    const files = cases.map(([name, text]) => project.createSourceFile(`/repo/${name}`, text));
    for (const file of files) {
      for (const statement of file.getStatements()) {
        if (!Node.isFunctionDeclaration(statement) && !Node.isClassDeclaration(statement)) continue;
        const where = `${file.getBaseName()}: ${statement.getText()}`;
        expect(isExportedDeclaration(statement), where).toBe(statement.isExported());
        expect(isDefaultExportedDeclaration(statement), where).toBe(statement.isDefaultExport());
      }
    }
  });

  it("decides a declaration named by an export list or export assignment without a program", () => {
    const project = createInMemoryProject();
    const listed = ["c.ts", "d.ts", "e.ts", "h.ts", "n.mjs", "o.ts", "p.ts"];
    const files = cases.filter(([name]) => listed.includes(name)).map(([name, text]) => project.createSourceFile(`/repo/${name}`, text));
    const answers = files.flatMap((file) =>
      file.getStatements().flatMap((s) => (Node.isFunctionDeclaration(s) || Node.isClassDeclaration(s) ? [[isExportedDeclaration(s), isDefaultExportedDeclaration(s)]] : [])),
    );
    expect(answers).toEqual([[true, false], [true, true], [true, true], [true, true], [true, false], [true, true], [true, false]]);
    expect(programBuilt(project)).toBe(false);
  });
});
