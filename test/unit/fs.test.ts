import { execFileSync } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConcurrentChangeError, describeError, oneLine, readSourceFile, writeIfUnchanged } from "../../src/fs.js";
import { useTempDirs } from "./temp-dir.js";

const tempDir = useTempDirs();
const isRoot = process.getuid?.() === 0;

describe("readSourceFile", () => {
  it("reads a regular file's bytes", async () => {
    const dir = tempDir({ "a.ts": "const a = 1;\n" });
    expect(readSourceFile(path.join(dir, "a.ts"))).toEqual({ ok: true, bytes: Buffer.from("const a = 1;\n") });
  });

  it("skips a file over the limit without reading it, and names both sizes", async () => {
    const dir = tempDir({ "big.ts": Buffer.alloc(3 * 1024 * 1024, 0x20) });
    expect(readSourceFile(path.join(dir, "big.ts"), 2 * 1024 * 1024)).toEqual({
      ok: false,
      status: "skipped",
      tooLarge: true,
      reason: "larger than 2 MB (3 MB): not analysed",
    });
    // At the limit exactly it is read.
    expect(readSourceFile(path.join(dir, "big.ts"), 3 * 1024 * 1024).ok).toBe(true);
  });

  it("does not follow a symbolic link (it may have replaced the file since discovery)", async () => {
    const dir = tempDir({ "real.ts": "x" });
    symlinkSync(path.join(dir, "real.ts"), path.join(dir, "link.ts"));
    expect(readSourceFile(path.join(dir, "link.ts"))).toEqual({ ok: false, status: "skipped", reason: "symbolic link (not followed)" });
  });

  it("skips a named pipe without blocking on it", async () => {
    const dir = tempDir();
    execFileSync("mkfifo", [path.join(dir, "pipe.ts")]);
    expect(readSourceFile(path.join(dir, "pipe.ts"))).toEqual({ ok: false, status: "skipped", reason: "not a regular file" });
  });

  it("reports a file that is gone as a one-line read failure", async () => {
    const dir = tempDir();
    expect(readSourceFile(path.join(dir, "gone.ts"))).toEqual({
      ok: false,
      status: "failed",
      reason: "cannot read: ENOENT: no such file or directory",
    });
  });
});

describe("writeIfUnchanged", () => {
  it("replaces the file atomically and keeps its mode; no temp file stays", async () => {
    const dir = tempDir({ "a.ts": "old" });
    const file = path.join(dir, "a.ts");
    chmodSync(file, 0o750);
    await writeIfUnchanged(file, Buffer.from("new"), Buffer.from("old"));
    expect(readFileSync(file, "utf8")).toBe("new");
    expect(statSync(file).mode & 0o777).toBe(0o750);
    expect(readdirSync(dir)).toEqual(["a.ts"]);
  });

  it.each([
    ["changed", (file: string) => writeFileSync(file, "someone else's"), "changed on disk while settle was running; not overwritten"],
    ["deleted", (file: string) => execFileSync("rm", [file]), "deleted while settle was running; not recreated"],
  ])("refuses a file that was %s since it was read", async (_what, meddle, message) => {
    const dir = tempDir({ "a.ts": "old" });
    const file = path.join(dir, "a.ts");
    meddle(file);
    const error = await writeIfUnchanged(file, Buffer.from("new"), Buffer.from("old")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrentChangeError);
    expect((error as Error).message).toBe(message);
  });

  it("does not write through a symbolic link that replaced the file, even to identical bytes", async () => {
    const dir = tempDir({ "target.ts": "old" });
    const file = path.join(dir, "a.ts");
    symlinkSync("target.ts", file);
    const error = await writeIfUnchanged(file, Buffer.from("new"), Buffer.from("old")).catch((e: unknown) => e);
    expect((error as Error).message).toBe("replaced by a symbolic link while settle was running; not written");
    expect(readFileSync(path.join(dir, "target.ts"), "utf8")).toBe("old");
  });

  // Root may write any file; the CLI permission tests run settle as an unprivileged user instead.
  it.skipIf(isRoot)("refuses a read-only file (the rename alone would bypass its mode)", async () => {
    const dir = tempDir({ "a.ts": "old" });
    const file = path.join(dir, "a.ts");
    chmodSync(file, 0o444);
    const error = await writeIfUnchanged(file, Buffer.from("new"), Buffer.from("old")).catch((e: unknown) => e);
    expect(describeError(error)).toBe("EACCES: permission denied");
    expect(readFileSync(file, "utf8")).toBe("old");
  });
});

describe("describeError and oneLine", () => {
  it("shortens a Node I/O error to its code and text, without the path", () => {
    const error = Object.assign(new Error("EACCES: permission denied, open '/x/y.ts'"), { code: "EACCES" });
    expect(describeError(error)).toBe("EACCES: permission denied");
  });

  it("keeps other messages whole, on one line", () => {
    expect(describeError(new Error("first\n  second\r\nthird"))).toBe("first second third");
    expect(describeError("plain")).toBe("plain");
    expect(oneLine("  a\n\n b  ")).toBe("a b");
  });
});
