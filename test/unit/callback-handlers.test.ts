import pc from "picocolors";
import { describe, expect, it } from "vitest";
import { formatSummary } from "../../src/report.js";
import type { RunResult } from "../../src/run.js";
import { transformSource } from "../../src/transform-source.js";
import callbackHandlers from "../../transforms/callback-handlers/index.js";

const plain = pc.createColors(false);

describe("callback-handlers in single-file mode (jscodeshift)", () => {
  it("reports, rather than converts, a handler whose package type it cannot see and that needs the promise wrapper", () => {
    const source = `import type { APIGatewayProxyHandler } from "aws-lambda";
import { load } from "./db";

export const handler: APIGatewayProxyHandler = (event, context, callback) => {
  load(event.path, (err: Error | null, body?: string) => callback(err, { statusCode: 200, body: body ?? "" }));
};
`;
    const result = transformSource("handler.ts", source, [callbackHandlers]);
    expect(result.text).toBe(source);
    expect(result.findings.map((f) => [f.line, f.column, f.blocking, f.reason])).toEqual([
      [4, 23, true, "the handler's type APIGatewayProxyHandler cannot be resolved here (no type information for it), so the result type of the promise it needs is unknown: install its type package (e.g. `npm i -D @types/aws-lambda`) and run settle again; the handler stays callback-style, which fails on Node.js 24"],
    ]);
  });

  it("converts the direct form, which needs no result type", () => {
    const source = `import type { APIGatewayProxyHandler } from "aws-lambda";

export const handler: APIGatewayProxyHandler = (event, context, callback) => {
  callback(null, { statusCode: 200, body: event.path });
};
`;
    const result = transformSource("handler.ts", source, [callbackHandlers]);
    expect(result.findings).toEqual([]);
    expect(result.text).toBe(`import type { APIGatewayProxyHandler } from "aws-lambda";

export const handler: APIGatewayProxyHandler = async (event, context) => {
  return { statusCode: 200, body: event.path };
};
`);
  });
});

describe("blocking findings in the summary", () => {
  const finding = { file: "flush.js", line: 2, column: 3, transform: "callback-handlers", reason: "a timer is started here", rule: "callback-handler-kept", level: "blocking" as const, fix: "convert it by hand", blocking: true };
  const result = (mode: RunResult["mode"]): RunResult => ({
    mode, transforms: ["callback-handlers"], files: [{ path: "flush.js", status: "unchanged", transforms: [], written: false }],
    findings: [finding], errors: [], entryNotes: [], typeGaps: [], counts: { changed: 0, unchanged: 1, skipped: 0, failed: 0, findings: 1 }, interrupted: false, checker: "ts6", notes: [], exitCode: mode === "check" ? 1 : 0,
  });

  it("are marked, and under --check say why the check failed", () => {
    expect(formatSummary(result("check"), plain)).toBe([
      "settle: 0 files would change, 1 unchanged, 0 skipped, 0 failed, 1 finding: 1 blocking, 0 warnings, 0 notes (dry run: nothing written)",
      "",
      "reported, not rewritten:",
      "  flush.js",
      "    2:3  blocking  a timer is started here  callback-handler-kept",
      "         fix: convert it by hand",
      "",
      "check failed: 1 blocking finding (code that still fails on its runtime; fix by hand, or opt out with // settle-ignore-next-line <reason>)",
    ].join("\n"));
  });

  it("do not fail a dry run", () => {
    expect(formatSummary(result("dry-run"), plain)).not.toContain("check failed");
  });
});

describe("removed statements (src/layout.ts line helpers)", () => {
  it("drop the whole line with its trailing comment, with LF and CRLF alike", () => {
    for (const eol of ["\n", "\r\n"]) {
      const source = ["exports.h = (event, context, callback) => {", "  context.callbackWaitsForEmptyEventLoop = false; // keep db warm", "  callback(null, 1);", "};", ""].join(eol);
      const result = transformSource("h.js", source, [callbackHandlers]);
      expect(result.text, JSON.stringify(eol)).toBe(["exports.h = async (event, context) => {", "  return 1;", "};", ""].join(eol));
    }
  });
});
