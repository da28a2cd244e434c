import { describe, expect, it } from "vitest";
import type { Strategy } from "../../src/define-transform.js";
import type { EntryNote } from "../../src/handlers/entry-point.js";
import { durableObjectClasses } from "../../src/handlers/durable-objects.js";
import { findEntryPoints } from "../../src/handlers/index.js";
import { createInMemoryProject } from "../../src/project.js";
import { chooseDeferral } from "../../src/strategy.js";

function project(files: Record<string, string>) {
  const p = createInMemoryProject();
  for (const [name, text] of Object.entries(files)) {
    if (name.endsWith(".ts")) p.createSourceFile(name, text);
    else p.getFileSystem().writeFileSync(name, text);
  }
  return p;
}

function summary(files: Record<string, string>, file: string, strategy: Strategy = "auto") {
  return findEntryPoints(project(files).getSourceFileOrThrow(file)).map((e) => {
    const d = chooseDeferral(e, strategy);
    const how = d.kind === "await" ? `await${d.reason ? ` (${d.reason})` : ""}` : d.kind === "ctx.waitUntil" ? `${d.receiver}.waitUntil` : d.kind;
    return `${e.platform} ${e.exportName} [${e.evidence}]: ${how}`;
  });
}

const PKG = JSON.stringify({ devDependencies: { wrangler: "^4.0.0" } });
const root = (files: Record<string, string>) => durableObjectClasses(project(files), "/");

describe("wrangler config: Durable Object class names", () => {
  it("TOML: binding tables (also per environment), inline bindings and migrations; not another Worker's class, not workflows", () => {
    const toml = [
      'name = "app" # a comment',
      "durable_objects = { bindings = [{ name = \"A\", class_name = \"Inline\" }] }",
      "[[durable_objects.bindings]]",
      'name = "B"',
      'class_name = "Table"',
      "[[durable_objects.bindings]]",
      'class_name = "Elsewhere"',
      'script_name = "other-worker"',
      "[[env.staging.durable_objects.bindings]]",
      'name = "C"',
      "class_name = 'Staged'",
      "[[workflows]]",
      'class_name = "MyWorkflow"',
      "[[migrations]]",
      'tag = "v1"',
      'new_classes = ["Migrated"]',
      'new_sqlite_classes = ["Sqlite", "Table"]',
    ].join("\n");
    expect([...root({ "/package.json": PKG, "/wrangler.toml": toml })].sort()).toEqual(["Inline", "Migrated", "Sqlite", "Staged", "Table"]);
  });

  it("TOML: a [durable_objects] table with an inline bindings array", () => {
    const toml = '[durable_objects]\nbindings = [\n  { name = "X", class_name = "Multi" },\n  { name = "Y", class_name = "Far", script_name = "w" }\n]\n';
    expect([...root({ "/wrangler.toml": toml })]).toEqual(["Multi"]);
  });

  it("JSONC with comments and environments", () => {
    const jsonc = `{
      // bindings
      "durable_objects": { "bindings": [{ "name": "A", "class_name": "Json" }, { "name": "B", "class_name": "Far", "script_name": "w" }] },
      "migrations": [{ "tag": "v1", "new_sqlite_classes": ["JsonSqlite"] }],
      "env": { "prod": { "durable_objects": { "bindings": [{ "name": "C", "class_name": "Prod" }] } } },
      "workflows": [{ "name": "w", "class_name": "Flow" }],
    }`;
    expect([...root({ "/wrangler.jsonc": jsonc })].sort()).toEqual(["Json", "JsonSqlite", "Prod"]);
  });
});

describe("Durable Object entry points", () => {
  const methods = "  async fetch(r: Request) { return new Response(); }\n  async alarm() {}\n  webSocketMessage() {}\n  webSocketClose() {}\n  helper() {}\n";

  it("extends DurableObject from cloudflare:workers: this.ctx.waitUntil, in any package", () => {
    const src = `import { DurableObject as Base } from "cloudflare:workers";\nexport class Counter extends Base {\n${methods}}\n`;
    expect(summary({ "/package.json": "{}", "/src/do.ts": src }, "/src/do.ts")).toEqual([
      "workers Counter.fetch [type]: this.ctx.waitUntil",
      "workers Counter.alarm [type]: this.ctx.waitUntil",
      "workers Counter.webSocketMessage [type]: this.ctx.waitUntil",
      "workers Counter.webSocketClose [type]: this.ctx.waitUntil",
    ]);
  });

  it("implements DurableObject in a Workers package, or named in wrangler config: await, and --strategy defer says why", () => {
    const files = {
      "/package.json": PKG,
      "/wrangler.toml": '[[durable_objects.bindings]]\nname = "R"\nclass_name = "Room"\n',
      "/src/do.ts": `export class Legacy implements DurableObject {\n  async fetch() { return new Response(); }\n}\nexport class Room {\n  async alarm() {}\n}\n`,
    };
    expect(summary(files, "/src/do.ts")).toEqual(["workers Legacy.fetch [type]: await", "workers Room.alarm [config]: await"]);
    expect(summary(files, "/src/do.ts", "defer")[1]).toMatch(/^workers Room\.alarm \[config\]: await \(this Durable Object class does not extend DurableObject from "cloudflare:workers"/);
  });

  it("not: a DurableObject of another module, an unexported class, implements outside a Workers package, a class the config does not name", () => {
    const src = [
      'import { DurableObject } from "some-lib";',
      "export class A extends DurableObject { async fetch() {} }",
      'import { DurableObject as DO } from "cloudflare:workers";',
      "class Hidden extends DO { async fetch() {} }",
      "export class Client { async fetch() {} }",
      "export class Impl implements DurableObject { async fetch() {} }",
      "export { Hidden as Shown };",
    ].join("\n");
    expect(summary({ "/package.json": "{}", "/src/x.ts": src }, "/src/x.ts")).toEqual(["workers Hidden.fetch [type]: this.ctx.waitUntil"]);
    expect(summary({ "/package.json": "{}", "/src/x.ts": src.replace("export { Hidden as Shown };", "") }, "/src/x.ts")).toEqual([]);
  });

  it("--verbose: an exported class of a Workers package with Durable Object methods it cannot confirm is listed as declined", () => {
    const src = 'import { Agent } from "agents";\nexport class Chat extends Agent {\n  async alarm() {}\n  async fetch() { return new Response(); }\n}\nexport class Client {\n  async fetch() {}\n}\n';
    const files = { "/package.json": PKG, "/src/chat.ts": src };
    const notes: EntryNote[] = [];
    expect(findEntryPoints(project(files).getSourceFileOrThrow("/src/chat.ts"), undefined, notes)).toEqual([]);
    expect(notes.map((n) => `${n.kind} ${n.exportName}: ${n.reason}`)).toEqual([
      'declined Chat: has Durable Object methods (alarm) but does not extend DurableObject from "cloudflare:workers", implement DurableObject or appear as class_name in a wrangler durable_objects binding; bind it there for settle to treat its methods as entry points',
    ]);
    const outside: EntryNote[] = [];
    findEntryPoints(project({ ...files, "/package.json": "{}" }).getSourceFileOrThrow("/src/chat.ts"), undefined, outside);
    expect(outside).toEqual([]);
  });
});
