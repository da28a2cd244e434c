import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, TempDirs } from "../helpers/temp-repo.js";

// `settle --dry-run | head` closes stdout while diffs are still being written. That is the reader's
// choice, not a failure of the run: settle must not print "unexpected error: write EPIPE", and its
// exit code must stay the run's (a --check that found changes still exits 1).

const tmp = new TempDirs();
afterEach(() => tmp.cleanup());

/** Enough rewritten files that the diffs overflow a pipe's buffer (64 KiB) twice over. */
function repo(): string {
  const files: Record<string, string> = {};
  const padding = `// ${"x".repeat(200)}\n`.repeat(3);
  for (let i = 0; i < 120; i++) {
    files[`src/h${i}.ts`] = `async function track(e: string): Promise<void> {}
${padding}export const handler = async (event: unknown) => {
  track("event ${i}");
${padding}  return { statusCode: 200 };
};
`;
  }
  return tmp.make(files);
}

interface Ended { code: number | null; stderr: string; stdoutBytes: number }

/** Runs settle, and closes its stdout after the first chunk when `closeEarly` (as `| head -c 1` would). */
function runSettle(args: string[], closeEarly: boolean): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    let stderr = "";
    let stdoutBytes = 0;
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (closeEarly) child.stdout.destroy();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr, stdoutBytes }));
  });
}

describe("stdout closed by the reader", () => {
  it("a dry run ends quietly with the run's exit code", async () => {
    const dir = repo();
    const full = await runSettle([dir, "--dry-run"], false);
    expect(full.stdoutBytes).toBeGreaterThan(2 * 65536);
    const cut = await runSettle([dir, "--dry-run"], true);
    expect(cut.stderr).not.toMatch(/unexpected error|EPIPE/);
    expect(cut.code).toBe(full.code);
    expect(cut.stderr).toContain("120 files would change");
  }, 60_000);

  it("--check still exits 1 when changes are needed", async () => {
    const dir = repo();
    const cut = await runSettle([dir, "--check"], true);
    expect(cut.stderr).not.toMatch(/unexpected error|EPIPE/);
    expect(cut.code).toBe(1);
  }, 60_000);
});
