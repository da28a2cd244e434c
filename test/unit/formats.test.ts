import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import pc from "picocolors";
import { describe, expect, it } from "vitest";
import { formatGithub, formatJson, formatSarif } from "../../src/formats.js";
import { formatSummary } from "../../src/report.js";
import type { RunResult } from "../../src/run.js";

const require = createRequire(import.meta.url);
const plain = pc.createColors(false);

/** A run with no finding but everything else a run can say: its own note, a type gap, entry-point notes. */
const result: RunResult = {
  mode: "dry-run", transforms: ["callback-handlers"], files: [{ path: "cli/runtime.ts", status: "unchanged", transforms: [], written: false }],
  findings: [], errors: [],
  entryNotes: [
    { file: "cli/runtime.ts", line: 1, column: 31, kind: "declined", exportName: "useNodeHandler", reason: "named like a hook (use…), not a handler" },
    { file: "cli/runtime.ts", line: 2, column: 24, kind: "declined", exportName: "handler", reason: "takes no parameters (a Lambda handler receives the event)" },
    { file: "api/index.ts", line: 4, column: 14, kind: "followed", exportName: "main", reason: "followed into makeHandler(...) of a local module" },
  ],
  typeGaps: [{ rule: "no-node-modules", dir: "api", message: "no node_modules under api: its 2 dependencies are of unknown type", fix: "npm ci" }],
  counts: { changed: 0, unchanged: 1, skipped: 0, failed: 0, findings: 0 }, interrupted: false, checker: "ts6",
  notes: ["TypeScript 7 checker did not start (spawn ENOENT); using TypeScript 6"], exitCode: 0,
};

describe("the run's notes, type gaps and entry-point notes in every format", () => {
  it("json keeps them as fields", () => {
    const json = JSON.parse(formatJson(result)) as RunResult;
    expect(json.notes).toEqual(result.notes);
    expect(json.entryNotes).toEqual(result.entryNotes);
    expect(json.typeGaps).toEqual(result.typeGaps);
    expect(json.checker).toBe("ts6");
  });

  it("sarif has them as tool execution notifications of level note, never as results, and stays valid SARIF 2.1.0", () => {
    const log = JSON.parse(formatSarif(result, "0.0.0"));
    const Ajv = require("ajv-draft-04");
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, logger: false });
    const validate = ajv.compile(JSON.parse(readFileSync(new URL("../data/sarif-schema-2.1.0.json", import.meta.url), "utf8")));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0];
    expect(run.results).toEqual([]);
    expect(run.invocations[0].executionSuccessful).toBe(true);
    const notes = run.invocations[0].toolExecutionNotifications as { descriptor: { id: string }; level: string; message: { text: string }; locations?: any[] }[];
    expect(notes.map((n) => [n.descriptor.id, n.level, n.message.text])).toEqual([
      ["run-note", "note", "TypeScript 7 checker did not start (spawn ENOENT); using TypeScript 6"],
      ["no-node-modules", "note", "no node_modules under api: its 2 dependencies are of unknown type (fix: npm ci)"],
      ["entry-point-declined", "note", "useNodeHandler not treated as an entry point: named like a hook (use…), not a handler"],
      ["entry-point-declined", "note", "handler not treated as an entry point: takes no parameters (a Lambda handler receives the event)"],
      ["entry-point-followed", "note", "main is an entry point found through code settle does not know: followed into makeHandler(...) of a local module"],
    ]);
    expect(notes[0].locations).toBeUndefined();
    expect(notes[2].locations![0].physicalLocation).toEqual({ artifactLocation: { uri: "cli/runtime.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: 1, startColumn: 31 } });
  });

  it("sarif says the execution did not succeed when a file failed", () => {
    const failed: RunResult = { ...result, files: [{ path: "bad.ts", status: "failed", reason: "syntax error", transforms: [], written: false }] };
    expect(JSON.parse(formatSarif(failed, "0.0.0")).runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  it("github prints them as ::notice (never ::error or ::warning), the declined entry points as one count", () => {
    expect(formatGithub(result).split("\n")).toEqual([
      "::notice title=settle::TypeScript 7 checker did not start (spawn ENOENT); using TypeScript 6",
      "::notice title=settle::no node_modules under api: its 2 dependencies are of unknown type (fix: npm ci)",
      "::notice title=settle::2 exports look like entry points but were not taken; settle --verbose lists them and why",
    ]);
  });

  it("text folds the entry-point notes into the notes section; --verbose lists each", () => {
    const quiet = formatSummary(result, plain);
    expect(quiet).toContain([
      "notes (settle could not tell, or left alone on purpose; --verbose lists them):",
      "  2 exports that look like entry points not taken in 1 file: cli/runtime.ts (2)",
      "  1 entry point found through code settle does not know in 1 file: api/index.ts (1)",
    ].join("\n"));
    expect(quiet).not.toContain("useNodeHandler");
    const verbose = formatSummary(result, plain, { verbose: true });
    expect(verbose).toContain("not treated as entry points:\n  cli/runtime.ts:1:31  useNodeHandler  named like a hook (use…), not a handler\n");
    expect(verbose).toContain("entry points found through code settle does not know:\n  api/index.ts:4:14  main  followed into makeHandler(...) of a local module");
  });
});
