import { describe, expect, it } from "vitest";
import { findEntryPoints } from "../../src/handlers/index.js";
import { InvocationScope } from "../../src/invocation.js";
import { createInMemoryProject } from "../../src/project.js";

function scopeOf(files: Record<string, string>, entryFile: string) {
  const project = createInMemoryProject();
  for (const [name, text] of Object.entries(files)) project.createSourceFile(name, text);
  const scope = new InvocationScope(findEntryPoints(project.getSourceFileOrThrow(entryFile)));
  const reached = (name: string) => scope.functionsIn(project.getSourceFileOrThrow(name)).map((fn) => fn.getText().split("\n")[0]);
  return { project, scope, reached };
}

describe("InvocationScope", () => {
  it("follows calls by name, through imports and const functions, and by type, across files", () => {
    const { reached } = scopeOf(
      {
        "/repo/src/lib.ts": [
          "export async function save(id: string): Promise<void> {}",
          "export const audit = async (id: string) => {};",
          "export const repo = { async put(id: string) {} };",
          "export function unused() {}",
          "",
        ].join("\n"),
        "/repo/src/handler.ts": [
          "import { audit, repo, save } from './lib';",
          "import { randomUUID } from 'node:crypto';",
          "function local(id: string) { return id; }",
          "export const handler = async (event: { id: string }) => {",
          "  await save(local(event.id));",
          "  await audit(randomUUID());",
          "  await repo.put(event.id);",
          "  [event.id].forEach(save);",
          "};",
          "",
        ].join("\n"),
      },
      "/repo/src/handler.ts",
    );
    expect(reached("/repo/src/handler.ts")).toEqual(["function local(id: string) { return id; }", "async (event: { id: string }) => {"]);
    expect(reached("/repo/src/lib.ts")).toEqual([
      "export async function save(id: string): Promise<void> {}",
      "async (id: string) => {}",
      "async put(id: string) {}",
    ]);
  });
});
