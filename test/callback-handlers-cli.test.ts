import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run, type RunResult } from "../src/run.js";
import { REPO } from "./helpers/fixtures.js";
import { runCli, TempDirs, writeFiles } from "./helpers/temp-repo.js";

/** A callback handler settle converts, and one it must leave (a timer the old runtime waited for). */
const CONVERTIBLE = `exports.hello = (event, context, callback) => {
  callback(null, { statusCode: 200, body: "hi" });
};
`;
const CONVERTED = `exports.hello = async (event, context) => {
  return { statusCode: 200, body: "hi" };
};
`;
const BLOCKED = `exports.flush = (event, context, callback) => {
  setTimeout(() => console.log("flushed"), 100);
  callback(null, "ok");
};
`;
const BLOCKED_REASON =
  "a timer is started here (setTimeout): the old runtime waited for the event loop to empty before it answered, an async handler does not; make it a promise and await it; the handler stays callback-style, which fails on Node.js 24";

const BLOCKED_RULE = {
  rule: "callback-handler-kept",
  level: "blocking",
  fix: "convert the handler to `async (event, context)` by hand: return the result, throw the error, await the work it starts",
  blocking: true,
};

describe("settle --transform callback-handlers --check as a CI gate", { timeout: 240_000 }, () => {
  it("exits 1 while a handler would still fail on Node.js 24: first for the change, then for the blocking finding alone", async () => {
    const tmp = new TempDirs();
    try {
      const dir = tmp.make({ "hello.js": CONVERTIBLE, "flush.js": BLOCKED });

      const check = await runCli(dir, ["--transform", "callback-handlers", "--check", "."]);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain(`+exports.hello = async (event, context) => {`);
      expect(check.stderr).toContain(`  flush.js\n    2:3  blocking  ${BLOCKED_REASON}  callback-handler-kept\n`);
      expect(check.stderr).toContain("check failed: 1 file would change");
      expect(check.stderr).toContain("check failed: 1 blocking finding");

      const write = await runCli(dir, ["-t", "callback-handlers", "--force", "."]);
      expect(write.code).toBe(0);
      expect(readFileSync(path.join(dir, "hello.js"), "utf8")).toBe(CONVERTED);
      expect(readFileSync(path.join(dir, "flush.js"), "utf8")).toBe(BLOCKED);

      // Nothing would change any more, yet the gate stays shut: flush.js would still be refused.
      const again = await runCli(dir, ["-t", "callback-handlers", "--check", "--json", "."]);
      expect(again.code).toBe(1);
      const result = JSON.parse(again.stdout) as RunResult;
      expect(result.counts.changed).toBe(0);
      expect(result.exitCode).toBe(1);
      expect(result.findings).toEqual([
        { file: "flush.js", line: 2, column: 3, transform: "callback-handlers", reason: BLOCKED_REASON, ...BLOCKED_RULE },
      ]);

      // Opting the handler out opens the gate.
      writeFiles(dir, { "flush.js": `// settle-ignore\n${BLOCKED}` });
      const ignored = await runCli(dir, ["-t", "callback-handlers", "--check", "."]);
      expect(ignored.stderr).not.toContain("check failed");
      expect(ignored.code).toBe(0);
    } finally {
      tmp.cleanup();
    }
  });
});

describe("callback-handlers with callback-apis in the same run", { timeout: 240_000 }, () => {
  it("the default run converts the timer handler and awaits the timer; -t callback-handlers alone keeps it blocking", async () => {
    const tmp = new TempDirs();
    try {
      const dir = tmp.make({ "flush.js": BLOCKED });

      const alone = await runCli(dir, ["-t", "callback-handlers", "--check", "--json", "."]);
      expect(alone.code).toBe(1);
      const aloneResult = JSON.parse(alone.stdout) as RunResult;
      expect(aloneResult.counts.changed).toBe(0);
      expect(aloneResult.findings).toEqual([
        { file: "flush.js", line: 2, column: 3, transform: "callback-handlers", reason: BLOCKED_REASON, ...BLOCKED_RULE },
      ]);

      const check = await runCli(dir, ["--check", "--json", "."]);
      expect(check.code).toBe(1); // the file would change
      const checked = JSON.parse(check.stdout) as RunResult;
      expect(checked.findings).toEqual([]);
      expect(checked.files.map((f) => [f.path, f.status, f.transforms])).toEqual([["flush.js", "changed", ["callback-handlers", "callback-apis"]]]);

      for (const args of [["--force", "."], ["-t", "callback-apis,callback-handlers", "--force", "."]]) {
        writeFiles(dir, { "flush.js": BLOCKED });
        const write = await runCli(dir, args);
        expect(write.code, args.join(" ")).toBe(0);
        expect(readFileSync(path.join(dir, "flush.js"), "utf8")).toBe(
          `const { setTimeout } = require("node:timers/promises");

exports.flush = async (event, context) => {
  await setTimeout(100);
  console.log("flushed");
  return "ok";
};
`,
        );
      }
      const again = await runCli(dir, ["--check", "."]);
      expect(again.code).toBe(0);
    } finally {
      tmp.cleanup();
    }
  });
});

