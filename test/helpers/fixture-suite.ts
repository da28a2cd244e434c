/**
 * The fixture suite of one transform (test/fixtures/<id>.test.ts calls it): each transform in a file of
 * its own, so that the test workers share the fixture cases instead of running them all in one.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Strategy } from "../../src/define-transform.js";
import { createDeclarationCache } from "../../src/project.js";
import { run } from "../../src/run.js";
import type { CheckerBackend } from "../../src/types/oracle.js";
import { Ts7Session } from "../../src/types/ts7.js";
import { transforms } from "../../transforms/index.js";
import { loadCases, materialize, REPO, removeDir, typeErrors } from "./fixtures.js";

/**
 * The compiler that answers type questions: SETTLE_CHECKER=ts6 runs the suite on TypeScript 6
 * (ts-morph), the default is TypeScript 7's native checker. Both must give every case's exact output.
 */
const CHECKER: CheckerBackend = process.env.SETTLE_CHECKER === "ts6" ? "ts6" : "ts7";

/** The lib and @types files, parsed once per test worker for all the cases' runs. */
const DECLARATIONS = createDeclarationCache();

/** One native compiler process per test worker for all the cases' ts7 runs (starting one per run was most of a case's time). */
const started = Ts7Session.start(REPO);
const TS7 = "unavailable" in started ? undefined : started;
afterAll(() => TS7?.close());

/** Run the case's transforms over its folder, the way a user does (write mode; temp dirs are not git repos). */
async function settle(dir: string, ids: string[], strategy: Strategy, checker: CheckerBackend) {
  const result = await run({ paths: [dir], cwd: dir, mode: "write", force: true, transforms: ids, strategy, checker, declarations: DECLARATIONS, ts7Session: TS7 });
  // A fallback would pass the suite on the other compiler than the one asked for.
  expect(result.checker, result.notes.join("; ")).toBe(checker);
  return result;
}

/** `file:line:col  reason`, with `[blocking] ` before the reason of a finding that fails `--check`. */
function findingLines(result: Awaited<ReturnType<typeof settle>>): string[] {
  return result.findings.map((f) => `${f.file}:${f.line}:${f.column}  ${f.blocking ? "[blocking] " : ""}${f.reason}`);
}

export function fixtureSuite(id: string): void {
  const transform = transforms.find((t) => t.id === id);
  if (!transform) throw new Error(`no transform ${id}`);
  const made: string[] = [];
  afterAll(() => made.forEach(removeDir));

  describe(`${transform.id} fixtures`, () => {
    const cases = loadCases(transform.id);
    it("has fixture cases", () => expect(cases.length).toBeGreaterThan(0));

    for (const c of cases) {
      const ids = c.transforms ?? [transform.id];
      const label = [c.name, c.strategy === "auto" ? "" : `(--strategy ${c.strategy})`, c.transforms ? `(-t ${ids.join(",")})` : "", c.checker ? `(--checker ${c.checker})` : ""].filter(Boolean).join(" ");
      it(`${label}: exact output, findings, idempotent, no new type errors`, async () => {
        const dir = materialize(c);
        made.push(dir);
        const files = [...c.inputs.keys()];
        const checker = c.checker ?? CHECKER;
        const findings = c.findingsBy[checker] ?? c.findings;

        const first = await settle(dir, ids, c.strategy, checker);
        expect(first.files.filter((f) => f.status === "failed")).toEqual([]);
        for (const [file, expected] of c.expected) {
          expect(readFileSync(path.join(dir, file)).toString("latin1"), file).toBe(expected.toString("latin1"));
        }
        expect(findingLines(first)).toEqual(findings);
        const unnamed = first.findings.filter((f) => f.rule === "unclassified").map((f) => `${f.file}:${f.line}  ${f.reason}`);
        expect(unnamed, "every finding is recognised by a rule of src/findings.ts: add a row to RULES there (id, level, title, pattern, fix) matching each reason listed").toEqual([]);

        const second = await settle(dir, ids, c.strategy, checker);
        expect(second.counts.changed, "second run changes nothing").toBe(0);
        // "…; awaited instead" notes (--strategy defer) and "… now ends its path" notes (an error answer given a
        // `return`), and the notes on tests calling a converted handler the old way, explain a rewrite, so only the first run has them.
        expect(findingLines(second)).toEqual(findings.filter((l) => !l.endsWith("; awaited instead") && !l.includes(" on the error branch now ends its path ") && !l.includes(" is now an async (event, context) handler, but the project's tests still call it the old way")));

        // The input's own errors matter only when the output has some: most outputs have none, and
        // each check builds a program (a second copy of the input is checked only then).
        const after = typeErrors(dir, files);
        if (after.length > 0) {
          const original = materialize(c);
          made.push(original);
          const before = typeErrors(original, files);
          expect(after.filter((e) => !before.includes(e)), "type errors the rewrite introduced").toEqual([]);
        }
      });
    }

    // The jscodeshift adapter runs one transform: cases of several transforms together are the engine's.
    const singleFile = cases.filter((c) => c.singleFile && c.context.size === 0 && !c.transforms);
    if (singleFile.length > 0) {
      describe("through the jscodeshift adapter", async () => {
        const module = await import(`../../transforms/${transform.id}/jscodeshift.ts`);
        const { applyTransform } = await import("jscodeshift/src/testUtils.js");
        for (const c of singleFile) {
          it(c.name, () => {
            const [[file, input]] = [...c.inputs];
            const [[, expected]] = [...c.expected];
            const fileInfo = { path: file, source: input.toString("utf8") };
            const reports: string[] = [];
            const api = { report: (m: string) => reports.push(m) };
            const options = { strategy: c.strategy };
            expect(module.default(fileInfo, api, options)).toBe(expected.toString("utf8"));
            // jscodeshift's own harness (it trims, so the exact bytes are checked just above).
            expect(applyTransform(module, options, fileInfo)).toBe(expected.toString("utf8").trim());
          });
        }
      });
    }
  });
}
