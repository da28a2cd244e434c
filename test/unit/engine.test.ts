import { describe, expect, it } from "vitest";
import { defineTransform } from "../../src/define-transform.js";
import { transformSource } from "../../src/transform-source.js";

// Two passes: the first inserts lines at the top, the second reports every `report()` call it sees.
const insertHeader = defineTransform({
  id: "insert-header",
  summary: "test: inserts two comment lines",
  requiresTypeInfo: false,
  run(file, ctx) {
    if (!file.getFullText().startsWith("// header")) ctx.insertBefore(0, "// header\n// header\n");
  },
});
const reportCalls = defineTransform({
  id: "report-calls",
  summary: "test: reports calls named report",
  requiresTypeInfo: false,
  run(file, ctx) {
    for (const call of file.getDescendants().filter((n) => n.getText() === "report()")) ctx.report(call, "seen");
  },
});

describe("transformProject", () => {
  it("reports findings of later passes at their positions in the original file", () => {
    const source = "const a = 1;\r\n  report();\r\n";
    const result = transformSource("a.ts", source, [insertHeader, reportCalls]);
    expect(result.text).toBe("// header\r\n// header\r\nconst a = 1;\r\n  report();\r\n");
    expect(result.findings.map((f) => `${f.transform} ${f.line}:${f.column}`)).toEqual(["report-calls 2:3"]);
  });

  it("edits a CRLF file correctly in a later pass (its offsets match the text the edits apply to)", () => {
    const renameCalls = defineTransform({
      id: "rename-calls",
      summary: "test: report() -> done()",
      requiresTypeInfo: false,
      run(file, ctx) {
        for (const call of file.getDescendants().filter((n) => n.getText() === "report()")) ctx.replace(call, "done()");
      },
    });
    const source = "const a = 1;\r\n  report();\r\nreport();\r\n";
    const result = transformSource("a.ts", source, [insertHeader, renameCalls]);
    expect(result.failure).toBeUndefined();
    expect(result.text).toBe("// header\r\n// header\r\nconst a = 1;\r\n  done();\r\ndone();\r\n");
  });

  it("refuses a transform's output that does not parse and leaves the file as it was", () => {
    const breaker = defineTransform({
      id: "breaker",
      summary: "test: breaks the file",
      requiresTypeInfo: false,
      run: (_file, ctx) => ctx.insertBefore(0, "const = ;\n"),
    });
    const result = transformSource("a.ts", "export const x = 1;\n", [breaker]);
    expect(result.changed).toBe(false);
    expect(result.failure).toMatch(/^breaker produced output that does not parse \(1:7: /);
  });

  it("tells each transform which transforms are in the run, in order (ctx.transforms)", () => {
    const seen: string[][] = [];
    const record = (id: string) =>
      defineTransform({ id, summary: "test: records ctx.transforms", requiresTypeInfo: false, run: (_file, ctx) => void seen.push([id, ...ctx.transforms]) });
    transformSource("a.ts", "const a = 1;\n", [record("first"), record("second")]);
    expect(seen).toEqual([["first", "first", "second"], ["second", "first", "second"]]);
    seen.length = 0;
    transformSource("a.ts", "const a = 1;\n", [record("alone")]);
    expect(seen).toEqual([["alone", "alone"]]);
  });
});
