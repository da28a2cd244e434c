import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, TempDirs } from "../helpers/temp-repo.js";

// Node.js 22.1+'s module.enableCompileCache() writes compiled code into the temp folder. A dry run or a check
// writes nothing at all (docs/safety.md), so bin/settle.js must not turn it on there. Node.js 20 has no such
// function: a preloaded stand-in records each call, on every version.
const PRELOAD = `data:text/javascript,import m from "node:module"; m.enableCompileCache = () => process.stderr.write("compile-cache-enabled\\n");`;

const tmp = new TempDirs();
afterEach(() => tmp.cleanup());

function enabled(args: string[]): boolean {
  const dir = tmp.make({ "src/h.ts": "export const handler = async (event: unknown) => ({ statusCode: 200 });\n" });
  const run = spawnSync(process.execPath, ["--import", PRELOAD, BIN, dir, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  expect(run.stderr).toMatch(/settle: \d+ files?/);
  return run.stderr.includes("compile-cache-enabled");
}

describe("compile cache", () => {
  it("stays off in a dry run and a check", () => {
    expect(enabled(["--dry-run"])).toBe(false);
    expect(enabled(["-n"])).toBe(false);
    expect(enabled(["--check"])).toBe(false);
  }, 60_000);

  it("is on for a run that writes", () => {
    expect(enabled(["--force"])).toBe(true);
  }, 60_000);
});
