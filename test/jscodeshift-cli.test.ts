import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { REPO } from "./helpers/fixtures.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "settle-jscodeshift-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The README's jscodeshift command, run with the real jscodeshift binary on the compiled entry.
it("npx jscodeshift --no-babel -t dist/transforms/floating-promises/jscodeshift.js rewrites a file", () => {
  const id = "floating-promises";
  const file = path.join(dir, `${id}.ts`);
  writeFileSync(file, 'async function track(): Promise<void> {}\nexport const handler = async (event: unknown) => {\n  track();\n  return 1;\n};\n');
  const entry = path.join(REPO, "dist", "transforms", id, "jscodeshift.js");
  const result = spawnSync(
    process.execPath,
    [path.join(REPO, "node_modules/jscodeshift/bin/jscodeshift.js"), "--no-babel", "-t", entry, "--extensions=ts", "--parser=ts", file],
    { encoding: "utf8" },
  );
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout).toMatch(/1 ok/);
  expect(readFileSync(file, "utf8")).toBe(
    'async function track(): Promise<void> {}\nexport const handler = async (event: unknown) => {\n  await track();\n  return 1;\n};\n',
  );
});
