import { chmodSync, chownSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test as base } from "vitest";
import { runCli, TempDirs } from "../helpers/temp-repo.js";
import { HANDLER, rewrite } from "./hostile-repo.js";
import { expectNoStackTrace, fileBytes, parseResult, snapshotTree, statuses, unprivilegedUser } from "./helpers.js";

const it = base.extend<{ tmp: TempDirs }>({
  tmp: async ({}, use) => {
    const tmp = new TempDirs();
    await use(tmp);
    tmp.cleanup();
  },
});

const user = unprivilegedUser();
const unavailable = "unavailable" in user ? user.unavailable : undefined;

/** Hand the whole tree to the user the CLI runs as (only needed when that is not us). */
function giveTo(dir: string, as: { uid?: number; gid?: number }): void {
  if (as.uid === undefined || as.gid === undefined) return;
  const walk = (p: string) => {
    chownSync(p, as.uid!, as.gid!);
    if (statSync(p).isDirectory()) for (const name of readdirSync(p)) walk(path.join(p, name));
  };
  walk(dir);
}

// File modes do not bind root; as root the CLI runs as `nobody` (see unprivilegedUser), so these
// run in CI either way. Skipped only where no unprivileged process can be started.
describe.skipIf(unavailable !== undefined).concurrent(`files and folders settle may not read or write${unavailable ? ` (skipped: ${unavailable})` : ""}`, { timeout: 60_000 }, () => {
  const as = "unavailable" in user ? {} : user;

  it("an unreadable file, a read-only file, a file in a read-only folder and an unreadable folder: each reported, bytes and modes kept, the rest rewritten", async ({ tmp }) => {
    const dir = tmp.make({
      "ok.ts": HANDLER,
      "secret.ts": HANDLER,
      "read-only.ts": HANDLER,
      "locked/handler.ts": HANDLER,
      "closed/handler.ts": HANDLER,
      "closed/deeper/handler.ts": HANDLER,
    });
    giveTo(dir, as);
    chmodSync(path.join(dir, "secret.ts"), 0o000);
    chmodSync(path.join(dir, "read-only.ts"), 0o444);
    chmodSync(path.join(dir, "locked"), 0o555);
    chmodSync(path.join(dir, "closed"), 0o000);

    try {
      const res = await runCli(dir, ["--json", "--force"], 30_000, as);
      const result = parseResult(res);
      expect(res.code).toBe(1);
      expect(statuses(result)).toEqual({
        closed: "failed: cannot read folder: EACCES: permission denied; its files were not processed",
        "locked/handler.ts": "failed: cannot write: EACCES: permission denied",
        "ok.ts": "changed",
        "read-only.ts": "failed: cannot write: EACCES: permission denied",
        "secret.ts": "failed: cannot read: EACCES: permission denied",
      });
    } finally {
      chmodSync(path.join(dir, "closed"), 0o755);
      chmodSync(path.join(dir, "locked"), 0o755);
    }
    const after = snapshotTree(dir);
    const bytes = fileBytes(after);
    expect(bytes.get("ok.ts")!.toString()).toBe(rewrite(HANDLER));
    for (const rel of ["secret.ts", "read-only.ts", "locked/handler.ts", "closed/handler.ts", "closed/deeper/handler.ts"]) {
      expect(bytes.get(rel)!.toString(), rel).toBe(HANDLER);
    }
    expect(after.get("read-only.ts")).toMatchObject({ mode: 0o100444 });
    expect(after.get("secret.ts")).toMatchObject({ mode: 0o100000 });
    // No temp file was left beside the file that could not be written.
    expect(readdirSync(path.join(dir, "locked"))).toEqual(["handler.ts"]);
  });

  it("the text summary names each one on one line, without a stack trace", async ({ tmp }) => {
    const dir = tmp.make({ "ok.ts": HANDLER, "secret.ts": HANDLER, "closed/handler.ts": HANDLER });
    giveTo(dir, as);
    chmodSync(path.join(dir, "secret.ts"), 0o000);
    chmodSync(path.join(dir, "closed"), 0o000);

    try {
      const res = await runCli(dir, ["--force"], 30_000, as);
      expect(res.code).toBe(1);
      expectNoStackTrace(res.stderr);
      expect(res.stderr).toBe(
        [
          "settle: 1 file changed, 0 unchanged, 0 skipped, 2 failed, 0 findings",
          "",
          "failed:",
          "  closed  cannot read folder: EACCES: permission denied; its files were not processed",
          "  secret.ts  cannot read: EACCES: permission denied",
          "",
        ].join("\n"),
      );
    } finally {
      chmodSync(path.join(dir, "closed"), 0o755);
    }
  });

  it("an unreadable folder given as the path is reported, and the other paths are processed", async ({ tmp }) => {
    const dir = tmp.make({ "open/handler.ts": HANDLER, "closed/handler.ts": HANDLER });
    giveTo(dir, as);
    chmodSync(path.join(dir, "closed"), 0o000);
    try {
      const result = parseResult(await runCli(dir, ["--json", "--force", "closed", "open"], 30_000, as));
      expect(statuses(result)).toEqual({
        closed: "failed: cannot read folder: EACCES: permission denied; its files were not processed",
        "open/handler.ts": "changed",
      });
      expect(result.exitCode).toBe(1);
    } finally {
      chmodSync(path.join(dir, "closed"), 0o755);
    }
  });
});
