import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { KNOWN_WRAPPERS } from "../../src/handlers/known-wrappers.js";
import { collectExports, resolveFunctions } from "../../src/handlers/lambda.js";
import { createInMemoryProject } from "../../src/project.js";

const DIR = path.resolve(import.meta.dirname, "../../__testfixtures__/floating-promises");

/** The known wrappers (`package: shape`) the exports of a fixture input go through. */
function wrappersIn(fixture: string): string[] {
  const input = readdirSync(DIR).find((f) => f.startsWith(`${fixture}.input.`));
  if (!input) return [];
  const file = createInMemoryProject().createSourceFile(`/f/${input.replace(".input", "")}`, readFileSync(path.join(DIR, input), "utf8"));
  return collectExports(file).flatMap((e) => resolveFunctions(file, e)).flatMap((r) => (r.via?.known ? [r.via.wrapper] : []));
}

describe("known handler wrappers", () => {
  it.each(KNOWN_WRAPPERS.map((w) => [`${w.packages.join(" | ")} ${w.call}`, w] as const))("%s has a fixture that goes through it and is rewritten", (_, w) => {
    const used = wrappersIn(w.fixture);
    expect(w.packages.some((p) => used.includes(`${p}: ${w.call}`)), `${w.fixture} uses ${used.join(", ")}`).toBe(true);
    expect(readdirSync(DIR).some((f) => f.startsWith(`${w.fixture}.output.`))).toBe(true);
  });

  it("every fixture named by the list exists", () => {
    for (const w of KNOWN_WRAPPERS) expect(readdirSync(DIR).some((f) => f.startsWith(`${w.fixture}.input.`)), w.fixture).toBe(true);
    expect(existsSync(DIR)).toBe(true);
  });
});
