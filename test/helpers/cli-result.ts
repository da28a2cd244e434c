import { expect } from "vitest";
import type { FileStatus, RunResult } from "../../src/run.js";
import type { CliResult } from "./temp-repo.js";

/** Parse --json stdout, and check what must always hold between it, the counts and the process. */
export function parseResult(res: CliResult): RunResult {
  let result: RunResult;
  try {
    result = JSON.parse(res.stdout) as RunResult;
  } catch {
    throw new Error(`stdout is not JSON (exit ${res.code}):\n${res.stdout}\nstderr:\n${res.stderr}`);
  }
  expect(result.exitCode).toBe(res.code);
  const tally: Record<FileStatus, number> = { changed: 0, unchanged: 0, skipped: 0, failed: 0 };
  for (const f of result.files) tally[f.status]++;
  expect(result.counts).toEqual({ ...tally, findings: result.findings.length });
  return result;
}

/** path → "status" or "status: reason", for exact assertions on a whole run. */
export function statuses(result: RunResult): Record<string, string> {
  return Object.fromEntries(result.files.map((f) => [f.path, f.reason ? `${f.status}: ${f.reason}` : f.status]));
}
