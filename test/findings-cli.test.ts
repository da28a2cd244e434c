import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { Finding } from "../src/define-transform.js";
import { parseResult } from "./helpers/cli-result.js";
import { runCli, TempDirs } from "./helpers/temp-repo.js";

const require = createRequire(import.meta.url);

/** One finding of each level: a blocking handler, a warning in a helper, notes on calls of unknown type. */
const PROJECT = {
  "package.json": `{ "name": "probe", "dependencies": { "left-pad": "1.3.0" } }\n`,
  "spread.js": `exports.spread = (event, context, callback) => {
  callback(...event.args);
  event.log.flush();
};
`,
  "helper.js": `async function save() {}
function helper() {
  save();
}
exports.handler = async (event) => {
  helper();
  event.payload.send();
  return 1;
};
`,
};
const SPREAD = "callback is called with spread arguments: call it with explicit (error, result) arguments; the handler stays callback-style, which fails on Node.js 24";
const HELPER = "un-awaited promise not rewritten: it is in a synchronous function that is not a handler: making it async would change what its callers receive";
const HANDLER_FIX = "convert the handler to `async (event, context)` by hand: return the result, throw the error, await the work it starts";
const ASYNC_FIX = "make the function async and await the work by hand (its callers then receive a promise)";

function withProject<T>(files: Record<string, string>, body: (dir: string) => Promise<T>): Promise<T> {
  const tmp = new TempDirs();
  return body(tmp.make(files)).finally(() => tmp.cleanup());
}

describe("--format", { timeout: 240_000 }, () => {
  it("json (and --json) keeps every finding with its level, rule and fix; text folds the notes", async () => {
    await withProject(PROJECT, async (dir) => {
      const json = await runCli(dir, ["--check", "--format", "json", "."]);
      const result = parseResult(json);
      expect(json.stderr).toBe("");
      const levels = result.findings.map((f: Finding) => [f.file, f.line, f.level, f.rule]);
      expect(levels).toEqual([
        ["spread.js", 2, "blocking", "callback-handler-kept"],
        ["helper.js", 3, "warning", "cannot-make-async"],
        ["helper.js", 7, "note", "unknown-type"],
        ["spread.js", 2, "note", "unknown-type"],
        ["spread.js", 3, "note", "unknown-type"],
      ]);
      expect(result.findings.every((f) => f.fix.length > 0)).toBe(true);
      expect(result.typeGaps.map((g) => [g.rule, g.dir])).toEqual([["no-node-modules", "."]]);
      const alias = await runCli(dir, ["--check", "--json", "."]);
      expect(JSON.parse(alias.stdout)).toEqual(result);

      const text = await runCli(dir, ["--check", "."]);
      expect(text.code).toBe(1);
      expect(text.stdout).toBe("");
      expect(text.stderr).toBe(
        [
          "settle: 0 files would change, 2 unchanged, 0 skipped, 0 failed, 5 findings: 1 blocking, 1 warning, 3 notes (dry run: nothing written)",
          "",
          "types unknown:",
          "  no node_modules under .: its 1 dependency is of unknown type",
          "    fix: install dependencies for type-aware results (npm ci), then run settle again",
          "",
          "reported, not rewritten:",
          "  helper.js",
          `    3:3  warning  ${HELPER}  cannot-make-async`,
          `         fix: ${ASYNC_FIX}`,
          "  spread.js",
          `    2:3  blocking  ${SPREAD}  callback-handler-kept`,
          `         fix: ${HANDLER_FIX}`,
          "",
          "notes (settle could not tell, or left alone on purpose; --verbose lists them):",
          "  3 calls of unknown type not checked in 2 files: spread.js (2), helper.js (1); 3 of them in packages without node_modules (see above)  unknown-type",
          "",
          "check failed: 1 blocking finding (code that still fails on its runtime; fix by hand, or opt out with // settle-ignore-next-line <reason>)",
          "",
        ].join("\n"),
      );
      const verbose = await runCli(dir, ["--check", "--verbose", "."]);
      expect(verbose.stderr).toContain("    7:3  note  result type is unknown (any): cannot tell whether this call returns a promise  unknown-type\n");
      expect(verbose.stderr).not.toContain("--verbose lists them");
    });
  });

  it("sarif is valid SARIF 2.1.0 with rule metadata, levels, columns and the fix, and nothing else on stdout", async () => {
    await withProject(PROJECT, async (dir) => {
      const res = await runCli(dir, ["--check", "-f", "sarif", "."]);
      expect(res.code).toBe(1);
      expect(res.stderr).toBe("");
      const log = JSON.parse(res.stdout);
      const Ajv = require("ajv-draft-04");
      const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, logger: false });
      const schema = JSON.parse(readFileSync(new URL("./data/sarif-schema-2.1.0.json", import.meta.url), "utf8"));
      const validate = ajv.compile(schema);
      expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
      const run = log.runs[0];
      const rules = run.tool.driver.rules as { id: string; defaultConfiguration: { level: string } }[];
      expect(rules.find((r) => r.id === "callback-handler-kept")?.defaultConfiguration.level).toBe("error");
      const results = run.results as { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: any[] }[];
      expect(results.map((r) => [r.ruleId, r.level])).toEqual([
        ["callback-handler-kept", "error"],
        ["cannot-make-async", "warning"],
        ["unknown-type", "note"],
        ["unknown-type", "note"],
        ["unknown-type", "note"],
      ]);
      for (const r of results) expect(rules[r.ruleIndex].id).toBe(r.ruleId);
      const blocking = results[0];
      expect(blocking.message.text).toBe(`${SPREAD}\nFix: ${HANDLER_FIX}`);
      expect(blocking.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "spread.js", uriBaseId: "%SRCROOT%" }, region: { startLine: 2, startColumn: 3 } });
    });
  });

  it("github prints workflow annotations (error for blocking, warning for warnings, no notes) that parse back", async () => {
    await withProject(PROJECT, async (dir) => {
      const res = await runCli(dir, ["--check", "--format=github", "."]);
      expect(res.code).toBe(1);
      expect(res.stderr).toBe("");
      const parsed = res.stdout.trimEnd().split("\n").map(parseAnnotation);
      expect(parsed).toEqual([
        { command: "notice", props: { title: "settle" }, message: "no node_modules under .: its 1 dependency is of unknown type (fix: install dependencies for type-aware results (npm ci), then run settle again)" },
        { command: "error", props: { file: "spread.js", line: "2", col: "3", title: "settle callback-handler-kept" }, message: `${SPREAD}\nFix: ${HANDLER_FIX}` },
        { command: "warning", props: { file: "helper.js", line: "3", col: "3", title: "settle cannot-make-async" }, message: `${HELPER}\nFix: ${ASYNC_FIX}` },
      ]);
    });
  });

  it("an unknown format, or --json with another format, is a usage error", async () => {
    await withProject(PROJECT, async (dir) => {
      const bad = await runCli(dir, ["-f", "xml", "."]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("xml");
      const both = await runCli(dir, ["--json", "-f", "sarif", "."]);
      expect(both).toEqual({ code: 2, stdout: "", stderr: "settle: --json and --format sarif cannot be used together (see --help)\n" });
    });
  });
});