describe("examples/callback-handlers-js (npx settle examples --dry-run)", () => {
  it("-t callback-handlers alone converts the four classic shapes, reports the fs.rm beside the callback as blocking, and the check fails", async () => {
    const result = await run({ paths: ["examples/callback-handlers-js"], cwd: REPO, mode: "check", transforms: ["callback-handlers"] });
    expect(result.findings).toEqual([
      {
        file: "examples/callback-handlers-js/scratch.js", line: 11, column: 3, transform: "callback-handlers", ...BLOCKED_RULE,
        reason: "work with a node-style callback is started here: the old runtime waited for the event loop to empty before it answered, an async handler does not; make it a promise and await it; the handler stays callback-style, which fails on Node.js 24",
      },
    ]);
    expect(result.exitCode).toBe(1);
    const changed = result.files.filter((f) => f.status === "changed").map((f) => f.path);
    expect(changed).toEqual(["handler.js", "legacy.js", "thumbnail.js", "todos.js"].map((f) => `examples/callback-handlers-js/${f}`));
    // The Serverless Framework template, exactly.
    expect(result.files.find((f) => f.path.endsWith("handler.js"))!.diff).toBe(
      [
        "--- a/examples/callback-handlers-js/handler.js",
        "+++ b/examples/callback-handlers-js/handler.js",
        "@@ -1,6 +1,6 @@",
        " 'use strict';",
        " ",
        "-module.exports.hello = (event, context, callback) => {",
        "+module.exports.hello = async (event, context) => {",
        "   const response = {",
        "     statusCode: 200,",
        "     body: JSON.stringify({",
        "@@ -9,7 +9,7 @@",
        "     }),",
        "   };",
        " ",
        "-  callback(null, response);",
        "+  return response;",
        " ",
        "   // Use this code if you don't use the http event with the LAMBDA-PROXY integration",
        "   // callback(null, { message: 'Go Serverless v1.0! Your function executed successfully!', event });",
        "",
      ].join("\n"),
    );
  });
});

describe("callback-handlers in write mode: the file's BOM and line endings", { timeout: 240_000 }, () => {
  const crlf = (text: string) => text.replace(/\n/g, "\r\n");
  const BOM = "\uFEFF";
  /** A nested callback: the promise wrapper, whose inserted and re-indented lines must take the file's CRLF. */
  const NESTED = `const fs = require("fs");
exports.read = (event, context, callback) => {
  fs.readFile(event.path, "utf8", function (err, text) {
    if (err) return callback(err);
    callback(null, { length: text.length });
  });
};
`;
  const WRAPPED = `const fs = require("fs");
exports.read = async (event, context) => {
  return new Promise((resolve, reject) => {
    fs.readFile(event.path, "utf8", function (err, text) {
      if (err) return reject(err);
      resolve({ length: text.length });
    });
  });
};
`;

  it("keeps the BOM and CRLF on every line of a converted handler (return, and the promise wrapper)", async () => {
    const tmp = new TempDirs();
    try {
      const dir = tmp.make({
        "bom-crlf.js": BOM + crlf(CONVERTIBLE),
        "bom-crlf-nested.js": BOM + crlf(NESTED),
        "crlf-nested.js": crlf(NESTED),
        "bom-nested.js": BOM + NESTED,
      });
      const result = await run({ paths: ["."], cwd: dir, mode: "write", force: true, transforms: ["callback-handlers"] });
      expect(result.findings).toEqual([]);
      expect(result.counts.changed).toBe(4);
      const bytes = (rel: string) => readFileSync(path.join(dir, rel));
      expect(bytes("bom-crlf.js").equals(Buffer.from(BOM + crlf(CONVERTED)))).toBe(true);
      expect(bytes("bom-crlf-nested.js").equals(Buffer.from(BOM + crlf(WRAPPED)))).toBe(true);
      expect(bytes("bom-crlf-nested.js").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(bytes("crlf-nested.js").toString("utf8").replace(/\r\n/g, "")).not.toContain("\n");
      expect(bytes("crlf-nested.js").equals(Buffer.from(crlf(WRAPPED)))).toBe(true);
      expect(bytes("bom-nested.js").equals(Buffer.from(BOM + WRAPPED))).toBe(true);
    } finally {
      tmp.cleanup();
    }
  });
});
