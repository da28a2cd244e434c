/**
 * typescript-eslint's no-floating-promises is the detector its users trust; its rule tests are a
 * curated list of what a floating promise looks like. These cases are written from the patterns of
 * those tests (packages/eslint-plugin/tests/rules/no-floating-promises.test.ts), each put inside a
 * Lambda handler (where settle looks):
 * - every case the peer reports must be rewritten here (exact output) or reported;
 * - every case the peer accepts must stay unchanged, unless settle's stricter notion says the work
 *   still escapes the invocation (a `.catch(log)`, a `void`, an allow-list option settle does not
 *   have): then `why` says so next to the case.
 * All cases of a group run in one in-memory project (one checker), so the file stays fast.
 */
import { describe, expect, it } from "vitest";
import { transformSources, type SourceResult } from "../../src/transform-source.js";
import floatingPromises from "../../transforms/floating-promises/index.js";
import { CHECKER_FAILED } from "../../src/promises.js";
import { CHECKER_CRASH, INVALID, VALID, type PeerCase } from "./no-floating-promises.cases.js";

const HEAD = "export const handler = async (event: { flag: boolean }) => {\n";
const TAIL = "  return { statusCode: 200 };\n};\n";

function sourceOf(c: PeerCase, prelude: string | undefined, body: string): string {
  return c.source ? (prelude ?? "") : (prelude ? `${prelude}\n` : "") + HEAD + body + TAIL;
}

function fileName(group: string, index: number): string {
  return `/${group}/case-${index}.ts`;
}

/** Every case of a group once, then every output again (a second run must change nothing). */
function runGroup(group: string, cases: readonly PeerCase[]): { first: SourceResult[]; second: SourceResult[] } {
  const inputs = Object.fromEntries(cases.map((c, i) => [fileName(group, i), sourceOf(c, c.prelude ?? c.source, c.body ?? "")]));
  const firstRun = transformSources(inputs, [floatingPromises]);
  const first = cases.map((_, i) => firstRun[fileName(group, i)]!);
  const secondRun = transformSources(Object.fromEntries(first.map((r, i) => [fileName(group, i), r.text])), [floatingPromises]);
  return { first, second: cases.map((_, i) => secondRun[fileName(group, i)]!) };
}

function expectedOf(c: PeerCase): string {
  if (c.source) return c.fixedSource ?? c.source;
  return sourceOf(c, c.fixedPrelude ?? c.prelude, c.fixed ?? c.body ?? "");
}

function check(cases: readonly PeerCase[], group: string): void {
  const { first, second } = runGroup(group, cases);
  for (const [i, c] of cases.entries()) {
    const result = first[i]!;
    const label = `${group} #${i}: ${c.name}`;
    expect.soft(result.failure, label).toBeUndefined();
    expect.soft(result.text, label).toBe(expectedOf(c));
    expect.soft(result.findings.map((f) => `${f.line}: ${f.reason}`), label).toEqual(
      (c.reports ?? []).map(([line, reason]) => `${line}: ${reason === "checker" ? CHECKER_FAILED : reason}`),
    );
    // Idempotent: the rewritten code is left as it is, and reports stay reports.
    expect.soft(second[i]!.text, `${label} (second run)`).toBe(result.text);
  }
}

describe("peer: typescript-eslint no-floating-promises cases inside a Lambda handler", () => {
  it("every invalid case is rewritten or reported", () => {
    check(INVALID, "invalid");
  });

  it("a checker crash on one statement costs that statement only (in a project of its own)", () => {
    check([CHECKER_CRASH], "crash");
  });

  it("valid cases stay unchanged, except where settle's stricter notion explains the change", () => {
    for (const c of VALID) {
      const changes = c.fixed !== undefined || c.fixedPrelude !== undefined || c.fixedSource !== undefined || (c.reports?.length ?? 0) > 0;
      expect(changes, `valid case "${c.name}": a change needs its reason`).toBe(c.why !== undefined);
    }
    check(VALID, "valid");
  });
});