describe("settle.config.json and package.json \"settle\"", { timeout: 240_000 }, () => {
  it("sets transforms, strategy and ignore globs; flags win over it", async () => {
    const files = { ...PROJECT, "settle.config.json": `{ "transforms": ["floating-promises"], "ignore": ["spread.js"] }\n` };
    await withProject(files, async (dir) => {
      const configured = parseResult(await runCli(dir, ["--check", "--json", "."]));
      expect(configured.transforms).toEqual(["floating-promises"]);
      expect(configured.files.map((f) => f.path)).toEqual(["helper.js"]);
      const flagged = parseResult(await runCli(dir, ["--check", "--json", "-t", "callback-handlers", "."]));
      expect(flagged.transforms).toEqual(["callback-handlers"]);
    });
  });

  it("reads the \"settle\" key of package.json; an unknown key is a one-line error with a suggestion", async () => {
    const files = { ...PROJECT, "package.json": `{ "name": "probe", "settle": { "transforms": "callback-handlers" } }\n` };
    await withProject(files, async (dir) => {
      expect(parseResult(await runCli(dir, ["--json", "--check", "."])).transforms).toEqual(["callback-handlers"]);
    });
    const typo = { ...PROJECT, "settle.config.json": `{ "strategey": "await" }\n` };
    await withProject(typo, async (dir) => {
      const res = await runCli(dir, ["--check", "."]);
      expect(res).toEqual({
        code: 2,
        stdout: "",
        stderr: "settle: settle.config.json: unknown key 'strategey' (did you mean 'strategy'? known: ignore, transforms, strategy)\n",
      });
    });
  });
});

describe("ignore comments", { timeout: 240_000 }, () => {
  it("// settle-ignore-next-line silences the line after it; /* settle-ignore-file */ the whole file", async () => {
    const files = {
      ...PROJECT,
      "spread.js": `/* settle-ignore-file */\n${PROJECT["spread.js"]}`,
      "helper.js": PROJECT["helper.js"].replace("  save();", "  // settle-ignore-next-line: save is fire-and-forget on purpose\n  save();"),
    };
    await withProject(files, async (dir) => {
      const result = parseResult(await runCli(dir, ["--check", "--json", "."]));
      expect(result.findings.map((f) => [f.file, f.line, f.rule])).toEqual([["helper.js", 8, "unknown-type"]]);
      expect(result.exitCode).toBe(0);
    });
  });
});

/** `::command k=v,k=v::message` back into its parts, undoing the workflow-command escapes. */
function parseAnnotation(line: string): { command: string; props: Record<string, string>; message: string } {
  const match = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string) => s.replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
  const props = Object.fromEntries(match[2].split(",").map((kv) => kv.split("=")).map(([k, v]) => [k, unescape(v)]));
  return { command: match[1], props, message: unescape(match[3]) };
}
