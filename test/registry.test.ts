import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { transformTable } from "../src/docs.js";
import { findingsDoc, RULES } from "../src/findings.js";
import { formatTransformList } from "../src/report.js";
import { transforms } from "../transforms/index.js";
import { FIXTURES, REPO } from "./helpers/fixtures.js";

/** Nothing can be added in one place and forgotten in another: registry, folders, fixtures, README, entries. */
describe("the transform registry", () => {
  const ids = transforms.map((t) => t.id);

  it("has unique ids", () => {
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("matches the transforms/ folders one to one", () => {
    const folders = readdirSync(path.join(REPO, "transforms"), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual([...ids].sort());
  });

  it("matches the __testfixtures__/ folders one to one", () => {
    const folders = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(folders).toEqual([...ids].sort());
  });

  it("has one fixture suite per transform in test/fixtures/, each running its own transform's cases", () => {
    const dir = path.join(REPO, "test", "fixtures");
    const files = readdirSync(dir).filter((f) => f.endsWith(".test.ts")).sort();
    expect(files).toEqual(ids.map((id) => `${id}.test.ts`).sort());
    for (const id of ids) expect(readFileSync(path.join(dir, `${id}.test.ts`), "utf8")).toContain(`fixtureSuite("${id}");`);
  });

  it.each(ids)("%s has a jscodeshift entry exporting the adapter for itself", async (id) => {
    const file = path.join(REPO, "transforms", id, "jscodeshift.ts");
    expect(existsSync(file)).toBe(true);
    const entry = (await import(file)) as { default: unknown };
    expect(typeof entry.default).toBe("function");
    expect(readFileSync(file, "utf8")).toMatch(/export default toJscodeshift\(transform\);/);
  });

  it("is what the README's transform table shows", () => {
    const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
    expect(readme).toContain(transformTable(transforms));
  });

  it("docs/findings.md is generated from the finding rules, and the README links it", () => {
    expect(readFileSync(path.join(REPO, "docs", "findings.md"), "utf8")).toBe(findingsDoc(RULES));
    expect(readFileSync(path.join(REPO, "README.md"), "utf8")).toContain("](docs/findings.md)");
  });

  it.each(ids)("%s has its page docs/transforms/<id>.md, opening with the before/after the README shows and linked from it", (id) => {
    const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
    const page = readFileSync(path.join(REPO, "docs", "transforms", `${id}.md`), "utf8");
    const section = new RegExp("### `" + id + "`\\n\\n([\\s\\S]*?)\\n\\nEvery shape, its limits and what settle cannot convert: \\[docs/transforms/" + id + "\\.md\\]\\(docs/transforms/" + id + "\\.md\\)\\.\\n").exec(readme);
    expect(section, `README section of ${id} with its link`).not.toBeNull();
    expect(page.startsWith(`# \`${id}\`\n\n${section![1]}\n`)).toBe(true);
  });

  it("is what --list prints, one line per transform with its summary", () => {
    const lines = formatTransformList(transforms).split("\n");
    expect(lines.slice(0, -1).map((l) => l.split(/\s+/)[0])).toEqual(ids);
    transforms.forEach((t, i) => expect(lines[i]).toContain(t.summary));
    expect(lines.at(-1)).toBe("each transform in full: docs/transforms/<id>.md (in the package and the repository)");
  });

  it("is exported for jscodeshift by package.json", () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { exports: Record<string, string> };
    expect(pkg.exports["./transforms/*/jscodeshift"]).toBe("./dist/transforms/*/jscodeshift.js");
  });
});
